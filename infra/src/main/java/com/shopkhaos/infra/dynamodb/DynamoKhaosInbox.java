package com.shopkhaos.infra.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.khaos.KhaosInbox;
import com.shopkhaos.model.khaos.KhaosUpload;
import com.shopkhaos.model.khaos.KhaosUploadKind;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Raw pushes from Khaos, one item each (through the DynamoDB Enhanced Client): partition = kind, sort = time of receipt
 * and id; the body as {@link LargeText} ({@code body} or {@code bodyGzip}); kept 14 days (TTL).
 */
@Singleton
public class DynamoKhaosInbox implements KhaosInbox {
    static final Duration KEEP = Duration.ofDays(14);
    private static final TableSchema<Row> SCHEMA = StaticTableSchema.builder(Row.class).newItemSupplier(Row::new)
            .addAttribute(String.class, a -> a.name("kind").getter(r -> r.kind).setter((r, v) -> r.kind = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("receivedKey").getter(r -> r.receivedKey).setter((r, v) -> r.receivedKey = v)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("id").getter(r -> r.id).setter((r, v) -> r.id = v))
            .addAttribute(String.class, a -> a.name("receivedAt").getter(r -> r.receivedAt).setter((r, v) -> r.receivedAt = v))
            .addAttribute(String.class, a -> a.name("status").getter(r -> r.status).setter((r, v) -> r.status = v))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(r -> r.expiresAt).setter((r, v) -> r.expiresAt = v))
            .addAttribute(String.class, a -> a.name("body").getter(r -> r.body).setter((r, v) -> r.body = v))
            .addAttribute(SdkBytes.class, a -> a.name("bodyGzip").getter(r -> r.bodyGzip).setter((r, v) -> r.bodyGzip = v))
            .build();
    private final DynamoDbTable<Row> inbox;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoKhaosInbox(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.khaosInbox());
    }

    public DynamoKhaosInbox(DynamoDbClient dynamo, String table) {
        this.inbox = Attributes.table(dynamo, table, SCHEMA);
    }

    @Override
    public void keep(KhaosUpload upload) {
        Row row = new Row();
        row.kind = upload.kind().name();
        row.receivedKey = Attributes.sortable(upload.receivedAt()) + "#" + upload.id();
        row.id = upload.id();
        row.receivedAt = Attributes.sortable(upload.receivedAt());
        row.status = "NEW";
        row.expiresAt = upload.receivedAt().plus(KEEP).getEpochSecond();
        AttributeValue body = LargeText.attribute("body", upload.body()).getValue();
        row.body = body.s();
        row.bodyGzip = body.b();
        inbox.putItem(row);
    }

    @Override
    public List<KhaosUpload> latest(KhaosUploadKind kind, int limit) {
        return inbox.query(q -> q.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(kind.name())))
                        .scanIndexForward(false).limit(limit))
                .stream().limit(1).flatMap(page -> page.items().stream())
                .map(r -> new KhaosUpload(r.id, KhaosUploadKind.valueOf(r.kind), Attributes.instant(r.receivedAt),
                        LargeText.read(r.body, r.bodyGzip)))
                .toList();
    }

    /** One push as the table keeps it (times as sortable UTC text, {@link Attributes#sortable}). */
    private static final class Row {
        String kind;
        String receivedKey;
        String id;
        String receivedAt;
        /** Always {@code NEW}, as every push has been stored (nothing reads it today). */
        String status;
        /** The table's TTL: epoch seconds. */
        Long expiresAt;
        String body;
        SdkBytes bodyGzip;
    }
}
