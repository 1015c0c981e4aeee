package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.model.stock.WebStock;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Per shop SKU ({@code shopId#sku}): the product id and the stock last written; read 100 and written 25 at a time. */
@Singleton
public class DynamoWebStock implements WebStock {
    static final int GET_BATCH = 100;
    static final int WRITE_BATCH = 25;
    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoWebStock(DynamoDbClient dynamo, @ConfigProperty(name = "shopkhaos.web-stock-table") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Map<String, Entry> find(Collection<String> skus) {
        Map<String, Entry> found = new HashMap<>();
        List<String> keys = new ArrayList<>(new LinkedHashSet<>(skus));
        for (int i = 0; i < keys.size(); i += GET_BATCH) {
            List<Map<String, AttributeValue>> batch = keys.subList(i, Math.min(keys.size(), i + GET_BATCH)).stream()
                    .map(k -> Map.of("sku", s(k))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(batch).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> asked = request;
                var answer = dynamo.batchGetItem(b -> b.requestItems(asked));
                answer.responses().getOrDefault(table, List.of()).forEach(item -> {
                    Entry e = entry(item);
                    found.put(e.sku(), e);
                });
                request = answer.unprocessedKeys() == null ? Map.of() : answer.unprocessedKeys();
            }
        }
        return found;
    }

    @Override
    public void remember(Entry entry) {
        dynamo.putItem(b -> b.tableName(table).item(item(entry)));
    }

    @Override
    public void forget(String sku) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("sku", s(sku))));
    }

    @Override
    public void rememberAll(List<Entry> entries) {
        for (int i = 0; i < entries.size(); i += WRITE_BATCH) {
            List<WriteRequest> writes = entries.subList(i, Math.min(entries.size(), i + WRITE_BATCH)).stream()
                    .map(e -> WriteRequest.builder().putRequest(PutRequest.builder().item(item(e)).build()).build()).toList();
            Map<String, List<WriteRequest>> request = Map.of(table, writes);
            while (!request.isEmpty()) {
                Map<String, List<WriteRequest>> asked = request;
                var answer = dynamo.batchWriteItem(b -> b.requestItems(asked));
                request = answer.unprocessedItems() == null ? Map.of() : answer.unprocessedItems();
            }
        }
    }

    private static Map<String, AttributeValue> item(Entry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("sku", s(e.sku()));
        item.put("productId", s(e.productId()));
        item.put("closeout", AttributeValue.fromBool(e.closeout()));
        if (e.lastPushed() != null) {
            item.put("lastPushed", AttributeValue.fromN(Integer.toString(e.lastPushed())));
        }
        if (e.pushedAt() != null) {
            item.put("pushedAt", time(e.pushedAt()));
        }
        return item;
    }

    private static Entry entry(Map<String, AttributeValue> item) {
        return new Entry(string(item, "sku"), string(item, "productId"),
                item.containsKey("closeout") && Boolean.TRUE.equals(item.get("closeout").bool()),
                item.containsKey("lastPushed") ? Integer.valueOf(item.get("lastPushed").n()) : null, instant(item, "pushedAt"));
    }
}
