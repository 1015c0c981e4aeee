package com.shopkhaos.infra.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The DynamoDB tables ({@code shopkhaos.*-table}, from {@code *_TABLE}). Each function's {@code application.properties}
 * names only the tables it uses, so every name is optional here; the adapter that uses a table asks for it by its
 * accessor without the {@code Table} suffix ({@link #orders()} …), which refuses a missing one naming the variable and the
 * property. The adapters are built at start-up (each function's start-up bean), so a missing table stops the start-up.
 */
@ConfigMapping(prefix = "shopkhaos")
public interface TableNames {
    /** the order ledger ({@code ORDERS_TABLE}) */
    Optional<String> ordersTable();

    default String orders() {
        return Setting.of("ORDERS_TABLE", "shopkhaos.orders-table").required(ordersTable());
    }

    /** the exception ledger ({@code EXCEPTIONS_TABLE}) */
    Optional<String> exceptionsTable();

    default String exceptions() {
        return Setting.of("EXCEPTIONS_TABLE", "shopkhaos.exceptions-table").required(exceptionsTable());
    }

    /** the mappings people add ({@code MAPPINGS_TABLE}) */
    Optional<String> mappingsTable();

    default String mappings() {
        return Setting.of("MAPPINGS_TABLE", "shopkhaos.mappings-table").required(mappingsTable());
    }

    /** the sweep's watermark per shop ({@code CHECKPOINTS_TABLE}) */
    Optional<String> checkpointsTable();

    default String checkpoints() {
        return Setting.of("CHECKPOINTS_TABLE", "shopkhaos.checkpoints-table").required(checkpointsTable());
    }

    /** the customer returns we send Khaos ({@code RETURNS_TABLE}) */
    Optional<String> returnsTable();

    default String returns() {
        return Setting.of("RETURNS_TABLE", "shopkhaos.returns-table").required(returnsTable());
    }

    /** the nights' reconciliation reports ({@code RECONCILIATION_TABLE}) */
    Optional<String> reconciliationTable();

    default String reconciliation() {
        return Setting.of("RECONCILIATION_TABLE", "shopkhaos.reconciliation-table").required(reconciliationTable());
    }

    /** the go-live audit's runs and findings ({@code AUDIT_TABLE}) */
    Optional<String> auditTable();

    default String audit() {
        return Setting.of("AUDIT_TABLE", "shopkhaos.audit-table").required(auditTable());
    }

    /** the Khaos catalogue ({@code KHAOS_CATALOGUE_TABLE}) */
    Optional<String> khaosCatalogueTable();

    default String khaosCatalogue() {
        return Setting.of("KHAOS_CATALOGUE_TABLE", "shopkhaos.khaos-catalogue-table").required(khaosCatalogueTable());
    }

    /** raw pushes from Khaos ({@code KHAOS_INBOX_TABLE}) */
    Optional<String> khaosInboxTable();

    default String khaosInbox() {
        return Setting.of("KHAOS_INBOX_TABLE", "shopkhaos.khaos-inbox-table").required(khaosInboxTable());
    }

    /** the served download pages ({@code KHAOS_ORDER_PAGES_TABLE}) */
    Optional<String> khaosOrderPagesTable();

    default String khaosOrderPages() {
        return Setting.of("KHAOS_ORDER_PAGES_TABLE", "shopkhaos.khaos-order-pages-table").required(khaosOrderPagesTable());
    }

    /** the latest Khaos stock figures ({@code STOCK_TABLE}) */
    Optional<String> stockTable();

    default String stock() {
        return Setting.of("STOCK_TABLE", "shopkhaos.stock-table").required(stockTable());
    }

    /** in-flight holds and stock input sequences ({@code IN_FLIGHT_TABLE}) */
    Optional<String> inFlightTable();

    default String inFlight() {
        return Setting.of("IN_FLIGHT_TABLE", "shopkhaos.in-flight-table").required(inFlightTable());
    }

    /** the stock the shop shows ({@code WEB_STOCK_TABLE}) */
    Optional<String> webStockTable();

    default String webStock() {
        return Setting.of("WEB_STOCK_TABLE", "shopkhaos.web-stock-table").required(webStockTable());
    }

    /** every shipment Khaos reported ({@code SHIPMENTS_TABLE}) */
    Optional<String> shipmentsTable();

    default String shipments() {
        return Setting.of("SHIPMENTS_TABLE", "shopkhaos.shipments-table").required(shipmentsTable());
    }

    /** who did what in the console ({@code OPS_ACTIONS_TABLE}) */
    Optional<String> opsActionsTable();

    default String opsActions() {
        return Setting.of("OPS_ACTIONS_TABLE", "shopkhaos.ops-actions-table").required(opsActionsTable());
    }

    /**
     * Where the arrival times are noted ({@code CHECKPOINTS_TABLE} again, for the functions that note them and the ops
     * API's health view); not set or blank: none are noted.
     */
    Optional<String> arrivalsTable();

    default Optional<String> arrivals() {
        return arrivalsTable().filter(t -> !t.isBlank());
    }
}
