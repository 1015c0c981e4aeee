package com.shopkhaos.infra.shopware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.ordersync.ShopOrderUnreadableException;
import com.shopkhaos.model.ordersync.ShopOrders;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shop's orders through its Admin API: one {@link ShopwareAdminClient} per shop (so its token is
 * reused until it expires), the order read into the domain by {@link ShopwareOrderMapper}.
 */
@Singleton
public class ShopwareShopOrders implements ShopOrders {
    static final int PAGE = 500;
    /** Shopware's own date format, in UTC. */
    static final DateTimeFormatter SHOPWARE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    private final ShopwareClients clients;

    @Inject
    public ShopwareShopOrders(ShopwareClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<ShopOrder> fetch(String shopId, String orderId) {
        Optional<JsonNode> json = client(shopId).order(orderId);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ShopwareOrderMapper.read(json.get()));
        } catch (RuntimeException e) {
            throw new ShopOrderUnreadableException(orderId, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public List<ChangedOrder> changedBetween(String shopId, Instant from, Instant to) {
        ShopwareAdminClient client = client(shopId);
        List<ChangedOrder> found = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode data = client.post("/api/search/order", changedCriteria(from, to, page)).path("data");
            for (JsonNode order : data) {
                found.add(new ChangedOrder(order.path("id").asText(), order.path("orderNumber").asText("")));
            }
            if (data.size() < PAGE) {
                return found;
            }
        }
    }

    /** Orders whose creation, last change or a payment's last change falls in {@code [from, to)}, oldest first. */
    static ObjectNode changedCriteria(Instant from, Instant to, int page) {
        ObjectNode criteria = InfraJson.mapper().createObjectNode().put("page", page).put("limit", PAGE);
        ObjectNode any = criteria.putArray("filter").addObject().put("type", "multi").put("operator", "OR");
        ArrayNode queries = any.putArray("queries");
        for (String field : List.of("createdAt", "updatedAt", "transactions.updatedAt")) {
            queries.addObject().put("type", "range").put("field", field).putObject("parameters")
                    .put("gte", SHOPWARE_TIME.format(from)).put("lt", SHOPWARE_TIME.format(to));
        }
        criteria.putArray("sort").addObject().put("field", "createdAt").put("order", "ASC");
        ArrayNode include = criteria.putObject("includes").putArray("order");
        include.add("id").add("orderNumber");
        return criteria;
    }

    private ShopwareAdminClient client(String shopId) {
        return clients.forShop(shopId);
    }
}
