package com.shopkhaos.simulators.shopware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.sim.SimJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An admin's edit of a placed order, as Shopware does it: the order is copied into a version
 * ({@code POST /api/_action/version/order/{id}}), lines are changed in that version (requests sent with
 * {@code sw-version-id}: {@code PATCH} or {@code DELETE /api/order-line-item/{id}}, {@code POST
 * /api/_action/order/{id}/product/{productId}}), the version is recalculated ({@code POST
 * /api/_action/order/{id}/recalculate}; the live version refuses it) and merged into the live order ({@code POST
 * /api/_action/version/merge/order/{versionId}}). Sources: shopware/shopware {@code
 * src/Core/Framework/Api/Controller/ApiController.php} (createVersion, mergeVersion), {@code
 * src/Core/Checkout/Cart/Order/Api/OrderRecalculationController.php} and {@code RecalculationService.php}
 * ({@code checkVersion}: {@code CHECKOUT__ORDER_CAN_NOT_RECALCULATE_LIVE_VERSION}).
 *
 * <p>The merge changes the live order's lines and totals (its ids, states, addresses and transactions stay; a line
 * keeps its id), sets its {@code updatedAt}, moves product stock by each line's change (6.6 stock follows a line
 * item's quantity), and fires no {@code checkout.order.placed}: an app hears of it only through {@code order.written},
 * which it must subscribe to (and be allowed to read).
 */
final class OrderVersions {

    /** One line of a version: the live line's id (null for a line added in the version), SKU, quantity, price. */
    private static final class Line {
        final String lineId;
        final String sku;
        int quantity;
        BigDecimal unitGross;

        Line(String lineId, String sku, int quantity, BigDecimal unitGross) {
            this.lineId = lineId;
            this.sku = sku;
            this.quantity = quantity;
            this.unitGross = unitGross;
        }
    }

    /** A version of one order: its lines as edited, and the order as last recalculated (null: not yet). */
    private static final class Version {
        final String orderId;
        final List<Line> lines = new ArrayList<>();
        ObjectNode recalculated;

        Version(String orderId) {
            this.orderId = orderId;
        }
    }

    private final ShopwareSimulator sim;
    private final Map<String, Version> versions = new HashMap<>();

    OrderVersions(ShopwareSimulator sim) {
        this.sim = sim;
    }

    /** Copies the live order into a new version; answers its id. */
    synchronized String create(String orderId) {
        ObjectNode order = sim.liveOrder(orderId).orElseThrow(() -> SimulatorException.notFound("FRAMEWORK__ENTITY_NOT_FOUND",
                "Could not find entity for id \"" + orderId + "\" in order."));
        Version version = new Version(orderId);
        for (JsonNode item : order.path("lineItems")) {
            if ("product".equals(item.path("type").asText())) {
                version.lines.add(new Line(item.path("id").asText(), item.path("payload").path("productNumber").asText(),
                        item.path("quantity").asInt(), grossUnit(order, item)));
            }
        }
        String versionId = sim.ids.next();
        versions.put(versionId, version);
        return versionId;
    }

    /** A line's quantity or price changed in the version. */
    synchronized void changeLine(String versionId, String lineId, JsonNode body) {
        Line line = line(version(versionId), lineId);
        if (body.has("quantity")) {
            if (!body.path("quantity").canConvertToInt() || body.path("quantity").asInt() < 1) {
                throw SimulatorException.badRequest("CHECKOUT__CART_INVALID_LINEITEM_QUANTITY",
                        "The quantity must be a positive integer. Given: " + body.path("quantity"));
            }
            line.quantity = body.path("quantity").asInt();
        }
        JsonNode price = body.path("priceDefinition").path("price");
        if (price.isNumber()) {
            line.unitGross = price.decimalValue();
        }
        version(versionId).recalculated = null;
    }

    /** A line removed from the version. */
    synchronized void removeLine(String versionId, String lineId) {
        Version version = version(versionId);
        version.lines.remove(line(version, lineId));
        version.recalculated = null;
    }

