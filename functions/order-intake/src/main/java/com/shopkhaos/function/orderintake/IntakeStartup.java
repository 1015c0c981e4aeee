package com.shopkhaos.function.orderintake;

import com.shopkhaos.model.app.AppRegistrationService;
import com.shopkhaos.model.intake.WebhookIntakeService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/** Builds the services at start-up (reading the app secret by its ARN then), so SnapStart's snapshot holds them ready. */
public class IntakeStartup {
    void warm(@Observes StartupEvent started, WebhookIntakeService intake, AppRegistrationService registration) {
        // injecting them is enough to create them
    }
}
