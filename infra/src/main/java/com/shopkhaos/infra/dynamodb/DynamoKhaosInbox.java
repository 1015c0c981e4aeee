package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.n;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.khaos.KhaosInbox;
import com.shopkhaos.model.khaos.KhaosUpload;
import com.shopkhaos.model.khaos.KhaosUploadKind;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Raw pushes from Khaos, one item each: partition = kind, sort = time of receipt; kept 14 days (TTL). */
@Singleton
public class DynamoKhaosInbox implements KhaosInbox {
    static final Duration KEEP = Duration.ofDays(14);
    private final DynamoDbClient dynamo;
    private final String table;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoKhaosInbox(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.khaosInbox());
    }

    public DynamoKhaosInbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void keep(KhaosUpload upload) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("kind", s(upload.kind().name()));
        item.put("receivedKey", s(Attributes.sortable(upload.receivedAt()) + "#" + upload.id()));
        item.put("id", s(upload.id()));
        item.put("receivedAt", time(upload.receivedAt()));
        item.put("status", s("NEW"));
        item.put("expiresAt", n(upload.receivedAt().plus(KEEP).getEpochSecond()));
        Map.Entry<String, AttributeValue> body = LargeText.attribute("body", upload.body());
        item.put(body.getKey(), body.getValue());
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public List<KhaosUpload> latest(KhaosUploadKind kind, int limit) {
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("kind = :kind")
                        .expressionAttributeValues(Map.of(":kind", s(kind.name()))).scanIndexForward(false).limit(limit))
                .items().stream()
                .map(i -> new KhaosUpload(string(i, "id"), KhaosUploadKind.valueOf(string(i, "kind")), instant(i, "receivedAt"),
                        LargeText.read(i, "body")))
                .toList();
    }
}
