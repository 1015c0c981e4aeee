package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.n;
import static com.shopkhaos.infra.dynamodb.Attributes.number;
import static com.shopkhaos.infra.dynamodb.Attributes.putIfPresent;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.stringOrEmpty;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.infra.config.PrivacySettings;
import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.infra.khaos.KhaosStatusNames;
import com.shopkhaos.model.ledger.KhaosHandover;
import com.shopkhaos.model.ledger.LedgerVersionConflictException;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ledger.TimelineEntry;
import com.shopkhaos.model.privacy.PersonalDataRetention;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The order ledger in DynamoDB: one item per order, written only with conditions (absent on
 * create, same version on update), so concurrent flows never overwrite each other.
 */
@Singleton
public class DynamoOrderLedger implements OrderLedger {
    /** Set when the sales order's personal data was replaced; entries without it (and with a sales order) still hold it. */
    static final String PERSONAL_DATA_ERASED_AT = "personalDataErasedAt";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration financeRetention;

    /** The table from {@link TableNames}, the finance retention from {@link PrivacySettings}. */
    @Inject
    public DynamoOrderLedger(DynamoDbClient dynamo, TableNames tables, PrivacySettings privacy) {
        this(dynamo, tables.orders(), privacy.financeRetentionDays());
    }

    /** With the default finance retention ({@value PersonalDataRetention#DEFAULT_FINANCE_DAYS} days). */
    public DynamoOrderLedger(DynamoDbClient dynamo, String table) {
        this(dynamo, table, PersonalDataRetention.DEFAULT_FINANCE_DAYS);
    }

    /**
     * @param financeRetentionDays how long an entry is kept after the order was first seen (its {@code expiresAt}, the
     *                             table's TTL): HMRC wants six years of records
     */
    public DynamoOrderLedger(DynamoDbClient dynamo, String table, int financeRetentionDays) {
        this.dynamo = dynamo;
        this.table = table;
        this.financeRetention = Duration.ofDays(financeRetentionDays);
    }

    @Override
    public Optional<OrderLedgerEntry> find(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("orderId", s(orderId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public void create(OrderLedgerEntry entry) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(toItem(entry, financeRetention))
                    .conditionExpression("attribute_not_exists(orderId)"));
        } catch (ConditionalCheckFailedException e) {
            throw new LedgerVersionConflictException(entry.orderId(), 0);
        }
    }

