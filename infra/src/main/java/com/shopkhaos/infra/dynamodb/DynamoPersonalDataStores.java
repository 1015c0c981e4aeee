package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.privacy.PersonalDataStores;
import com.shopkhaos.model.privacy.SalesOrderRedaction;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Where personal data sits in DynamoDB: the orders table (the stored sales order), the exceptions table (evidence) and
 * the Khaos inbox (raw uploads, 14 days). What the retention sweep reads is bounded by the indexes: per state, the
 * {@code by-state} index's range of orders unchanged since the cut-off, and per status the {@code by-status} index's
 * range created before it, filtered to the entries not yet erased. The filtered-out (already erased) entries of that
 * range are still read and paid for: at 100,000 orders a year kept six years that is ~600,000 items of ~3 KB a day,
 * ~450,000 read units, a few cents a day on demand. An erasure on request reads each table once (a Scan with a
 * filter): the same order of cost, once per request.
 */
@Singleton
public class DynamoPersonalDataStores implements PersonalDataStores {
    private static final String ERASED_AT = DynamoOrderLedger.PERSONAL_DATA_ERASED_AT;
    private static final String ORDER_HOLDS = "(attribute_exists(salesOrder) OR attribute_exists(salesOrderGzip)) AND attribute_not_exists("
            + ERASED_AT + ")";
    private static final String EXCEPTION_HOLDS = "(attribute_exists(evidenceGzip) OR evidence <> :blank) AND attribute_not_exists("
            + ERASED_AT + ")";
    private final DynamoDbClient dynamo;
    private final String orders;
    private final String exceptions;
    private final Optional<String> inbox;
    private final SalesOrderRedaction redaction;

    /** The tables from {@link TableNames}; without {@code KHAOS_INBOX_TABLE}, no inbox to clear. */
    @Inject
    public DynamoPersonalDataStores(DynamoDbClient dynamo, TableNames tables, SalesOrderRedaction redaction) {
        this(dynamo, tables.orders(), tables.exceptions(), tables.khaosInboxTable(), redaction);
    }

    public DynamoPersonalDataStores(DynamoDbClient dynamo, String orders, String exceptions, Optional<String> inbox,
                                    SalesOrderRedaction redaction) {
        this.dynamo = dynamo;
        this.orders = orders;
        this.exceptions = exceptions;
        this.inbox = inbox.filter(t -> !t.isBlank());
        this.redaction = redaction;
    }

    @Override
    public List<String> ordersHoldingPersonalData(Instant before, int limit) {
        List<String> ids = new ArrayList<>();
        for (OrderState state : OrderState.values()) {
            if (ids.size() >= limit) {
                break;
            }
            dynamo.queryPaginator(b -> b.tableName(orders).indexName("by-state")
                            .keyConditionExpression("#state = :state AND updatedAt < :before")
                            .filterExpression(ORDER_HOLDS)
                            .expressionAttributeNames(Map.of("#state", "state"))
                            .expressionAttributeValues(Map.of(":state", s(state.name()), ":before", time(before)))
                            .projectionExpression("orderId"))
                    .items().stream().limit(limit - ids.size()).forEach(i -> ids.add(i.get("orderId").s()));
        }
        return ids;
    }

    @Override
    public List<String> ordersOfCustomer(String email) {
        String wanted = email.strip().toLowerCase(Locale.ROOT);
        List<String> ids = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(orders).filterExpression(ORDER_HOLDS)
                        .projectionExpression("orderId, salesOrder, salesOrderGzip"))
                .items().forEach(i -> {
                    if (redaction.emails(LargeText.read(i, "salesOrder")).contains(wanted)) {
                        ids.add(i.get("orderId").s());
                    }
                });
        return ids;
    }

    @Override
    public List<String> exceptionsHoldingPersonalData(Instant before, int limit) {
        List<String> ids = new ArrayList<>();
        for (ExceptionStatus status : ExceptionStatus.values()) {
            if (ids.size() >= limit) {
                break;
            }
            dynamo.queryPaginator(b -> b.tableName(exceptions).indexName("by-status")
                            .keyConditionExpression("#status = :status AND createdAt < :before")
                            .filterExpression("lastSeenAt < :before AND " + EXCEPTION_HOLDS)
                            .expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(Map.of(":status", s(status.name()), ":before", time(before), ":blank", s(" ")))
                            .projectionExpression("id"))
                    .items().stream().limit(limit - ids.size()).forEach(i -> ids.add(i.get("id").s()));
        }
        return ids;
    }

    @Override
    public List<String> exceptionsMentioning(Set<String> needles) {
        List<String> ids = new ArrayList<>();
        if (needles.isEmpty()) {
            return ids;
        }
        dynamo.scanPaginator(b -> b.tableName(exceptions).filterExpression(EXCEPTION_HOLDS)
                        .expressionAttributeValues(Map.of(":blank", s(" "))).projectionExpression("id, evidence, evidenceGzip"))
                .items().forEach(i -> {
                    if (mentions(LargeText.read(i, "evidence"), needles)) {
                        ids.add(i.get("id").s());
                    }
                });
        return ids;
    }

    @Override
    public boolean eraseExceptionEvidence(String exceptionId, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(exceptions).key(Map.of("id", s(exceptionId)))
                    .conditionExpression("attribute_exists(id) AND attribute_not_exists(" + ERASED_AT + ")")
                    .updateExpression("SET evidence = :erased, " + ERASED_AT + " = :at REMOVE evidenceGzip")
                    .expressionAttributeValues(Map.of(":erased", s(SalesOrderRedaction.ERASED), ":at", time(at))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public int eraseUploadsMentioning(Set<String> needles, Instant at) {
        if (inbox.isEmpty() || needles.isEmpty()) {
            return 0;
        }
        String table = inbox.get();
        int erased = 0;
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(b -> b.tableName(table)
                .filterExpression("attribute_not_exists(" + ERASED_AT + ")")
                .projectionExpression("kind, receivedKey, body, bodyGzip")).items()) {
            if (!mentions(LargeText.read(item, "body"), needles)) {
                continue;
            }
            try {
                dynamo.updateItem(b -> b.tableName(table).key(Map.of("kind", item.get("kind"), "receivedKey", item.get("receivedKey")))
                        .conditionExpression("attribute_exists(kind) AND attribute_not_exists(" + ERASED_AT + ")")
                        .updateExpression("SET body = :erased, " + ERASED_AT + " = :at REMOVE bodyGzip")
                        .expressionAttributeValues(Map.of(":erased", s(SalesOrderRedaction.ERASED), ":at", time(at))));
                erased++;
            } catch (ConditionalCheckFailedException e) {
                // erased meanwhile, or expired
            }
        }
        return erased;
    }

    private static boolean mentions(String text, Set<String> needles) {
        String lower = text.toLowerCase(Locale.ROOT);
        return needles.stream().map(n -> n.toLowerCase(Locale.ROOT)).anyMatch(n -> !n.isBlank() && lower.contains(n));
    }
}
