package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.n;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.fasterxml.jackson.core.type.TypeReference;
import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.returns.CustomerReturn;
import com.shopkhaos.model.returns.CustomerReturns;
import com.shopkhaos.model.returns.ReturnCause;
import com.shopkhaos.model.returns.ReturnLine;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The customer returns we send Khaos ({@code RETURNS_TABLE}): one item per return, keyed by the order ({@code orderId})
 * and the return's {@code sequence}, so an order's returns are one query and a second return under one reference is a
 * failed condition. Index {@code by-ref} finds a return by its AssociatedRef; the sparse index {@code ready} holds only
 * returns waiting for Khaos ({@code waiting} is set while READY and removed when Khaos acknowledges it), oldest first.
 */
@Singleton
public class DynamoCustomerReturns implements CustomerReturns {
    private static final TypeReference<List<ReturnLine>> LINES = new TypeReference<>() {
    };
    private static final String WAITING = "READY";
    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoCustomerReturns(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.returns());
    }

    public DynamoCustomerReturns(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean add(CustomerReturn r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", s(r.orderId()));
        item.put("sequence", n(r.sequence()));
        item.put("associatedRef", s(r.associatedRef()));
        item.put("shopId", s(r.shopId()));
        item.put("orderNumber", s(r.orderNumber()));
        item.put("cause", s(r.cause().name()));
        item.put("lines", s(InfraJson.write(r.lines())));
        item.put("urn", s(r.urn()));
        item.put("reasonCode", s(r.reasonCode()));
        item.put("createdAt", time(r.createdAt()));
        item.put("state", s(r.state().name()));
        if (!r.servedPage().isEmpty()) {
            item.put("servedPage", s(r.servedPage()));
        }
        if (r.downloadedAt() != null) {
            item.put("downloadedAt", time(r.downloadedAt()));
        }
        if (!r.requestedBy().isEmpty()) {
            item.put("requestedBy", s(r.requestedBy()));
        }
        if (r.state() == CustomerReturn.State.READY) {
            item.put("waiting", s(WAITING));
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(orderId)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<CustomerReturn> find(String associatedRef) {
        QueryResponse found = dynamo.query(b -> b.tableName(table).indexName("by-ref").keyConditionExpression("associatedRef = :r")
                .expressionAttributeValues(Map.of(":r", s(associatedRef))).limit(1));
        if (found.items().isEmpty()) {
            return Optional.empty();
        }
        // the index is eventually consistent: read the item itself for its state
        Map<String, AttributeValue> key = found.items().get(0);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("orderId", key.get("orderId"), "sequence", key.get("sequence")))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    @Override
    public List<CustomerReturn> forOrder(String orderId) {
        List<CustomerReturn> returns = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).consistentRead(true).keyConditionExpression("orderId = :o")
                    .expressionAttributeValues(Map.of(":o", s(orderId))).exclusiveStartKey(from));
            page.items().forEach(i -> returns.add(read(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return returns;
    }

    @Override
    public List<CustomerReturn> ready(int limit) {
        List<CustomerReturn> ready = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).indexName("ready").keyConditionExpression("waiting = :w")
                    .expressionAttributeValues(Map.of(":w", s(WAITING))).limit(limit - ready.size()).exclusiveStartKey(from));
            page.items().forEach(i -> ready.add(read(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && ready.size() < limit);
        return ready;
    }

    @Override
    public boolean downloaded(String associatedRef, String page, Instant at) {
        Optional<CustomerReturn> found = find(associatedRef);
        if (found.isEmpty()) {
            return false;
        }
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("orderId", s(found.get().orderId()), "sequence", n(found.get().sequence())))
                    .updateExpression("SET #state = :downloaded, servedPage = :page, downloadedAt = :at REMOVE waiting")
                    .conditionExpression("#state = :ready")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":downloaded", s(CustomerReturn.State.DOWNLOADED.name()), ":page", s(page),
                            ":at", time(at), ":ready", s(CustomerReturn.State.READY.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static CustomerReturn read(Map<String, AttributeValue> item) {
        List<ReturnLine> lines;
        try {
            lines = InfraJson.mapper().readValue(Attributes.string(item, "lines"), LINES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CustomerReturn(Attributes.string(item, "associatedRef"), Attributes.stringOrEmpty(item, "shopId"),
                Attributes.string(item, "orderId"), Attributes.string(item, "orderNumber"), (int) Attributes.number(item, "sequence"),
                ReturnCause.valueOf(Attributes.string(item, "cause")), lines, Attributes.string(item, "urn"),
                Attributes.stringOrEmpty(item, "reasonCode"), Attributes.instant(item, "createdAt"),
                CustomerReturn.State.valueOf(Attributes.string(item, "state")), Attributes.stringOrEmpty(item, "servedPage"),
                Attributes.instant(item, "downloadedAt"), Attributes.stringOrEmpty(item, "requestedBy"));
    }
}
