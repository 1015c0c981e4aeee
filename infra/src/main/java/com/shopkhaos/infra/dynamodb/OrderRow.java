package com.shopkhaos.infra.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * One order as the {@code orders} table keeps it, mapped by the DynamoDB Enhanced Client with a static schema (fields
 * named here, no bean introspection, so nothing to register for a native build). The attribute names and types are the
 * ones the table has always held, so entries written before the Enhanced Client read back unchanged. {@code version} is
 * the client's optimistic lock: a row written with no version must not exist yet, a row written with version n must
 * still hold n, and the client stores n + 1. A {@code null} field is left out of the item (an absent attribute reads
 * back as empty). Only {@link DynamoOrderLedger} and {@link DynamoPersonalDataStores} read these rows.
 */
final class OrderRow {
    static final String BY_STATE = "by-state";
    static final String BY_ORDER_NUMBER = "by-order-number";

    static final TableSchema<TimelineRow> TIMELINE_SCHEMA = StaticTableSchema.builder(TimelineRow.class)
            .newItemSupplier(TimelineRow::new)
            .addAttribute(String.class, a -> a.name("at").getter(r -> r.at).setter((r, v) -> r.at = v))
            .addAttribute(String.class, a -> a.name("state").getter(r -> r.state).setter((r, v) -> r.state = v))
            .addAttribute(String.class, a -> a.name("event").getter(r -> r.event).setter((r, v) -> r.event = v))
            .addAttribute(String.class, a -> a.name("detail").getter(r -> r.detail).setter((r, v) -> r.detail = v))
            .build();

    static final TableSchema<OrderRow> SCHEMA = StaticTableSchema.builder(OrderRow.class)
            .newItemSupplier(OrderRow::new)
            .addAttribute(String.class, a -> a.name("orderId").getter(r -> r.orderId).setter((r, v) -> r.orderId = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("shopId").getter(r -> r.shopId).setter((r, v) -> r.shopId = v))
            .addAttribute(String.class, a -> a.name("orderNumber").getter(r -> r.orderNumber)
                    .setter((r, v) -> r.orderNumber = v).tags(secondaryPartitionKey(BY_ORDER_NUMBER)))
            .addAttribute(String.class, a -> a.name("state").getter(r -> r.state).setter((r, v) -> r.state = v)
                    .tags(secondaryPartitionKey(BY_STATE)))
            .addAttribute(Long.class, a -> a.name("version").getter(r -> r.version).setter((r, v) -> r.version = v)
                    .tags(versionAttribute()))
            .addAttribute(String.class, a -> a.name("createdAt").getter(r -> r.createdAt).setter((r, v) -> r.createdAt = v))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(r -> r.updatedAt).setter((r, v) -> r.updatedAt = v)
                    .tags(secondarySortKey(BY_STATE)))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(r -> r.expiresAt).setter((r, v) -> r.expiresAt = v))
            .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(TimelineRow.class, TIMELINE_SCHEMA,
                            d -> d.ignoreNulls(true))),
                    a -> a.name("timeline").getter(r -> r.timeline).setter((r, v) -> r.timeline = v))
            .addAttribute(EnhancedType.listOf(String.class),
                    a -> a.name("eventIds").getter(r -> r.eventIds).setter((r, v) -> r.eventIds = v))
            .addAttribute(EnhancedType.listOf(String.class),
                    a -> a.name("exceptionIds").getter(r -> r.exceptionIds).setter((r, v) -> r.exceptionIds = v))
            .addAttribute(String.class, a -> a.name("salesOrder").getter(r -> r.salesOrder).setter((r, v) -> r.salesOrder = v))
            .addAttribute(SdkBytes.class, a -> a.name("salesOrderGzip").getter(r -> r.salesOrderGzip)
                    .setter((r, v) -> r.salesOrderGzip = v))
            .addAttribute(String.class, a -> a.name("servedPage").getter(r -> r.servedPage).setter((r, v) -> r.servedPage = v))
            .addAttribute(String.class, a -> a.name("downloadedAt").getter(r -> r.downloadedAt)
                    .setter((r, v) -> r.downloadedAt = v))
            .addAttribute(String.class, a -> a.name("khaosOrderCode").getter(r -> r.khaosOrderCode)
                    .setter((r, v) -> r.khaosOrderCode = v))
            .addAttribute(String.class, a -> a.name("khaosOrderId").getter(r -> r.khaosOrderId)
                    .setter((r, v) -> r.khaosOrderId = v))
            .addAttribute(String.class, a -> a.name("khaosStatus").getter(r -> r.khaosStatus).setter((r, v) -> r.khaosStatus = v))
            .addAttribute(String.class, a -> a.name(DynamoOrderLedger.PERSONAL_DATA_ERASED_AT).getter(r -> r.personalDataErasedAt)
                    .setter((r, v) -> r.personalDataErasedAt = v))
            .addAttribute(String.class, a -> a.name("heldStock").getter(r -> r.heldStock).setter((r, v) -> r.heldStock = v))
            .build();

    String orderId;
    String shopId;
    String orderNumber;
    /** The core's {@code OrderState} by name. */
    String state;
    /** The version this row was read at ({@code null}: a row not written yet). */
    Long version;
    /** Sortable UTC time text ({@link Attributes#sortable}), like every time below. */
    String createdAt;
    String updatedAt;
    /** The table's TTL: epoch seconds. */
    Long expiresAt;
    List<TimelineRow> timeline;
    List<String> eventIds;
    List<String> exceptionIds;
    /** The sales order as served, when small ({@link LargeText}); else {@link #salesOrderGzip}. */
    String salesOrder;
    SdkBytes salesOrderGzip;
    String servedPage;
    String downloadedAt;
    String khaosOrderCode;
    String khaosOrderId;
    String khaosStatus;
    String personalDataErasedAt;
    /**
     * The stock the order's holds take ({@code HeldStock}): one {@code units:stockCode} per line, {@code -} for nothing;
     * absent when not recorded (an entry written before the ledger kept it).
     */
    String heldStock;

    /** One step of the order's timeline, a map inside the {@code timeline} list. */
    static final class TimelineRow {
        String at;
        String state;
        String event;
        String detail;
    }
}
