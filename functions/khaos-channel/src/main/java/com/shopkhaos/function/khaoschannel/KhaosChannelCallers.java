package com.shopkhaos.function.khaoschannel;

import com.shopkhaos.infra.http.KhaosChannelAuthentication;
import com.shopkhaos.infra.http.KhaosChannelCaller;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;

/** Only Khaos Control Cloud, with the channel's credentials, reaches the channel's routes (defined in {@link KhaosChannelAuthentication}). */
@Provider
@KhaosChannelCaller
@Priority(Priorities.AUTHENTICATION)
public class KhaosChannelCallers extends KhaosChannelAuthentication {
}
