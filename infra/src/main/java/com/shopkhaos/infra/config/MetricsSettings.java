package com.shopkhaos.infra.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The embedded metrics the alarms watch: their CloudWatch namespace and {@code Stack} dimension ({@code METRICS_NAMESPACE},
 * {@code STACK_NAME}).
 */
@ConfigMapping(prefix = "shopkhaos")
public interface MetricsSettings {

    @WithDefault("ShopKhaos")
    String metricsNamespace();

    @WithDefault("local")
    String stackName();
}
