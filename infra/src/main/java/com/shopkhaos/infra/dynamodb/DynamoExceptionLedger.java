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
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.exceptionledger.MappingKind;
import com.shopkhaos.model.exceptionledger.MissingMapping;
import com.shopkhaos.model.privacy.PersonalDataRetention;
import com.shopkhaos.model.stock.StockConditions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The exception ledger in DynamoDB. Raising is one atomic UpdateItem on the deterministic id, so a
 * repeat counts up instead of duplicating, and a resolved problem that comes back opens again.
 * Large evidence (up to the 1 MiB webhook limit) is kept with {@link LargeText}.
 * <p>
 * What a problem is about is kept typed ({@code subjectKind}: {@code ORDER} with {@code orderNumber} and
 * {@code orderDetail}, {@code STOCK_CODE} and {@code SHOP_SKU} with {@code stockShop} (a blank for none) and
 * {@code stockWhat}, {@code OTHER}; the {@code subject} text as before), and the mapping that would cure it as
 * {@code missingMappingKind} and {@code missingMappingKeys}. Records written before these attributes existed are read
 * by the rules their subjects were built by ({@link #legacySubject}, {@link #legacyStockSubject},
 * {@link #legacyMissingMapping}).
 * Resolved problems are read newest resolved first a page at a time from the sparse {@code resolved-by-time} index
 * (status, resolvedAt): only resolved records have a {@code resolvedAt}.
 */
@Singleton
public class DynamoExceptionLedger implements ExceptionLedger {
    /** Set when the evidence was replaced because it may name a customer; cleared when the problem is raised again. */
    static final String PERSONAL_DATA_ERASED_AT = "personalDataErasedAt";
    /** The index of resolved records by when they were resolved. */
    static final String RESOLVED_BY_TIME = "resolved-by-time";
    /** Kinds whose subjects were never about something a flow can run again for (before subjects were typed). */
    private static final Set<ExceptionType> LEGACY_UNATTACHED = EnumSet.of(ExceptionType.WEBHOOK_UNREADABLE,
            ExceptionType.WEBHOOK_WITHOUT_EVENT_ID, ExceptionType.KHAOS_UPLOAD_UNREADABLE, ExceptionType.WEBHOOKS_MISSING,
            ExceptionType.KHAOS_STATUS_FOR_UNKNOWN_ORDER);
    private static final Set<ExceptionType> CURED_BY_A_SKU = EnumSet.of(ExceptionType.UNKNOWN_SKU, ExceptionType.DELETED_ITEM,
            ExceptionType.DISCONTINUED_ITEM, ExceptionType.RUN_TO_ZERO_OUT_OF_STOCK);
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
        values.put(":subjectKind", s(subjectKind(problem.about())));
        String typedSet = "";
        String typedRemove = "";
        if (problem.about() instanceof ExceptionSubject.Order order) {
            values.put(":orderNumber", s(order.orderNumber()));
            values.put(":orderDetail", s(nonEmpty(order.detail())));
            typedSet = ", orderNumber = :orderNumber, orderDetail = :orderDetail";
        } else {
            typedRemove = ", orderNumber, orderDetail";
        }
        String stockWhat = problem.about() instanceof ExceptionSubject.ShopSku sku ? sku.sku()
                : problem.about() instanceof ExceptionSubject.StockCode code ? code.code() : null;
        if (stockWhat != null) {
            values.put(":stockShop", s(nonEmpty(ExceptionRecord.shopOf(problem.about()))));
            values.put(":stockWhat", s(stockWhat));
            typedSet += ", stockShop = :stockShop, stockWhat = :stockWhat";
        } else {
            typedRemove += ", stockShop, stockWhat";
        }
        if (problem.missingMapping().isPresent()) {
            values.put(":missingKind", s(problem.missingMapping().get().kind().name()));
            values.put(":missingKeys", AttributeValue.fromL(problem.missingMapping().get().keys().stream().map(Attributes::s).toList()));
            typedSet += ", missingMappingKind = :missingKind, missingMappingKeys = :missingKeys";
        } else {
            typedRemove += ", missingMappingKind, missingMappingKeys";
        }
        Map.Entry<String, AttributeValue> evidence = LargeText.attribute("evidence", problem.evidence());
        values.put(":evidence", evidence.getValue());
        String evidenceSet = evidence.getKey() + " = :evidence";
        String evidenceRemove = LargeText.otherName("evidence", evidence);
        String update = "SET #type = :type, subject = :subject, #status = :open, reason = :reason, "
                + "suggestedAction = :action, lastSeenAt = :now, createdAt = if_not_exists(createdAt, :created), "
                + evidenceSet + ", expiresAt = :expires, subjectKind = :subjectKind" + typedSet
                + " ADD occurrences :one REMOVE resolvedAt, resolvedBy, " + PERSONAL_DATA_ERASED_AT + ", " + evidenceRemove
                + typedRemove;
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
    public ResolvedPage resolvedNewestFirst(Optional<String> after, int limit) {
        QueryResponse page = dynamo.query(b -> {
            b.tableName(table).indexName(RESOLVED_BY_TIME)
                    .keyConditionExpression("#status = :resolved")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":resolved", s(ExceptionStatus.RESOLVED.name())))
                    .scanIndexForward(false).limit(limit);
            after.ifPresent(cursor -> b.exclusiveStartKey(startKey(cursor)));
        });
        Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(cursor(page.lastEvaluatedKey())) : Optional.empty();
        return new ResolvedPage(page.items().stream().map(DynamoExceptionLedger::fromItem).toList(), next);
    }

    /** Where to carry on, as text: the last record's resolvedAt and id (the index's and the table's keys). */
    private static String cursor(Map<String, AttributeValue> lastKey) {
        String text = string(lastKey, "resolvedAt") + "\n" + string(lastKey, "id");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> startKey(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadCursorException("not a place in the resolved problems: " + cursor);
        }
        int split = text.indexOf('\n');
        if (split <= 0 || split == text.length() - 1) {
            throw new BadCursorException("not a place in the resolved problems: " + cursor);
        }
        return Map.of("id", s(text.substring(split + 1)), "status", s(ExceptionStatus.RESOLVED.name()),
                "resolvedAt", s(text.substring(0, split)));
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
        ExceptionType type = ExceptionType.valueOf(string(item, "type"));
        ExceptionSubject about = item.containsKey("subjectKind") ? subject(item) : legacySubject(type, string(item, "subject"));
        Optional<MissingMapping> missing = item.containsKey("missingMappingKind")
                ? Optional.of(new MissingMapping(MappingKind.valueOf(string(item, "missingMappingKind")),
                        item.get("missingMappingKeys").l().stream().map(AttributeValue::s).toList()))
                : item.containsKey("subjectKind") ? Optional.empty() : legacyMissingMapping(type, about);
        return new ExceptionRecord(string(item, "id"), type, about, ExceptionStatus.valueOf(string(item, "status")),
                placeholderToEmpty(stringOrEmpty(item, "reason")), placeholderToEmpty(stringOrEmpty(item, "suggestedAction")),
                evidence,
                instant(item, "createdAt"), instant(item, "lastSeenAt"), number(item, "occurrences"),
                instant(item, "resolvedAt"), string(item, "resolvedBy"), missing);
    }

    private static String subjectKind(ExceptionSubject about) {
        if (about instanceof ExceptionSubject.Order) {
            return "ORDER";
        }
        if (about instanceof ExceptionSubject.StockCode) {
            return "STOCK_CODE";
        }
        return about instanceof ExceptionSubject.ShopSku ? "SHOP_SKU" : "OTHER";
    }

    private static ExceptionSubject subject(Map<String, AttributeValue> item) {
        String text = string(item, "subject");
        return switch (string(item, "subjectKind")) {
            case "ORDER" -> ExceptionSubject.order(string(item, "orderNumber"), placeholderToEmpty(stringOrEmpty(item, "orderDetail")));
            case "STOCK_CODE", "SHOP_SKU" -> item.containsKey("stockWhat")
                    ? ExceptionRecord.stockSubject(ExceptionType.valueOf(string(item, "type")),
                            placeholderToEmpty(string(item, "stockShop")), string(item, "stockWhat"))
                    : legacyStockSubject(ExceptionType.valueOf(string(item, "type")), text);
            default -> ExceptionSubject.other(text);
        };
    }

    /**
     * A record written before subjects were typed: a stock problem names its code or SKU; an order's problem names the
     * order number, then ':' and what on it; the kinds no flow runs again for (and a Khaos tax rate code's, unless it is
     * an order's) name something else.
     */
    static ExceptionSubject legacySubject(ExceptionType type, String subject) {
        if (ExceptionRecord.isStockProblem(type)) {
            return legacyStockSubject(type, subject);
        }
        int colon = subject.indexOf(':');
        if (LEGACY_UNATTACHED.contains(type) || (type == ExceptionType.UNKNOWN_TAX_RATE_CODE && colon <= 0)) {
            return ExceptionSubject.other(subject);
        }
        return colon > 0 ? ExceptionSubject.order(subject.substring(0, colon), subject.substring(colon + 1))
                : ExceptionSubject.order(subject);
    }

    /**
     * A stock problem's subject written before the shop and the SKU or code were kept apart: a condition of one shop as
     * {@code <shop id>:<what>} (a shop id holds no colon), Khaos's own and the oldest ones as the bare SKU or code.
     */
    static ExceptionSubject legacyStockSubject(ExceptionType type, String subject) {
        int colon = StockConditions.OF_ONE_SHOP.contains(type) ? subject.indexOf(':') : -1;
        return colon > 0 ? ExceptionRecord.stockSubject(type, subject.substring(0, colon), subject.substring(colon + 1))
                : ExceptionRecord.stockSubject(type, "", subject);
    }

    /** The mapping an older record's problem wanted, by how its subject was built ({@code delivery-…}, {@code promotion-…}). */
    static Optional<MissingMapping> legacyMissingMapping(ExceptionType type, ExceptionSubject about) {
        if (type == ExceptionType.SHOP_PRODUCT_NOT_IN_KHAOS) {
            return Optional.of(MissingMapping.of(MappingKind.SKU, about.text()));
        }
        if (!(about instanceof ExceptionSubject.Order order) || order.detail().isEmpty()) {
            return Optional.empty();
        }
        String detail = order.detail();
        if (CURED_BY_A_SKU.contains(type)) {
            return Optional.of(MissingMapping.of(MappingKind.SKU, detail));
        }
        if (type == ExceptionType.UNMAPPED_DELIVERY_METHOD && detail.startsWith("delivery-") && detail.length() > 9) {
            return Optional.of(MissingMapping.of(MappingKind.COURIER, detail.substring(9)));
        }
        if (type == ExceptionType.UNMAPPED_PROMOTION && detail.startsWith("promotion-") && detail.length() > 10) {
            return Optional.of(MissingMapping.of(MappingKind.PROMOTION, detail.substring(10)));
        }
        return Optional.empty();
    }

    /** DynamoDB keeps empty strings, but a blank keeps older emulators and tools happy. */
    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? " " : s;
    }

    private static String placeholderToEmpty(String s) {
        return " ".equals(s) ? "" : s;
    }


}
