package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.n;
import static com.shopkhaos.infra.dynamodb.Attributes.number;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.stringOrEmpty;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.infra.config.PrivacySettings;
import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.privacy.PersonalDataRetention;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The exception ledger in DynamoDB. Raising is one atomic UpdateItem on the deterministic id, so a
 * repeat counts up instead of duplicating, and a resolved problem that comes back opens again.
 * Large evidence (up to the 1 MiB webhook limit) is kept with {@link LargeText}.
 */
@Singleton
public class DynamoExceptionLedger implements ExceptionLedger {
    /** Set when the evidence was replaced because it may name a customer; cleared when the problem is raised again. */
    static final String PERSONAL_DATA_ERASED_AT = "personalDataErasedAt";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration financeRetention;

    /** The table from {@link TableNames}, the finance retention from {@link PrivacySettings}. */
    @Inject
    public DynamoExceptionLedger(DynamoDbClient dynamo, TableNames tables, PrivacySettings privacy) {
        this(dynamo, tables.exceptions(), privacy.financeRetentionDays());
    }

    /** With the default finance retention ({@value PersonalDataRetention#DEFAULT_FINANCE_DAYS} days). */
    public DynamoExceptionLedger(DynamoDbClient dynamo, String table) {
        this(dynamo, table, PersonalDataRetention.DEFAULT_FINANCE_DAYS);
    }

    /** @param financeRetentionDays how long a record is kept after it was last raised ({@code expiresAt}, the table's TTL) */
    public DynamoExceptionLedger(DynamoDbClient dynamo, String table, int financeRetentionDays) {
        this.dynamo = dynamo;
        this.table = table;
        this.financeRetention = Duration.ofDays(financeRetentionDays);
    }

    @Override
    public void raise(ExceptionRecord problem) {
        Map<String, String> names = Map.of("#type", "type", "#status", "status");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":type", s(problem.type().name()));
        values.put(":subject", s(problem.subject()));
        values.put(":open", s(ExceptionStatus.OPEN.name()));
        values.put(":reason", s(nonEmpty(problem.reason())));
        values.put(":action", s(nonEmpty(problem.suggestedAction())));
        values.put(":now", time(problem.lastSeenAt()));
        values.put(":created", time(problem.createdAt()));
        values.put(":one", n(1));
        values.put(":expires", n(problem.lastSeenAt().plus(financeRetention).getEpochSecond()));
        Map.Entry<String, AttributeValue> evidence = LargeText.attribute("evidence", problem.evidence());
        values.put(":evidence", evidence.getValue());
        String evidenceSet = evidence.getKey() + " = :evidence";
        String evidenceRemove = LargeText.otherName("evidence", evidence);
        String update = "SET #type = :type, subject = :subject, #status = :open, reason = :reason, "
                + "suggestedAction = :action, lastSeenAt = :now, createdAt = if_not_exists(createdAt, :created), "
                + evidenceSet + ", expiresAt = :expires ADD occurrences :one REMOVE resolvedAt, resolvedBy, "
                + PERSONAL_DATA_ERASED_AT + ", " + evidenceRemove;
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("id", s(problem.id())))
                .updateExpression(update).expressionAttributeNames(names).expressionAttributeValues(values));
    }

    @Override
    public Optional<ExceptionRecord> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("id", s(id)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public List<ExceptionRecord> listOpen(int limit) {
        return dynamo.queryPaginator(b -> b.tableName(table).indexName("by-status")
                        .keyConditionExpression("#status = :open")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":open", s(ExceptionStatus.OPEN.name())))
                        .scanIndexForward(false).limit(Math.min(limit, 500)))
                .items().stream().limit(limit).map(DynamoExceptionLedger::fromItem).toList();
    }

    @Override
    public List<ExceptionRecord> inStatus(ExceptionStatus status) {
        return dynamo.queryPaginator(b -> b.tableName(table).indexName("by-status")
                        .keyConditionExpression("#status = :s")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":s", s(status.name())))
                        .scanIndexForward(false))
                .items().stream().map(DynamoExceptionLedger::fromItem).toList();
    }

    @Override
    public boolean resolve(String id, String by, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("id", s(id)))
                    .conditionExpression("attribute_exists(id)")
                    .updateExpression("SET #status = :resolved, resolvedAt = :at, resolvedBy = :by")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":resolved", s(ExceptionStatus.RESOLVED.name()),
                            ":at", time(at), ":by", s(nonEmpty(by)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static ExceptionRecord fromItem(Map<String, AttributeValue> item) {
        String evidence = LargeText.read(item, "evidence");
        return new ExceptionRecord(string(item, "id"), ExceptionType.valueOf(string(item, "type")),
                string(item, "subject"), ExceptionStatus.valueOf(string(item, "status")),
                placeholderToEmpty(stringOrEmpty(item, "reason")), placeholderToEmpty(stringOrEmpty(item, "suggestedAction")),
                evidence,
                instant(item, "createdAt"), instant(item, "lastSeenAt"), number(item, "occurrences"),
                instant(item, "resolvedAt"), string(item, "resolvedBy"));
    }

    /** DynamoDB keeps empty strings, but a blank keeps older emulators and tools happy. */
    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? " " : s;
    }

    private static String placeholderToEmpty(String s) {
        return " ".equals(s) ? "" : s;
    }


}
