package com.shopkhaos.infra.shopware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.despatch.ShopDeliveries;
import com.shopkhaos.model.order.ShopStates;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Despatches through the Admin API: the order with its line items and deliveries ({@code POST /api/search/order}),
 * tracking codes (and shipping method) by {@code PATCH /api/order-delivery/{id}} with the whole list, and state changes by
 * {@code POST /api/_action/order_delivery/{id}/state/{action}} and {@code …/order/{id}/state/{action}} (the shop's flows
 * send the customer's mail on them). A 400 {@code SYSTEM__ILLEGAL_STATE_TRANSITION} means someone moved it first.
 */
@Singleton
public class ShopwareShopDeliveries implements ShopDeliveries {
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{32}");
    private static final String ILLEGAL_TRANSITION = "SYSTEM__ILLEGAL_STATE_TRANSITION";

    private final ShopwareClients clients;
    /** shopId#technical name → shipping method id (they do not change once created). */
    private final Map<String, String> methodIds = new ConcurrentHashMap<>();

    @Inject
    public ShopwareShopDeliveries(ShopwareClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<ShopOrderView> order(String shopId, String orderId) {
        ObjectNode criteria = InfraJson.mapper().createObjectNode();
        criteria.putArray("ids").add(orderId);
        ObjectNode associations = criteria.putObject("associations");
        associations.putObject("lineItems");
        associations.putObject("stateMachineState");
        ObjectNode deliveries = associations.putObject("deliveries").putObject("associations");
        deliveries.putObject("stateMachineState");
        deliveries.putObject("shippingMethod");
        criteria.put("limit", 1);
        JsonNode order = clients.forShop(shopId).post("/api/search/order", criteria).path("data").path(0);
        if (order.isMissingNode()) {
            return Optional.empty();
        }
        List<OrderedLine> lines = new ArrayList<>();
        Set<String> others = new HashSet<>();
        for (JsonNode item : order.path("lineItems")) {
            if ("product".equals(item.path("type").asText()) && item.path("quantity").asInt() > 0) {
                String sku = item.path("payload").path("productNumber").asText("");
                lines.add(new OrderedLine(item.path("id").asText(), sku, item.path("quantity").asInt()));
            } else {
                others.add(item.path("id").asText());
            }
        }
        List<DeliveryView> views = new ArrayList<>();
        List<JsonNode> shopDeliveries = new ArrayList<>();
        order.path("deliveries").forEach(shopDeliveries::add);
        // Shopware does not order an association: the primary delivery (highest shipping costs, as its admin shows
        // it) first, then by id, so every write-back picks the same one
        shopDeliveries.sort(Comparator.comparing((JsonNode d) -> d.path("shippingCosts").path("totalPrice").decimalValue())
                .reversed().thenComparing(d -> d.path("id").asText()));
        for (JsonNode d : shopDeliveries) {
            List<String> codes = new ArrayList<>();
            d.path("trackingCodes").forEach(c -> codes.add(c.asText()));
            views.add(new DeliveryView(d.path("id").asText(),
                    ShopwareStateNames.deliveryState(d.path("stateMachineState").path("technicalName").asText("")), codes,
                    d.path("shippingMethodId").asText(""), d.path("shippingMethod").path("technicalName").asText("")));
        }
        return Optional.of(new ShopOrderView(order.path("id").asText(), order.path("orderNumber").asText(""),
                ShopwareStateNames.orderState(order.path("stateMachineState").path("technicalName").asText("")), lines, views, others));
    }

    @Override
    public void updateDelivery(String shopId, String deliveryId, List<String> trackingCodes, String shippingMethod) {
        ObjectNode body = InfraJson.mapper().createObjectNode();
        ArrayNode codes = body.putArray("trackingCodes");
        trackingCodes.forEach(codes::add);
        if (!shippingMethod.isEmpty()) {
            body.put("shippingMethodId", methodId(shopId, shippingMethod));
        }
        try {
            clients.forShop(shopId).patchRepeatable("/api/order-delivery/" + deliveryId, body);
        } catch (ShopwareApiException e) {
            throw refused(e);
        }
    }

    @Override
    public void transitionDelivery(String shopId, String deliveryId, ShopStates.DeliveryChange change) {
        transition(shopId, "/api/_action/order_delivery/" + deliveryId + "/state/" + ShopwareStateNames.action(change));
    }

    @Override
    public void transitionOrder(String shopId, String orderId, ShopStates.OrderChange change) {
        transition(shopId, "/api/_action/order/" + orderId + "/state/" + ShopwareStateNames.action(change));
    }

    private void transition(String shopId, String path) {
        try {
            clients.forShop(shopId).postRepeatable(path, InfraJson.mapper().createObjectNode());
        } catch (ShopwareApiException e) {
            if (e.status() == 400 && e.body() != null && e.body().contains(ILLEGAL_TRANSITION)) {
                throw new IllegalShopTransitionException(e.getMessage());
            }
            throw refused(e);
        }
    }

    /** A shipping method id as given, or the id of the method with that technical name. */
    private String methodId(String shopId, String method) {
        String m = method.trim();
        if (HEX_ID.matcher(m).matches()) {
            return m;
        }
        String key = shopId + "#" + m.toLowerCase(Locale.ROOT);
        String known = methodIds.get(key);
        if (known != null) {
            return known;
        }
        ObjectNode criteria = InfraJson.mapper().createObjectNode().put("limit", 1);
        criteria.putArray("filter").addObject().put("type", "equals").put("field", "technicalName").put("value", m);
        JsonNode found = clients.forShop(shopId).post("/api/search/shipping-method", criteria).path("data").path(0);
        if (found.isMissingNode()) {
            throw new WriteRefusedException("the shop has no shipping method \"" + m + "\" (SHIPPING_METHOD mapping)");
        }
        methodIds.put(key, found.path("id").asText());
        return found.path("id").asText();
    }

    /** A 4xx that is not about an expired token: retrying the same write will not help. */
    private static RuntimeException refused(ShopwareApiException e) {
        return e.status() / 100 == 4 && e.status() != 401 && e.status() != 408 ? new WriteRefusedException(e.getMessage()) : e;
    }
}
