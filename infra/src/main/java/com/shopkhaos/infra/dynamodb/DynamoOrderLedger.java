package com.shopkhaos.infra.dynamodb;

import com.shopkhaos.infra.config.PrivacySettings;
import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.infra.khaos.KhaosStatusNames;
import com.shopkhaos.model.ledger.HeldStock;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The order ledger in DynamoDB: one item per order (an {@link OrderRow} through the DynamoDB Enhanced Client), written
 * only under the client's version check (absent on create, same version on update), so concurrent flows never
 * overwrite each other.
 */
@Singleton
public class DynamoOrderLedger implements OrderLedger {
    /** Set when the sales order's personal data was replaced; entries without it (and with a sales order) still hold it. */
    static final String PERSONAL_DATA_ERASED_AT = "personalDataErasedAt";
    private static final Expression ABSENT = Expression.builder().expression("attribute_not_exists(orderId)").build();
    /** Through the Enhanced Client's version check: every change of an entry. */
    private final DynamoDbTable<OrderRow> orders;
    /** Without it: a first entry, stored at its own version if the order has none yet. */
    private final DynamoDbTable<OrderRow> firstEntries;
    private final DynamoDbIndex<OrderRow> byState;
    private final DynamoDbIndex<OrderRow> byOrderNumber;
    private final Duration financeRetention;
    private final DynamoDbEnhancedClient enhanced;

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
        this.orders = Attributes.table(dynamo, table, OrderRow.SCHEMA);
        this.firstEntries = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).extensions().build()
                .table(table, OrderRow.SCHEMA);
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        this.byState = orders.index(OrderRow.BY_STATE);
        this.byOrderNumber = orders.index(OrderRow.BY_ORDER_NUMBER);
        this.financeRetention = Duration.ofDays(financeRetentionDays);
    }

    @Override
    public Optional<OrderLedgerEntry> find(String orderId) {
        return Optional.ofNullable(orders.getItem(r -> r.key(k -> k.partitionValue(orderId)).consistentRead(true)))
                .map(DynamoOrderLedger::fromRow);
    }

    /** In batches of 100 (BatchGetItem's most), consistent reads; the Enhanced Client asks again for unprocessed keys. */
    @Override
    public Map<String, OrderLedgerEntry> findAll(Collection<String> orderIds) {
        List<String> ids = orderIds.stream().distinct().toList();
        Map<String, OrderLedgerEntry> found = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i += 100) {
            ReadBatch.Builder<OrderRow> batch = ReadBatch.builder(OrderRow.class).mappedTableResource(orders);
            ids.subList(i, Math.min(ids.size(), i + 100)).forEach(id -> batch.addGetItem(GetItemEnhancedRequest.builder()
                    .key(k -> k.partitionValue(id)).consistentRead(true).build()));
            enhanced.batchGetItem(r -> r.readBatches(batch.build())).resultsForTable(orders)
                    .forEach(row -> found.put(row.orderId, fromRow(row)));
        }
        return found;
    }

    /** The first entry, at its own version (usually 1), stored only if the order has no entry yet. */
    @Override
    public void create(OrderLedgerEntry entry) {
        OrderRow row = toRow(entry, financeRetention);
        row.version = entry.version();
        try {
            firstEntries.putItem(r -> r.item(row).conditionExpression(ABSENT));
        } catch (ConditionalCheckFailedException e) {
            throw new LedgerVersionConflictException(entry.orderId(), 0);
        }
    }

    /** Written if the stored entry is still at {@code changed.version() - 1}: the client checks it and stores one more. */
    @Override
    public void update(OrderLedgerEntry changed) {
        OrderRow row = toRow(changed, financeRetention);
        row.version = changed.version() - 1;
        try {
            orders.putItem(row);
        } catch (ConditionalCheckFailedException e) {
            throw new LedgerVersionConflictException(changed.orderId(), row.version);
        }
    }

    @Override
    public List<OrderLedgerEntry> inState(OrderState state, int limit) {
        return byState.query(q -> q.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(state.name())))
                        .scanIndexForward(false).limit(limit))
                .stream().limit(1).flatMap(page -> page.items().stream()).map(DynamoOrderLedger::fromRow).toList();
    }

    @Override
    public List<OrderLedgerEntry> inStateChangedBefore(OrderState state, Instant before, int limit) {
        Key upTo = Key.builder().partitionValue(state.name()).sortValue(Attributes.sortable(before)).build();
        return byState.query(q -> q.queryConditional(QueryConditional.sortLessThan(upTo))
                        .scanIndexForward(true).limit(Math.min(limit, 1000)))
                .stream().flatMap(page -> page.items().stream()).limit(limit).map(DynamoOrderLedger::fromRow).toList();
    }

    /** Through the {@code by-order-number} index, then read again from the table (the index is eventually consistent). */
    @Override
    public Optional<OrderLedgerEntry> findByOrderNumber(String orderNumber) {
        if (orderNumber == null || orderNumber.isEmpty()) {
            return Optional.empty();
        }
        return byOrderNumber.query(q -> q.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(orderNumber)))
                        .limit(2))
                .stream().limit(1).flatMap(page -> page.items().stream()).findFirst()
                .flatMap(found -> find(found.orderId));
    }

    /** The row; {@code expiresAt} (TTL, epoch seconds) is the order's first sight plus the finance retention. */
    static OrderRow toRow(OrderLedgerEntry e, Duration financeRetention) {
        OrderRow row = new OrderRow();
        row.expiresAt = e.createdAt().plus(financeRetention).getEpochSecond();
        row.orderId = e.orderId();
        row.shopId = Attributes.absentIfEmpty(e.shopId());
        row.orderNumber = Attributes.absentIfEmpty(e.orderNumber());
        row.state = e.state().name();
        row.createdAt = Attributes.sortable(e.createdAt());
        row.updatedAt = Attributes.sortable(e.updatedAt());
        row.timeline = e.timeline().stream().map(DynamoOrderLedger::timelineRow).toList();
        row.eventIds = new ArrayList<>(e.eventIds());
        row.exceptionIds = e.exceptionIds().isEmpty() ? null : e.exceptionIds();
        KhaosHandover k = e.khaos();
        if (!k.salesOrder().isEmpty()) {
            AttributeValue salesOrder = LargeText.attribute("salesOrder", k.salesOrder()).getValue();
            row.salesOrder = salesOrder.s();
            row.salesOrderGzip = salesOrder.b();
        }
        row.servedPage = Attributes.absentIfEmpty(k.servedPage());
        row.downloadedAt = k.downloadedAt() == null ? null : Attributes.sortable(k.downloadedAt());
        row.khaosOrderCode = Attributes.absentIfEmpty(k.khaosOrderCode());
        row.khaosOrderId = Attributes.absentIfEmpty(k.khaosOrderId());
        row.khaosStatus = Attributes.absentIfEmpty(k.khaosStatus());
        row.personalDataErasedAt = k.personalDataErasedAt() == null ? null : Attributes.sortable(k.personalDataErasedAt());
        row.heldStock = heldStockText(e.heldStock());
        return row;
    }

    private static OrderRow.TimelineRow timelineRow(TimelineEntry t) {
        OrderRow.TimelineRow row = new OrderRow.TimelineRow();
        row.at = Attributes.sortable(t.at());
        row.state = t.state().name();
        row.event = t.event();
        row.detail = Attributes.absentIfEmpty(t.detail());
        return row;
    }

    static OrderLedgerEntry fromRow(OrderRow row) {
        List<TimelineEntry> timeline = row.timeline == null ? List.of() : row.timeline.stream()
                .map(t -> new TimelineEntry(Instant.parse(t.at), OrderState.valueOf(t.state), t.event, Attributes.emptyIfAbsent(t.detail)))
                .toList();
        LinkedHashSet<String> eventIds = row.eventIds == null ? new LinkedHashSet<>() : new LinkedHashSet<>(row.eventIds);
        List<String> exceptionIds = row.exceptionIds == null ? List.of() : row.exceptionIds;
        KhaosHandover khaos = new KhaosHandover(LargeText.read(row.salesOrder, row.salesOrderGzip), row.servedPage,
                Attributes.instant(row.downloadedAt), row.khaosOrderCode, row.khaosOrderId, row.khaosStatus,
                KhaosStatusNames.progress(Attributes.emptyIfAbsent(row.khaosStatus)), Attributes.instant(row.personalDataErasedAt));
        return new OrderLedgerEntry(row.orderId, row.shopId, row.orderNumber, OrderState.valueOf(row.state),
                row.version == null ? 0 : row.version, Instant.parse(row.createdAt), Instant.parse(row.updatedAt), timeline,
                eventIds, exceptionIds, khaos, heldStock(row.heldStock));
    }

    /** {@link OrderRow#heldStock}: {@code units:stockCode} lines, {@code -} for nothing, absent when not recorded. */
    static String heldStockText(HeldStock held) {
        if (!held.known()) {
            return null;
        }
        return held.units().isEmpty() ? "-" : held.units().entrySet().stream().map(e -> e.getValue() + ":" + e.getKey())
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    static HeldStock heldStock(String text) {
        if (text == null) {
            return HeldStock.UNKNOWN;
        }
        Map<String, Integer> units = new java.util.TreeMap<>();
        if (!text.equals("-")) {
            for (String line : text.split("\n")) {
                int colon = line.indexOf(':');
                units.put(line.substring(colon + 1), Integer.parseInt(line.substring(0, colon)));
            }
        }
        return HeldStock.of(units);
    }

}