    @Override
    public void update(OrderLedgerEntry changed) {
        long expected = changed.version() - 1;
        try {
            dynamo.putItem(b -> b.tableName(table).item(toItem(changed, financeRetention))
                    .conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", n(expected))));
        } catch (ConditionalCheckFailedException e) {
            throw new LedgerVersionConflictException(changed.orderId(), expected);
        }
    }

    @Override
    public List<OrderLedgerEntry> inState(OrderState state, int limit) {
        return dynamo.query(b -> b.tableName(table).indexName("by-state")
                        .keyConditionExpression("#state = :state")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":state", s(state.name())))
                        .scanIndexForward(false).limit(limit))
                .items().stream().map(DynamoOrderLedger::fromItem).toList();
    }

    @Override
    public List<OrderLedgerEntry> inStateChangedBefore(OrderState state, Instant before, int limit) {
        return dynamo.queryPaginator(b -> b.tableName(table).indexName("by-state")
                        .keyConditionExpression("#state = :state AND updatedAt < :before")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":state", s(state.name()), ":before", time(before)))
                        .scanIndexForward(true).limit(Math.min(limit, 1000)))
                .items().stream().limit(limit).map(DynamoOrderLedger::fromItem).toList();
    }

    /** Through the {@code by-order-number} index, then read again from the table (the index is eventually consistent). */
    @Override
    public Optional<OrderLedgerEntry> findByOrderNumber(String orderNumber) {
        if (orderNumber == null || orderNumber.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, AttributeValue>> items = dynamo.query(b -> b.tableName(table).indexName("by-order-number")
                .keyConditionExpression("orderNumber = :n").expressionAttributeValues(Map.of(":n", s(orderNumber)))
                .projectionExpression("orderId").limit(2)).items();
        return items.isEmpty() ? Optional.empty() : find(items.get(0).get("orderId").s());
    }

    /** The item; {@code expiresAt} (TTL, epoch seconds) is the order's first sight plus the finance retention. */
    static Map<String, AttributeValue> toItem(OrderLedgerEntry e, Duration financeRetention) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("expiresAt", n(e.createdAt().plus(financeRetention).getEpochSecond()));
        item.put("orderId", s(e.orderId()));
        putIfPresent(item, "shopId", e.shopId());
        putIfPresent(item, "orderNumber", e.orderNumber());
        item.put("state", s(e.state().name()));
        item.put("version", n(e.version()));
        item.put("createdAt", time(e.createdAt()));
        item.put("updatedAt", time(e.updatedAt()));
        item.put("timeline", AttributeValue.fromL(e.timeline().stream().map(DynamoOrderLedger::timelineItem).toList()));
        item.put("eventIds", AttributeValue.fromL(e.eventIds().stream().map(Attributes::s).toList()));
        if (!e.exceptionIds().isEmpty()) {
            item.put("exceptionIds", AttributeValue.fromL(e.exceptionIds().stream().map(Attributes::s).toList()));
        }
        KhaosHandover k = e.khaos();
        if (!k.salesOrder().isEmpty()) {
            Map.Entry<String, AttributeValue> salesOrder = LargeText.attribute("salesOrder", k.salesOrder());
            item.put(salesOrder.getKey(), salesOrder.getValue());
        }
        putIfPresent(item, "servedPage", k.servedPage());
        if (k.downloadedAt() != null) {
            item.put("downloadedAt", time(k.downloadedAt()));
        }
        putIfPresent(item, "khaosOrderCode", k.khaosOrderCode());
        putIfPresent(item, "khaosOrderId", k.khaosOrderId());
        putIfPresent(item, "khaosStatus", k.khaosStatus());
        if (k.personalDataErasedAt() != null) {
            item.put(PERSONAL_DATA_ERASED_AT, time(k.personalDataErasedAt()));
        }
        return item;
    }

    private static AttributeValue timelineItem(TimelineEntry t) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("at", time(t.at()));
        m.put("state", s(t.state().name()));
        m.put("event", s(t.event()));
        putIfPresent(m, "detail", t.detail());
        return AttributeValue.fromM(m);
    }

    static OrderLedgerEntry fromItem(Map<String, AttributeValue> item) {
        List<TimelineEntry> timeline = item.getOrDefault("timeline", AttributeValue.fromL(List.of())).l().stream()
                .map(AttributeValue::m)
                .map(m -> new TimelineEntry(instant(m, "at"), OrderState.valueOf(string(m, "state")),
                        string(m, "event"), stringOrEmpty(m, "detail")))
                .toList();
        LinkedHashSet<String> eventIds = new LinkedHashSet<>();
        item.getOrDefault("eventIds", AttributeValue.fromL(List.of())).l().forEach(v -> eventIds.add(v.s()));
        List<String> exceptionIds = item.getOrDefault("exceptionIds", AttributeValue.fromL(List.of())).l().stream()
                .map(AttributeValue::s).toList();
        KhaosHandover khaos = new KhaosHandover(LargeText.read(item, "salesOrder"), stringOrEmpty(item, "servedPage"),
                instant(item, "downloadedAt"), stringOrEmpty(item, "khaosOrderCode"), stringOrEmpty(item, "khaosOrderId"),
                stringOrEmpty(item, "khaosStatus"), KhaosStatusNames.progress(stringOrEmpty(item, "khaosStatus")),
                instant(item, PERSONAL_DATA_ERASED_AT));
        return new OrderLedgerEntry(string(item, "orderId"), stringOrEmpty(item, "shopId"),
                stringOrEmpty(item, "orderNumber"), OrderState.valueOf(string(item, "state")), number(item, "version"),
                instant(item, "createdAt"), instant(item, "updatedAt"), timeline, eventIds, exceptionIds, khaos);
    }
}
