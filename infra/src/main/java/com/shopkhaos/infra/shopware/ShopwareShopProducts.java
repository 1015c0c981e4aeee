package com.shopkhaos.infra.shopware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.stock.ShopProducts;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Products through the Admin API: searched by {@code productNumber} ({@code equalsAny}, 500 at a time) or page
 * by page (sorted by id, so pages are stable), stock written with {@code /api/_action/sync} upserts of
 * {@code {id, stock}}. A 400 names the refused rows in each error's {@code source.pointer} ({@code /0/<row>/…}).
 */
@Singleton
public class ShopwareShopProducts implements ShopProducts {
    static final List<String> FIELDS = List.of("id", "productNumber", "stock", "isCloseout", "parentId", "childCount", "active");
    private static final Pattern ROW = Pattern.compile("^/0/(\\d+)(/.*)?$");

    private final ShopwareClients clients;

    @Inject
    public ShopwareShopProducts(ShopwareClients clients) {
        this.clients = clients;
    }

    @Override
    public List<ShopProduct> bySku(String shopId, Collection<String> skus) {
        List<String> all = new ArrayList<>(new LinkedHashSet<>(skus));
        List<ShopProduct> found = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            ObjectNode criteria = criteria(500);
            ArrayNode values = criteria.putArray("filter").addObject().put("type", "equalsAny").put("field", "productNumber")
                    .putArray("value");
            all.subList(i, Math.min(all.size(), i + 500)).forEach(values::add);
            read(clients.forShop(shopId).searchInherited("/api/search/product", criteria), found);
        }
        return found;
    }

    @Override
    public List<ShopProduct> page(String shopId, int page, int size) {
        ObjectNode criteria = criteria(Math.min(500, size)).put("page", page);
        criteria.putArray("sort").addObject().put("field", "id").put("order", "ASC");
        List<ShopProduct> found = new ArrayList<>();
        read(clients.forShop(shopId).searchInherited("/api/search/product", criteria), found);
        return found;
    }

    @Override
    public void setStock(String shopId, List<StockWrite> writes) {
        ArrayNode operations = InfraJson.mapper().createArrayNode();
        ArrayNode payload = operations.addObject().put("action", "upsert").put("entity", "product").putArray("payload");
        writes.forEach(w -> payload.addObject().put("id", w.productId()).put("stock", w.stock()));
        try {
            clients.forShop(shopId).sync(operations);
        } catch (ShopwareApiException e) {
            if (e.status() == 403 && e.body().contains("product:create")) {
                // an upsert of an id the shop no longer has would create a product: one row names a deleted product
                throw new RowsRefusedException(Map.of(), "the product is no longer in the shop (updating it would create it)");
            }
            if (e.status() != 400) {
                throw e;
            }
            Map<Integer, String> refused = refusedRows(e.body(), writes.size());
            if (!refused.isEmpty() && refused.keySet().stream().allMatch(row -> createsProduct(e.body(), row))) {
                // an upsert of an id the shop no longer has is an insert: it fails on the fields only a new product needs
                refused.replaceAll((row, reason) -> "the product is no longer in the shop (updating it would create it): " + reason);
                throw new RowsRefusedException(refused, "the product is no longer in the shop (updating it would create it)");
            }
            throw new RowsRefusedException(refused, e.getMessage());
        }
    }

    /**
     * Whether every error on this row points at a field we never send (we send {@code id} and {@code stock} only): the
     * shop took the row for a new product, which needs a number, name, tax and price.
     */
    static boolean createsProduct(String body, int row) {
        try {
            boolean any = false;
            for (JsonNode error : InfraJson.mapper().readTree(body).path("errors")) {
                Matcher m = ROW.matcher(error.path("source").path("pointer").asText(""));
                if (m.matches() && Integer.parseInt(m.group(1)) == row) {
                    String pointer = error.path("source").path("pointer").asText("");
                    if (pointer.endsWith("/stock") || pointer.endsWith("/id") || pointer.matches("/0/\\d+")) {
                        return false;
                    }
                    any = true;
                }
            }
            return any;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Row index → Shopware's reason, from the errors' pointers (empty when none points at a row). */
    public static Map<Integer, String> refusedRows(String body, int rows) {
        Map<Integer, String> refused = new LinkedHashMap<>();
        try {
            for (JsonNode error : InfraJson.mapper().readTree(body).path("errors")) {
                Matcher m = ROW.matcher(error.path("source").path("pointer").asText(""));
                if (m.matches() && Integer.parseInt(m.group(1)) < rows) {
                    refused.merge(Integer.parseInt(m.group(1)), error.path("code").asText("") + " " + error.path("detail").asText(""),
                            (a, b) -> a + "; " + b);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return refused;
    }

    private static ObjectNode criteria(int limit) {
        ObjectNode criteria = InfraJson.mapper().createObjectNode().put("limit", limit).put("total-count-mode", 0);
        ArrayNode include = criteria.putObject("includes").putArray("product");
        FIELDS.forEach(include::add);
        return criteria;
    }

    private static void read(JsonNode answer, List<ShopProduct> into) {
        for (JsonNode p : answer.path("data")) {
            into.add(new ShopProduct(p.path("id").asText(), p.path("productNumber").asText(""), p.path("stock").asInt(0),
                    p.path("isCloseout").asBoolean(false), p.path("parentId").isTextual() ? p.path("parentId").asText() : null,
                    p.path("childCount").asInt(0)));
        }
    }
}
