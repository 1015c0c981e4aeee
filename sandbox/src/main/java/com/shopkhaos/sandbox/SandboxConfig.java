package com.shopkhaos.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The sandbox's own settings ({@code sandbox.*}, from {@code SANDBOX_*} and {@code KHAOS_SIM_*}; their defaults are in
 * {@code application.properties}, as the README's sandbox table lists them). The flows' settings are infra's
 * ({@code com.shopkhaos.infra.config}); what the sandbox reads before anything starts is {@link SandboxSettings}.
 */
@ConfigMapping(prefix = "sandbox")
public interface SandboxConfig {

    /** the simulators' random seed ({@code SANDBOX_SEED}) */
    long seed();

    /** how the simulated shop sends webhooks ({@code SANDBOX_WEBHOOK_MODE}) */
    String webhookMode();

    /** faults the simulated shop starts with, JSON ({@code SANDBOX_SHOPWARE_FAULTS}) */
    Optional<String> shopwareFaults();

    /** the simulated shop's settings at start-up, the JSON of {@code PUT /shopware-sim/_control/settings} ({@code SHOPWARE_SIM_SETTINGS}) */
    Optional<String> shopwareSettings();

    Demo demo();

    Khaos khaos();

    OrderSync orderSync();

    Timer sweep();

    Workers stockPush();

    Timer stockReconcile();

    Workers despatch();

    PersonalData personalData();

    /** the demo switch ({@code SANDBOX_DEMO_ORDERS_PER_MINUTE}) */
    interface Demo {
        int ordersPerMinute();
    }

    /**
     * the Khaos Control Cloud simulator ({@code KHAOS_SIM_POLL_SECONDS}, {@code KHAOS_SIM_AUTO_DESPATCH_SECONDS},
     * {@code KHAOS_SIM_FAULTS}, and {@code KHAOS_SIM_SETTINGS}: the JSON of {@code PUT /khaos-sim/_control/settings})
     */
    interface Khaos {
        double pollSeconds();

        long autoDespatchSeconds();

        Optional<String> faults();

        Optional<String> settings();
    }

    /** the order-sync consumer ({@code SANDBOX_ORDER_SYNC_WORKERS}, {@code SANDBOX_ORDER_SYNC_VISIBILITY_SECONDS}) */
    interface OrderSync {
        int workers();

        int visibilitySeconds();
    }

    /** a queue consumer's workers ({@code SANDBOX_STOCK_PUSH_WORKERS}, {@code SANDBOX_DESPATCH_WORKERS}) */
    interface Workers {
        int workers();
    }

    /** a timer's period ({@code SANDBOX_SWEEP_SECONDS}, {@code SANDBOX_STOCK_RECONCILE_SECONDS}) */
    interface Timer {
        int seconds();
    }

    /** the daily personal data retention run ({@code SANDBOX_PERSONAL_DATA_SECONDS}) */
    interface PersonalData {
        @WithDefault("86400")
        long seconds();
    }
}
