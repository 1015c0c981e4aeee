package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.n;
import static com.shopkhaos.infra.dynamodb.Attributes.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.despatch.ShipmentBook;
import com.shopkhaos.infra.khaos.KhaosStatusNames;
import com.shopkhaos.model.khaos.KhaosShipment;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The {@code shipments} table: partition {@code orderId} (the shop's order id), sort {@code shipmentId} (Khaos's
 * shipment ID), the shipment as Khaos reported it ({@code shipment}, JSON) and a {@code version} each write must match (a
 * {@link ShipmentRow} through the DynamoDB Enhanced Client);
 * and per order the write-back's lock (sort key {@code #writeback}, with its {@code owner} and {@code until}).
 */
@Singleton
public class DynamoShipmentBook implements ShipmentBook {
    /** The sort key of an order's write-back lock (no shipment ID starts with '#'). */
    static final String LOCK = "#writeback";
    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbTable<ShipmentRow> shipments;
    private final Clock clock;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoShipmentBook(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        this(dynamo, tables.shipments(), clock);
    }

    public DynamoShipmentBook(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.shipments = Attributes.table(dynamo, table, ShipmentRow.SCHEMA);
        this.clock = clock;
    }

    @Override
    public Map<String, Kept> forOrder(String orderId) {
        Map<String, Kept> kept = new LinkedHashMap<>();
        shipments.query(q -> q.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(orderId))).consistentRead(true))
                .items().forEach(row -> {
                    if (!row.shipmentId.startsWith(LOCK)) {
                        kept.put(row.shipmentId, new Kept(read(row.shipment), row.version));
                    }
                });
        return kept;
    }

    /** Through the Enhanced Client's version attribute: absent when {@code expectedVersion} is 0, else still at it. */
    @Override
    public boolean put(String orderId, KhaosShipment shipment, long expectedVersion) {
        ShipmentRow row = new ShipmentRow();
        row.orderId = orderId;
        row.shipmentId = shipment.id();
        row.shipment = InfraJson.write(shipment);
        row.status = shipment.status().isEmpty() ? "-" : shipment.status();
        row.updatedAt = Attributes.sortable(clock.instant());
        row.version = expectedVersion == 0 ? null : expectedVersion;
        try {
            shipments.putItem(row);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean lockWriteback(String orderId, String owner, Instant until, Instant now) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(Map.of("orderId", s(orderId), "shipmentId", s(LOCK), "owner", s(owner),
                            "until", n(until.toEpochMilli())))
                    .conditionExpression("attribute_not_exists(orderId) OR #until < :now OR #owner = :me")
                    .expressionAttributeNames(Map.of("#until", "until", "#owner", "owner"))
                    .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()), ":me", s(owner))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void unlockWriteback(String orderId, String owner) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of("orderId", s(orderId), "shipmentId", s(LOCK)))
                    .conditionExpression("#owner = :me").expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":me", s(owner))));
        } catch (ConditionalCheckFailedException e) {
            // its time ran out and another write-back has it now
        }
    }

    private static KhaosShipment read(String json) {
        try {
            return KhaosStatusNames.staged(InfraJson.mapper().readValue(json, KhaosShipment.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept shipment could not be read: " + e.getOriginalMessage(), e);
        }
    }
}