    /** A product added to the version at the catalogue's price. */
    synchronized void addProduct(String versionId, String orderId, String productId, int quantity) {
        Version version = version(versionId);
        requireOrder(version, orderId);
        ObjectNode product = Optional.ofNullable(sim.catalog.products.get(productId)).orElseThrow(() -> SimulatorException.notFound(
                "CHECKOUT__PRODUCT_NOT_FOUND", "Product for id " + productId + " not found."));
        if (quantity < 1) {
            throw SimulatorException.badRequest("CHECKOUT__CART_INVALID_LINEITEM_QUANTITY",
                    "The quantity must be a positive integer. Given: " + quantity);
        }
        version.lines.add(new Line(null, product.path("productNumber").asText(), quantity, null));
        version.recalculated = null;
    }

    /** Prices the version's lines as the cart would (promotion, shipping and customer as the order has them). */
    synchronized void recalculate(String versionId, String orderId) {
        Version version = version(versionId);
        requireOrder(version, orderId);
        ObjectNode live = sim.liveOrder(orderId).orElseThrow();
        List<OrderRequest.Line> lines = version.lines.stream()
                .map(l -> new OrderRequest.Line(l.sku, l.quantity, l.unitGross)).toList();
        if (lines.isEmpty()) {
            throw SimulatorException.badRequest("CHECKOUT__CART_EMPTY", "The cart is empty.");
        }
        OrderRequest request = new OrderRequest(customerKey(live), lines, shippingKey(live), promotionCode(live), paymentKey(live), false);
        ObjectNode priced = sim.checkout.price(request, live.path("orderNumber").asText(), sim.clock.instant(), false);
        // the version keeps the live line ids; lines added in it keep the new ones
        ArrayNode items = (ArrayNode) priced.get("lineItems");
        Map<String, String> newToLive = new LinkedHashMap<>();
        int product = 0;
        for (JsonNode item : items) {
            if ("product".equals(item.path("type").asText())) {
                Line line = version.lines.get(product++);
                if (line.lineId != null) {
                    newToLive.put(item.path("id").asText(), line.lineId);
                }
            } else {
                promotionLineId(live).ifPresent(id -> newToLive.put(item.path("id").asText(), id));
            }
        }
        for (JsonNode item : items) {
            String liveId = newToLive.get(item.path("id").asText());
            if (liveId != null) {
                ((ObjectNode) item).put("id", liveId).put("identifier", liveId);
            }
            ((ObjectNode) item).put("orderId", orderId);
        }
        for (JsonNode position : priced.path("deliveries").path(0).path("positions")) {
            String liveId = newToLive.get(position.path("orderLineItemId").asText());
            if (liveId != null) {
                ((ObjectNode) position).put("orderLineItemId", liveId);
            }
        }
        version.recalculated = priced;
    }

    /** Writes the version into the live order; answers the changed order. */
    ObjectNode merge(String versionId) {
        ObjectNode merged;
        synchronized (this) {
            Version version = version(versionId);
            if (version.recalculated == null) {
                recalculate(versionId, version.orderId);
            }
            merged = sim.mergeOrderVersion(version.orderId, version.recalculated);
            versions.remove(versionId);
        }
        return merged;
    }

    private Version version(String versionId) {
        Version version = versions.get(versionId);
        if (version == null) {
            throw SimulatorException.badRequest("FRAMEWORK__INVALID_VERSION_ID", "The version id \"" + versionId
                    + "\" is not a version of an order here (create one with POST /api/_action/version/order/{id}).");
        }
        return version;
    }

    private static Line line(Version version, String lineId) {
        return version.lines.stream().filter(l -> lineId.equals(l.lineId)).findFirst().orElseThrow(() -> SimulatorException.notFound(
                "FRAMEWORK__ENTITY_NOT_FOUND", "Could not find entity for id \"" + lineId + "\" in order_line_item."));
    }

