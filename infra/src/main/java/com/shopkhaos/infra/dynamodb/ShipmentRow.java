package com.shopkhaos.infra.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * One shipment as the {@code shipments} table keeps it, mapped by the DynamoDB Enhanced Client. The schema is static
 * (getters and setters named here, no bean introspection), so it needs no reflection in a native build. {@code version}
 * is the Enhanced Client's optimistic lock: a row written with no version must not exist yet, a row written with
 * version n must still hold n, and the client stores n + 1.
 */
final class ShipmentRow {
    static final TableSchema<ShipmentRow> SCHEMA = StaticTableSchema.builder(ShipmentRow.class)
            .newItemSupplier(ShipmentRow::new)
            .addAttribute(String.class, a -> a.name("orderId").getter(ShipmentRow::orderId).setter(ShipmentRow::orderId)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("shipmentId").getter(ShipmentRow::shipmentId)
                    .setter(ShipmentRow::shipmentId).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("shipment").getter(ShipmentRow::shipment).setter(ShipmentRow::shipment))
            .addAttribute(String.class, a -> a.name("status").getter(ShipmentRow::status).setter(ShipmentRow::status))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(ShipmentRow::updatedAt).setter(ShipmentRow::updatedAt))
            .addAttribute(Long.class, a -> a.name("version").getter(ShipmentRow::version).setter(ShipmentRow::version)
                    .tags(versionAttribute()))
            .build();

    private String orderId;
    private String shipmentId;
    private String shipment;
    private String status;
    private String updatedAt;
    private Long version;

    String orderId() {
        return orderId;
    }

    void orderId(String value) {
        orderId = value;
    }

    String shipmentId() {
        return shipmentId;
    }

    void shipmentId(String value) {
        shipmentId = value;
    }

    /** The shipment as Khaos reported it, as JSON. */
    String shipment() {
        return shipment;
    }

    void shipment(String value) {
        shipment = value;
    }

    String status() {
        return status;
    }

    void status(String value) {
        status = value;
    }

    /** Sortable UTC time text ({@link Attributes#sortable}). */
    String updatedAt() {
        return updatedAt;
    }

    void updatedAt(String value) {
        updatedAt = value;
    }

    /** The version this row was read at ({@code null}: a row not written yet). */
    Long version() {
        return version;
    }

    void version(Long value) {
        version = value;
    }
}
