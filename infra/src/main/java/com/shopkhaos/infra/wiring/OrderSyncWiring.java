package com.shopkhaos.infra.wiring;

import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.intake.OrderEventPublisher;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.khaos.KhaosStockLevels;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import com.shopkhaos.model.ordersync.Checkpoints;
import com.shopkhaos.model.ordersync.KhaosConfirmationWatch;
import com.shopkhaos.model.ordersync.OrderEventsBacklog;
import com.shopkhaos.model.ordersync.OrderMappings;
import com.shopkhaos.model.ordersync.OrderRetryService;
import com.shopkhaos.model.ordersync.OrderSweepService;
import com.shopkhaos.model.ordersync.OrderSyncService;
import com.shopkhaos.model.ordersync.ReadinessPolicy;
import com.shopkhaos.model.ordersync.SalesOrderFormat;
import com.shopkhaos.model.ordersync.ScheduledOrderChecks;
import com.shopkhaos.model.ordersync.ShopOrders;
import com.shopkhaos.model.stock.InFlightOrders;
import com.shopkhaos.model.stock.StockChangePublisher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the order-sync flow (translation policy, readiness, sweep, confirmation watch, retry) from configuration. */
@Singleton
public class OrderSyncWiring {

    @Produces
    @Singleton
    OrderTranslationPolicy translationPolicy(@ConfigProperty(name = "shopkhaos.khaos-site") String site,
                                             @ConfigProperty(name = "shopkhaos.khaos-sales-source") String salesSource,
                                             @ConfigProperty(name = "shopkhaos.khaos-company-class") String companyClass,
                                             @ConfigProperty(name = "shopkhaos.khaos-currency") String currency,
                                             @ConfigProperty(name = "shopkhaos.khaos-couriers") Optional<String> couriers,
                                             @ConfigProperty(name = "shopkhaos.khaos-card-types") Optional<String> cardTypes,
                                             @ConfigProperty(name = "shopkhaos.khaos-account-payment-methods") Optional<String> account,
                                             @ConfigProperty(name = "shopkhaos.khaos-promotion-scopes") Optional<String> scopes) {
        return new OrderTranslationPolicy(site.strip(), salesSource.strip(), companyClass.strip(), currency.strip(),
                OrderTranslationPolicy.parsePairs(couriers.orElse(""), "KHAOS_COURIERS"),
                OrderTranslationPolicy.parsePairs(cardTypes.orElse(""), "KHAOS_CARD_TYPES"),
                list(account.orElse("")), list(scopes.orElse("")), java.util.Map.of());
    }

    private static Set<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    @Produces
    @Singleton
    ReadinessPolicy readiness(@ConfigProperty(name = "shopkhaos.order-ready-on") String readyOn) {
        return ReadinessPolicy.parse(readyOn);
    }

    @Produces
    @Singleton
    OrderSyncService orderSync(OrderLedger ledger, ExceptionLedger exceptions, ShopOrders shop, KhaosCatalogue catalogue,
                               KhaosStockLevels stock, InFlightOrders inFlight, StockChangePublisher stockChanges,
                               OrderMappings mappings, SalesOrderFormat format, OrderTranslationPolicy policy,
                               ReadinessPolicy readiness, Clock clock) {
        return new OrderSyncService(ledger, exceptions, shop, catalogue, stock, inFlight, stockChanges, mappings, format, policy, readiness, clock);
    }

    @Produces
    @Singleton
    OrderSweepService orderSweep(ShopRegistry shops, ShopOrders shopOrders, OrderLedger ledger, ExceptionLedger exceptions,
                                 OrderEventPublisher publisher, OrderEventsBacklog backlog, Checkpoints checkpoints,
                                 @ConfigProperty(name = "shopkhaos.order-sweep-go-live") Optional<String> goLive,
                                 @ConfigProperty(name = "shopkhaos.order-sweep-grace", defaultValue = "10m") Duration grace,
                                 Clock clock) {
        return new OrderSweepService(shops, shopOrders, ledger, exceptions, publisher, backlog, checkpoints,
                goLive.filter(s -> !s.isBlank()).map(OrderSyncWiring::instant), grace, clock);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ORDER_SWEEP_GO_LIVE must be a UTC time like 2026-12-01T00:00:00Z, was \""
                    + text + "\"");
        }
    }

    @Produces
    @Singleton
    KhaosConfirmationWatch confirmationWatch(OrderLedger ledger, ExceptionLedger exceptions,
                                             @ConfigProperty(name = "shopkhaos.khaos-confirmation-after", defaultValue = "4h") Duration after,
                                             Clock clock) {
        return new KhaosConfirmationWatch(ledger, exceptions, after, clock);
    }

    @Produces
    @Singleton
    ScheduledOrderChecks scheduledChecks(OrderSweepService sweep, KhaosConfirmationWatch confirmations) {
        return new ScheduledOrderChecks(sweep, confirmations);
    }

    @Produces
    @Singleton
    OrderRetryService orderRetry(OrderLedger ledger, OrderEventPublisher publisher, Clock clock,
                                 com.shopkhaos.model.despatch.DespatchPublisher despatches) {
        return new OrderRetryService(ledger, publisher, clock, new com.shopkhaos.model.despatch.DespatchRequeue(ledger, despatches));
    }
}