    private static void requireOrder(Version version, String orderId) {
        if (!version.orderId.equals(orderId)) {
            throw SimulatorException.badRequest("FRAMEWORK__INVALID_VERSION_ID", "the version belongs to order " + version.orderId);
        }
    }

    /** A line's unit price, gross (a net customer's order holds net prices). */
    private BigDecimal grossUnit(ObjectNode order, JsonNode item) {
        BigDecimal unit = item.path("unitPrice").decimalValue();
        if ("gross".equals(order.path("taxStatus").asText())) {
            return unit;
        }
        BigDecimal rate = item.path("price").path("taxRules").path(0).path("taxRate").decimalValue();
        return unit.multiply(BigDecimal.ONE.add(rate.movePointLeft(2))).setScale(2, RoundingMode.HALF_UP);
    }

    private String customerKey(ObjectNode order) {
        String id = order.path("orderCustomer").path("customerId").asText();
        return sim.catalog.customers.values().stream().filter(c -> c.id().equals(id)).map(SimCustomer::key).findFirst()
                .orElseThrow(() -> SimulatorException.badRequest("SIMULATOR__UNKNOWN_CUSTOMER", "the order's customer is gone"));
    }

    private String shippingKey(ObjectNode order) {
        String id = order.path("deliveries").path(0).path("shippingMethodId").asText();
        return sim.catalog.shippingMethods.values().stream().filter(m -> m.id().equals(id)).map(SimShippingMethod::key)
                .findFirst().orElse("standard");
    }

    private String paymentKey(ObjectNode order) {
        String id = order.path("transactions").path(0).path("paymentMethodId").asText();
        return sim.catalog.paymentMethods.entrySet().stream().filter(e -> e.getValue().path("id").asText().equals(id))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static String promotionCode(ObjectNode order) {
        for (JsonNode item : order.path("lineItems")) {
            if ("promotion".equals(item.path("type").asText())) {
                return item.path("payload").path("code").asText(null);
            }
        }
        return null;
    }

    private static Optional<String> promotionLineId(ObjectNode order) {
        for (JsonNode item : order.path("lineItems")) {
            if ("promotion".equals(item.path("type").asText())) {
                return Optional.of(item.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** The control API's shortcut: what the admin does for one edit, start to merge. */
    ObjectNode edit(String orderId, JsonNode body) {
        String versionId = create(orderId);
        synchronized (this) {
            Version version = version(versionId);
            for (JsonNode set : body.path("set")) {
                Line line = version.lines.stream().filter(l -> l.sku.equalsIgnoreCase(set.path("sku").asText())).findFirst()
                        .orElseThrow(() -> SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "the order has no line of "
                                + set.path("sku").asText()));
                ObjectNode change = SimJson.object();
                if (set.has("quantity")) {
                    change.set("quantity", set.get("quantity"));
                }
                if (set.has("unitPrice")) {
                    change.putObject("priceDefinition").set("price", set.get("unitPrice"));
                }
                changeLine(versionId, line.lineId, change);
            }
            for (JsonNode remove : body.path("remove")) {
                version.lines.stream().filter(l -> l.sku.equalsIgnoreCase(remove.asText())).findFirst()
                        .ifPresentOrElse(l -> removeLine(versionId, l.lineId), () -> {
                            throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "the order has no line of " + remove.asText());
                        });
            }
            for (JsonNode add : body.path("add")) {
                String productId = sim.catalog.productBySku(add.path("sku").asText()).map(p -> p.path("id").asText())
                        .orElseThrow(() -> SimulatorException.badRequest("CHECKOUT__PRODUCT_NOT_FOUND", "Product for id "
                                + add.path("sku").asText() + " not found."));
                addProduct(versionId, orderId, productId, add.path("quantity").asInt(1));
            }
            recalculate(versionId, orderId);
        }
        return merge(versionId);
    }
}
