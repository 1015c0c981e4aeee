package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo switch and shop faults set by configuration: orders flow in at a steady rate with no one placing them. */
class SandboxDemoIT {

    @Test
    void theDemoSwitch_placesOrdersThatArriveInTheLedger_withFaultsFromTheEnvironment() throws Exception {
        try (RunningSandbox sandbox = RunningSandbox.start(Map.of("SANDBOX_DEMO_ORDERS_PER_MINUTE", "120",
                "SANDBOX_SHOPWARE_FAULTS", "{\"seed\":7,\"webhookCopies\":2}", "KHAOS_SIM_POLL_SECONDS", "1"))) {
            assertThat(sandbox.output()).contains("demo placing 120 orders a minute");
            assertThat(sandbox.json("GET", "/shopware-sim/_control/faults", null).path("webhookCopies").asInt()).isEqualTo(2);
            Instant deadline = Instant.now().plusSeconds(45);
            JsonNode imported = null;
            while (Instant.now().isBefore(deadline)) {
                imported = sandbox.json("GET", "/sandbox/orders?state=IMPORTED", null);
                if (imported.size() >= 3) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(imported).as("demo orders imported by the simulated Khaos").hasSizeGreaterThanOrEqualTo(3);
            assertThat(sandbox.json("GET", "/sandbox/intake", null).path("outcomes").path("DUPLICATE").asInt()).isPositive();
        }
    }
}
