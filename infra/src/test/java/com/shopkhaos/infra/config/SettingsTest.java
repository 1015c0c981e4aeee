package com.shopkhaos.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.ordersync.ReadinessPolicy;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings as the functions read them, without starting Quarkus: the properties as an {@code application.properties}
 * writes them ({@code shopkhaos.khaos-couriers=${KHAOS_COURIERS:}}), the variables as the template sets them. A bad value
 * stops the reading of the configuration (the start-up) with a message naming the variable and the property.
 */
class SettingsTest {

    /** As order-sync's application.properties has them, plus what the template sets (here: a plain property of that name). */
    private static Map<String, String> orderSync(Map<String, String> environment) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of(
                "shopkhaos.khaos-site", "${KHAOS_SITE}",
                "shopkhaos.khaos-sales-source", "${KHAOS_SALES_SOURCE}",
                "shopkhaos.khaos-company-class", "${KHAOS_COMPANY_CLASS}",
                "shopkhaos.khaos-currency", "${KHAOS_CURRENCY}",
                "shopkhaos.khaos-couriers", "${KHAOS_COURIERS:}",
                "shopkhaos.khaos-card-types", "${KHAOS_CARD_TYPES:}",
                "shopkhaos.order-ready-on", "${ORDER_READY_ON}",
                "shopkhaos.order-sweep-go-live", "${ORDER_SWEEP_GO_LIVE:}",
                "shopkhaos.order-sweep-grace", "${ORDER_SWEEP_GRACE:10m}",
                "shopkhaos.orders-table", "${ORDERS_TABLE}"));
        properties.putAll(Map.of("KHAOS_SITE", "1", "KHAOS_SALES_SOURCE", "WEB", "KHAOS_COMPANY_CLASS", "Web Customer",
                "KHAOS_CURRENCY", "GBP", "ORDER_READY_ON", "paid", "ORDERS_TABLE", "stack-orders"));
        properties.putAll(environment);
        return properties;
    }

    private static SmallRyeConfig read(Map<String, String> properties, Class<?>... mappings) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultInterceptors().addDiscoveredConverters()
                // as infra's META-INF/microprofile-config.properties has it for every module: shopkhaos.* not mapped is no error
                .withValidateUnknown(false)
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250));
        for (Class<?> mapping : mappings) {
            builder.withMapping(mapping);
        }
        return builder.build();
    }

    @Test
    void khaosCouriers_areDeliveryMethodEqualsCourierCode_inOrder_forOrderSyncAndTheOpsConsoleAlike() {
        KhaosOrderSettings settings = read(orderSync(Map.of("KHAOS_COURIERS",
                "royal_mail_tracked_48=RM48, dpd_next_day = DPDND,click_and_collect=COLLECT")), KhaosOrderSettings.class)
                .getConfigMapping(KhaosOrderSettings.class);

        assertThat(settings.couriers()).containsExactly(Map.entry("royal_mail_tracked_48", "RM48"),
                Map.entry("dpd_next_day", "DPDND"), Map.entry("click_and_collect", "COLLECT"));
        assertThat(settings.translationPolicy().couriers()).containsEntry("dpd_next_day", "DPDND").hasSize(3);
        assertThat(List.copyOf(settings.couriers().values())).as("the codes the ops console suggests")
                .containsExactly("RM48", "DPDND", "COLLECT");
        assertThat(settings.readiness()).isEqualTo(ReadinessPolicy.ON_PAID);
    }

    @Test
    void khaosCouriers_notSetOrEmpty_areNone() {
        assertThat(read(orderSync(Map.of()), KhaosOrderSettings.class).getConfigMapping(KhaosOrderSettings.class).couriers())
                .isEmpty();
        assertThat(read(orderSync(Map.of("KHAOS_COURIERS", "")), KhaosOrderSettings.class)
                .getConfigMapping(KhaosOrderSettings.class).translationPolicy().couriers()).isEmpty();
    }

    @Test
    void aMalformedKhaosCouriers_stopsTheStartUp_namingIt() {
        assertThatThrownBy(() -> read(orderSync(Map.of("KHAOS_COURIERS", "royal_mail_tracked_48=RM48,dpd_next_day")),
                KhaosOrderSettings.class))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("KHAOS_COURIERS (shopkhaos.khaos-couriers) entry \"dpd_next_day\" is not key=value");
    }

    @Test
    void aMalformedGoLive_stopsTheStartUp_namingIt() {
        assertThatThrownBy(() -> read(orderSync(Map.of("ORDER_SWEEP_GO_LIVE", "1 December 2026")), OrderSweepSettings.class))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("ORDER_SWEEP_GO_LIVE (shopkhaos.order-sweep-go-live) must be a UTC time like "
                        + "2026-12-01T00:00:00Z, was \"1 December 2026\"");
    }

    @Test
    void theGoLive_isAnInstantOrNone_andTheGraceADuration() {
        OrderSweepSettings set = read(orderSync(Map.of("ORDER_SWEEP_GO_LIVE", " 2026-12-01T00:00:00Z ", "ORDER_SWEEP_GRACE", "30s")),
                OrderSweepSettings.class).getConfigMapping(OrderSweepSettings.class);
        assertThat(set.orderSweepGoLive()).contains(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(set.orderSweepGrace()).isEqualTo(Duration.ofSeconds(30));

        OrderSweepSettings unset = read(orderSync(Map.of()), OrderSweepSettings.class).getConfigMapping(OrderSweepSettings.class);
        assertThat(unset.orderSweepGoLive()).isEmpty();
        assertThat(unset.orderSweepGrace()).isEqualTo(Duration.ofMinutes(10));
        assertThat(unset.khaosConfirmationAfter()).as("the mapping's default").isEqualTo(Duration.ofHours(4));
    }

    @Test
    void aBadValueOfTheCore_isRefusedNamingTheSetting() {
        assertThatThrownBy(() -> read(orderSync(Map.of("ORDER_READY_ON", "shipped")), KhaosOrderSettings.class))
                .hasMessageContaining("ORDER_READY_ON (shopkhaos.order-ready-on) must be \"placed\" or \"paid\", was \"shipped\"");
        assertThatThrownBy(() -> read(Map.of("shopkhaos.khaos-tax-rates", "1=20,2=x"), KhaosChannelSettings.class))
                .hasMessageContaining("KHAOS_TAX_RATES (shopkhaos.khaos-tax-rates) entry \"2=x\" has no number after =");
        assertThatThrownBy(() -> read(Map.of("shopkhaos.writeback-retry-after", "0s"), WritebackSettings.class))
                .hasMessageContaining("WRITEBACK_RETRY_AFTER (shopkhaos.writeback-retry-after)");
        WritebackSettings noAttempts = read(Map.of("shopkhaos.writeback-attempts", "0"), WritebackSettings.class)
                .getConfigMapping(WritebackSettings.class);
        assertThatThrownBy(noAttempts::despatchSettings).hasMessageContaining("WRITEBACK_ATTEMPTS (shopkhaos.writeback-attempts)");
        StockSyncSettings bigBatch = read(Map.of("shopkhaos.stock-sync-batch", "5000"), StockSyncSettings.class)
                .getConfigMapping(StockSyncSettings.class);
        assertThatThrownBy(bigBatch::stockSettings).hasMessageContaining("STOCK_SYNC_BATCH (shopkhaos.stock-sync-batch)");
    }

    @Test
    void aTableTheFunctionUses_butIsNotGiven_isRefusedNamingIt() {
        TableNames tables = read(orderSync(Map.of("ORDERS_TABLE", "")), TableNames.class).getConfigMapping(TableNames.class);
        assertThatThrownBy(tables::orders).hasMessage("ORDERS_TABLE (shopkhaos.orders-table) is not set");
        assertThatThrownBy(tables::mappings).hasMessage("MAPPINGS_TABLE (shopkhaos.mappings-table) is not set");
        assertThat(read(orderSync(Map.of()), TableNames.class).getConfigMapping(TableNames.class).orders()).isEqualTo("stack-orders");
    }
}
