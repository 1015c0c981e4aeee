package com.shopkhaos.infra.config;

import com.shopkhaos.model.order.OrderTranslationPolicy;
import com.shopkhaos.model.ordersync.ReadinessPolicy;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * How a shop order becomes a Khaos sales order, and when it may go ({@code KHAOS_SITE}, {@code KHAOS_SALES_SOURCE},
 * {@code KHAOS_COMPANY_CLASS}, {@code KHAOS_CURRENCY}, {@code KHAOS_COURIERS}, {@code KHAOS_CARD_TYPES},
 * {@code KHAOS_ACCOUNT_PAYMENT_METHODS}, {@code KHAOS_PROMOTION_SCOPES}, {@code ORDER_READY_ON}). The ops API reads
 * the couriers alone (its console suggests them), so what order-sync needs is required by {@link #translationPolicy()}
 * and {@link #readiness()}, not here. {@code KHAOS_COURIERS} is read in one place, {@link Couriers}: a malformed value
 * stops the start-up of every function that is given it.
 */
@ConfigMapping(prefix = "shopkhaos")
public interface KhaosOrderSettings {
    Setting SITE = Setting.of("KHAOS_SITE", "shopkhaos.khaos-site");
    Setting SALES_SOURCE = Setting.of("KHAOS_SALES_SOURCE", "shopkhaos.khaos-sales-source");
    Setting COMPANY_CLASS = Setting.of("KHAOS_COMPANY_CLASS", "shopkhaos.khaos-company-class");
    Setting CURRENCY = Setting.of("KHAOS_CURRENCY", "shopkhaos.khaos-currency");
    Setting COURIERS = Setting.of("KHAOS_COURIERS", "shopkhaos.khaos-couriers");
    Setting CARD_TYPES = Setting.of("KHAOS_CARD_TYPES", "shopkhaos.khaos-card-types");
    Setting READY_ON = Setting.of("ORDER_READY_ON", "shopkhaos.order-ready-on");

    Optional<String> khaosSite();

    Optional<String> khaosSalesSource();

    Optional<String> khaosCompanyClass();

    Optional<String> khaosCurrency();

    /** delivery method {@code =} Khaos courier code, comma-separated */
    @WithConverter(Couriers.class)
    Optional<Pairs> khaosCouriers();

    /** payment method technical name {@code =} Khaos card type, comma-separated */
    @WithConverter(CardTypes.class)
    Optional<Pairs> khaosCardTypes();

    /** payment methods that put the order on account, comma-separated */
    Optional<String> khaosAccountPaymentMethods();

    /** promotion scopes spread over the lines, comma-separated */
    Optional<String> khaosPromotionScopes();

    /** {@code placed} or {@code paid} */
    @WithConverter(ReadyOn.class)
    Optional<ReadinessPolicy> orderReadyOn();

    /** The configured couriers, delivery method → Khaos courier code (empty when not set). */
    default Map<String, String> couriers() {
        return khaosCouriers().orElse(Pairs.NONE).map();
    }

    /** The translation policy order-sync works by; refuses a missing site, sales source, company class or currency. */
    default OrderTranslationPolicy translationPolicy() {
        return new OrderTranslationPolicy(SITE.required(khaosSite()).strip(), SALES_SOURCE.required(khaosSalesSource()).strip(),
                COMPANY_CLASS.required(khaosCompanyClass()).strip(), CURRENCY.required(khaosCurrency()).strip(),
                couriers(), khaosCardTypes().orElse(Pairs.NONE).map(),
                Set.copyOf(CommaList.of(khaosAccountPaymentMethods().orElse(""))),
                Set.copyOf(CommaList.of(khaosPromotionScopes().orElse(""))), Map.of());
    }

    /** When an order may go to Khaos; refuses a missing {@code ORDER_READY_ON}. */
    default ReadinessPolicy readiness() {
        return READY_ON.required(orderReadyOn());
    }

    /** Reads {@code KHAOS_COURIERS}: the one reading, for order-sync and the ops console alike. */
    @RegisterForReflection
    final class Couriers implements Converter<Pairs> {
        @Override
        public Pairs convert(String value) {
            return COURIERS.convert(value, text -> new Pairs(OrderTranslationPolicy.parsePairs(text, COURIERS.toString())));
        }
    }

    @RegisterForReflection
    final class CardTypes implements Converter<Pairs> {
        @Override
        public Pairs convert(String value) {
            return CARD_TYPES.convert(value, text -> new Pairs(OrderTranslationPolicy.parsePairs(text, CARD_TYPES.toString())));
        }
    }

    @RegisterForReflection
    final class ReadyOn implements Converter<ReadinessPolicy> {
        @Override
        public ReadinessPolicy convert(String value) {
            return READY_ON.convert(value, text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "placed", "on_placed", "on-placed" -> ReadinessPolicy.ON_PLACED;
                case "paid", "on_paid", "on-paid" -> ReadinessPolicy.ON_PAID;
                default -> throw new IllegalArgumentException(READY_ON + " must be \"placed\" or \"paid\", was \"" + text + "\"");
            });
        }
    }
}
