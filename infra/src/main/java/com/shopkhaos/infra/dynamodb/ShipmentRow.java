package com.shopkhaos.infra.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * One shipment as the {@code shipments} table keeps it, mapped by the DynamoDB Enhanced Client. The schema is static
 * (fields named here, no bean introspection), so it needs no reflection in a native build. {@code version}
 * is the Enhanced Client's optimistic lock: a row written with no version must not exist yet, a row written with
 * version n must still hold n, and the client stores n + 1.
 */
final class ShipmentRow {
    static final TableSchema<ShipmentRow> SCHEMA = StaticTableSchema.builder(ShipmentRow.class)
            .newItemSupplier(ShipmentRow::new)
            .addAttribute(String.class, a -> a.name("orderId").getter(r -> r.orderId).setter((r, v) -> r.orderId = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("shipmentId").getter(r -> r.shipmentId).setter((r, v) -> r.shipmentId = v)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("shipment").getter(r -> r.shipment).setter((r, v) -> r.shipment = v))
            .addAttribute(String.class, a -> a.name("status").getter(r -> r.status).setter((r, v) -> r.status = v))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(r -> r.updatedAt).setter((r, v) -> r.updatedAt = v))
            .addAttribute(Long.class, a -> a.name("version").getter(r -> r.version).setter((r, v) -> r.version = v)
                    .tags(versionAttribute()))
            .build();

    String orderId;
    String shipmentId;
    /** The shipment as Khaos reported it, as JSON. */
    String shipment;
    String status;
    /** Sortable UTC time text ({@link Attributes#sortable}). */
    String updatedAt;
    /** The version this row was read at ({@code null}: a row not written yet). */
    Long version;
}
