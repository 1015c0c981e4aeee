package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.n;
import static com.shopkhaos.infra.dynamodb.Attributes.number;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.stringOrEmpty;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionStatus;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The exception ledger in DynamoDB. Raising is one atomic UpdateItem on the deterministic id, so a
 * repeat counts up instead of duplicating, and a resolved problem that comes back opens again.
 * Large evidence (up to the 1 MiB webhook limit) is stored gzipped to fit DynamoDB's 400 KB item.
 */
@Singleton
public class DynamoExceptionLedger implements ExceptionLedger {
    /** Evidence above this is gzipped. */
    static final int PLAIN_EVIDENCE_LIMIT = 32 * 1024;
    /** Compressed evidence above this is cut, leaving room for the rest of the item. */
    static final int STORED_EVIDENCE_LIMIT = 350 * 1024;
    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoExceptionLedger(DynamoDbClient dynamo, @ConfigProperty(name = "shopkhaos.exceptions-table") String table) {
        this.dynamo = dynamo;
        this.table = table;
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
        String evidenceSet;
        String evidenceRemove;
        byte[] evidence = problem.evidence().getBytes(StandardCharsets.UTF_8);
        if (evidence.length <= PLAIN_EVIDENCE_LIMIT) {
            values.put(":evidence", s(nonEmpty(problem.evidence())));
            evidenceSet = "evidence = :evidence";
            evidenceRemove = "evidenceGzip";
        } else {
            values.put(":evidence", AttributeValue.fromB(SdkBytes.fromByteArray(gzip(evidence))));
            evidenceSet = "evidenceGzip = :evidence";
            evidenceRemove = "evidence";
        }
        String update = "SET #type = :type, subject = :subject, #status = :open, reason = :reason, "
                + "suggestedAction = :action, lastSeenAt = :now, createdAt = if_not_exists(createdAt, :created), "
                + evidenceSet + " ADD occurrences :one REMOVE resolvedAt, resolvedBy, " + evidenceRemove;
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
        return dynamo.query(b -> b.tableName(table).indexName("by-status")
                        .keyConditionExpression("#status = :open")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":open", s(ExceptionStatus.OPEN.name())))
                        .scanIndexForward(false).limit(limit))
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
        String evidence = stringOrEmpty(item, "evidence");
        AttributeValue zipped = item.get("evidenceGzip");
        if (zipped != null && zipped.b() != null) {
            evidence = new String(gunzip(zipped.b().asByteArray()), StandardCharsets.UTF_8);
        }
        return new ExceptionRecord(string(item, "id"), ExceptionType.valueOf(string(item, "type")),
                string(item, "subject"), ExceptionStatus.valueOf(string(item, "status")),
                placeholderToEmpty(stringOrEmpty(item, "reason")), placeholderToEmpty(stringOrEmpty(item, "suggestedAction")),
                placeholderToEmpty(evidence),
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

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] zipped = out.toByteArray();
        if (zipped.length > STORED_EVIDENCE_LIMIT) {
            String note = "[evidence of " + data.length + " bytes was too large to keep whole; first part follows]\n";
            int keep = Math.min(data.length, STORED_EVIDENCE_LIMIT - 1024);
            byte[] cut = new byte[note.length() + keep];
            System.arraycopy(note.getBytes(StandardCharsets.UTF_8), 0, cut, 0, note.length());
            System.arraycopy(data, 0, cut, note.length(), keep);
            return gzip(cut);
        }
        return zipped;
    }

    private static byte[] gunzip(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
