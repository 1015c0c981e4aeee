package com.shopkhaos.function.khaoschannel;

import com.shopkhaos.model.khaos.KhaosChannelService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/** Builds the channel at start-up (reading its credentials by ARN then), so SnapStart's snapshot holds it ready. */
public class ChannelStartup {
    void warm(@Observes StartupEvent started, KhaosChannelService channel) {
        // injecting it is enough to create it
    }
}
