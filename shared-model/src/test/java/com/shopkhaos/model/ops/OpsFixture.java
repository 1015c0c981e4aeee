package com.shopkhaos.model.ops;

import com.shopkhaos.model.exceptionledger.InMemoryExceptionLedger;
import com.shopkhaos.model.intake.InMemoryOrderEventPublisher;
import com.shopkhaos.model.khaos.InMemoryKhaosCatalogue;
import com.shopkhaos.model.ledger.InMemoryOrderLedger;
import com.shopkhaos.model.ordersync.InMemoryOrderMappings;
import com.shopkhaos.model.ordersync.OrderRetryService;
import com.shopkhaos.model.stock.InMemoryStockChangePublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The ops use cases wired on the shared in-memory fakes, one per port. */
final class OpsFixture {
    final Instant now = Instant.parse("2026-11-27T10:00:00Z");
    final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    final InMemoryExceptionLedger exceptions = new InMemoryExceptionLedger();
    final InMemoryOrderLedger orders = new InMemoryOrderLedger();
    final InMemoryOpsActionLog actions = new InMemoryOpsActionLog();
    final InMemoryOrderEventPublisher events = new InMemoryOrderEventPublisher();
    final InMemoryStockChangePublisher stockChanges = new InMemoryStockChangePublisher();
    final InMemoryOrderMappings mappings = new InMemoryOrderMappings();
    final InMemoryKhaosCatalogue catalogue = new InMemoryKhaosCatalogue();
    final ExceptionViews views = new ExceptionViews(exceptions, orders);
    final OpsMappings opsMappings = new OpsMappings(exceptions, mappings, actions, stockChanges, views, clock,
            Optional.of(catalogue), List.of("DPDND", "RM24"));
    final ExceptionListing listing = new ExceptionListing(exceptions, views, actions, opsMappings, clock);
    final ExceptionActions exceptionActions = new ExceptionActions(exceptions, actions,
            new OrderRetryService(orders, events, clock), stockChanges, mappings, clock);
    final ProblemSummary summary = new ProblemSummary(exceptions, clock);
}
