package com.shopkhaos.infra.dynamodb;

import static com.shopkhaos.infra.dynamodb.Attributes.instant;
import static com.shopkhaos.infra.dynamodb.Attributes.n;
import static com.shopkhaos.infra.dynamodb.Attributes.number;
import static com.shopkhaos.infra.dynamodb.Attributes.s;
import static com.shopkhaos.infra.dynamodb.Attributes.string;
import static com.shopkhaos.infra.dynamodb.Attributes.time;

import com.shopkhaos.infra.config.TableNames;
import com.shopkhaos.model.stock.ShopSku;
import com.shopkhaos.model.stock.WebStock;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Per shop SKU: the product id, the stock the shop shows as far as is known, and the newest claim
 * on writing it ({@link WebStock}); read 100 at a time, every change one conditional write to one item (dynalite and
 * DynamoDB both apply a single-item condition atomically). The key ({@code sku}) is {@code <shop id>#<SKU>}: a shop id
 * holds no {@code #}, so the first one separates the two.
 */
@Singleton
public class DynamoWebStock implements WebStock {
    static final int GET_BATCH = 100;
    private static final AttributeValue ONE = AttributeValue.fromN("1");
    private static final AttributeValue MINUS_ONE = AttributeValue.fromN("-1");
    private static final AttributeValue ZERO = AttributeValue.fromN("0");
    /** The newest claim is not of a later sequence of the same code (or there is none). */
    private static final String NOT_OLDER = "(attribute_not_exists(claimCode) OR claimCode <> :c OR claimSeq <= :v)";
    private final DynamoDbClient dynamo;
    private final String table;

    /** The table from {@link TableNames}. */
    @Inject
    public DynamoWebStock(DynamoDbClient dynamo, TableNames tables) {
        this(dynamo, tables.webStock());
    }

    public DynamoWebStock(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Map<ShopSku, Entry> find(Collection<ShopSku> skus) {
        Map<ShopSku, Entry> found = new HashMap<>();
        List<ShopSku> keys = new ArrayList<>(new LinkedHashSet<>(skus));
        for (int i = 0; i < keys.size(); i += GET_BATCH) {
            List<Map<String, AttributeValue>> batch = keys.subList(i, Math.min(keys.size(), i + GET_BATCH)).stream()
                    .map(DynamoWebStock::key).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(batch).consistentRead(true).build());
            DynamoBatches.getAll(dynamo, request, DynamoBatches.SLEEP).getOrDefault(table, List.of()).forEach(item -> {
                Entry e = entry(item);
                found.put(e.sku(), e);
            });
        }
        return found;
    }

    @Override
    public void remember(Entry entry) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(entry)).conditionExpression("attribute_not_exists(sku)"));
        } catch (ConditionalCheckFailedException known) {
            // another push added it first: its entry (and any claim on it) stands
        }
    }

    @Override
    public void forget(ShopSku sku) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(sku)));
    }

    @Override
    public Claimed claim(ShopSku sku, String productId, boolean closeout, Figure figure, boolean keepIfShown) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":c", s(figure.stockCode()), ":v", n(figure.sequence()),
                ":f", AttributeValue.fromN(Integer.toString(figure.sellable()))));
        if (keepIfShown) {
            Map<String, AttributeValue> keep = new HashMap<>(values);
            keep.put(":zero", ZERO);
            try {
                var answer = dynamo.updateItem(b -> b.tableName(table).key(key(sku))
                        .updateExpression("SET claimCode = :c, claimSeq = :v, claimed = :f")
                        .conditionExpression("attribute_exists(sku) AND " + NOT_OLDER
                                + " AND lastPushed = :f AND (attribute_not_exists(writing) OR writing = :zero)")
                        .expressionAttributeValues(keep).returnValues(ReturnValue.ALL_NEW));
                return new Claimed(Claim.KEPT, number(answer.attributes(), "failures"));
            } catch (ConditionalCheckFailedException notShownOrOlder) {
                // try to win it for a write
            }
        }
        values.put(":one", ONE);
        values.put(":p", s(productId));
        values.put(":co", AttributeValue.fromBool(closeout));
        try {
            var answer = dynamo.updateItem(b -> b.tableName(table).key(key(sku))
                    .updateExpression("SET claimCode = :c, claimSeq = :v, claimed = :f, productId = if_not_exists(productId, :p),"
                            + " closeout = if_not_exists(closeout, :co) ADD writing :one")
                    .conditionExpression(NOT_OLDER).expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW));
            return new Claimed(Claim.WRITE, number(answer.attributes(), "failures"));
        } catch (ConditionalCheckFailedException newerClaimed) {
            return new Claimed(Claim.LOST, 0);
        }
    }

    @Override
    public OptionalInt confirm(ShopSku sku, int written, long failuresAtClaim, Instant at) {
        AttributeValue figure = AttributeValue.fromN(Integer.toString(written));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(sku))
                    .updateExpression("SET lastPushed = :f, pushedAt = :t ADD writing :minus")
                    .conditionExpression("claimed = :f AND writing = :one AND "
                            + (failuresAtClaim == 0 ? "attribute_not_exists(failures)" : "failures = :failures"))
                    .expressionAttributeValues(failuresAtClaim == 0
                            ? Map.of(":f", figure, ":t", time(at), ":minus", MINUS_ONE, ":one", ONE)
                            : Map.of(":f", figure, ":t", time(at), ":minus", MINUS_ONE, ":one", ONE, ":failures", n(failuresAtClaim))));
            return OptionalInt.empty();
        } catch (ConditionalCheckFailedException notAlone) {
            // another claim, another writer, or a failed write since ours: see which
        }
        while (true) {
            Entry now = find(List.of(sku)).get(sku);
            if (now == null) {
                return OptionalInt.empty(); // forgotten (the product was deleted in the shop)
            }
            if (now.claimed() == null || now.claimed() != written) {
                return now.claimed() == null ? OptionalInt.empty() : OptionalInt.of(now.claimed());
            }
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key(sku)).updateExpression("ADD writing :minus")
                        .conditionExpression("claimed = :f")
                        .expressionAttributeValues(Map.of(":f", figure, ":minus", MINUS_ONE)));
                return OptionalInt.empty();
            } catch (ConditionalCheckFailedException claimedMeanwhile) {
                // read it again
            }
        }
    }

    @Override
    public void failed(ShopSku sku) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(sku)).updateExpression("REMOVE lastPushed ADD writing :minus, failures :one")
                    .conditionExpression("attribute_exists(sku)")
                    .expressionAttributeValues(Map.of(":minus", MINUS_ONE, ":one", ONE)));
        } catch (ConditionalCheckFailedException forgotten) {
            // the product was deleted in the shop meanwhile
        }
    }

    private static Map<String, AttributeValue> key(ShopSku sku) {
        return Map.of("sku", s(stored(sku)));
    }

    static String stored(ShopSku sku) {
        return sku.shopId() + "#" + sku.sku();
    }

    static ShopSku shopSku(String stored) {
        int at = stored.indexOf('#');
        if (at < 0) {
            throw new IllegalStateException("web-stock key without a shop: " + stored);
        }
        return new ShopSku(stored.substring(0, at), stored.substring(at + 1));
    }

    private static Map<String, AttributeValue> item(Entry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("sku", s(stored(e.sku())));
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
        return new Entry(shopSku(string(item, "sku")), string(item, "productId"),
                item.containsKey("closeout") && Boolean.TRUE.equals(item.get("closeout").bool()),
                item.containsKey("lastPushed") ? Integer.valueOf(item.get("lastPushed").n()) : null, instant(item, "pushedAt"),
                string(item, "claimCode"), number(item, "claimSeq"),
                item.containsKey("claimed") ? Integer.valueOf(item.get("claimed").n()) : null, (int) number(item, "writing"),
                number(item, "failures"));
    }
}
