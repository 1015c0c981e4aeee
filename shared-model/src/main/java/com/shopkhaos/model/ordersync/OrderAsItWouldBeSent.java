package com.shopkhaos.model.ordersync;

import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.KhaosCatalogue;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import com.shopkhaos.model.order.OrderTranslator;
import com.shopkhaos.model.order.SalesOrderValues;
import com.shopkhaos.model.order.ShopOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A shop order as Khaos would be sent it today (today's mappings and catalogue), to compare with what Khaos was sent:
 * stock is not checked again, since Khaos has the order's units allocated already.
 */
public final class OrderAsItWouldBeSent {
    private final OrderTranslationPolicy policy;
    private final OrderMappings mappings;
    private final Function<String, Optional<CatalogueItem>> catalogue;

    public OrderAsItWouldBeSent(OrderTranslationPolicy policy, OrderMappings mappings, KhaosCatalogue catalogue) {
        this(policy, mappings, catalogue::byStockCode);
    }

    private OrderAsItWouldBeSent(OrderTranslationPolicy policy, OrderMappings mappings,
                                 Function<String, Optional<CatalogueItem>> catalogue) {
        this.policy = policy;
        this.mappings = mappings;
        this.catalogue = catalogue;
    }

    /** The same, reading each stock code of the catalogue once (a night's run over thousands of orders). */
    public OrderAsItWouldBeSent remembering() {
        Map<String, Optional<CatalogueItem>> seen = new HashMap<>();
        return new OrderAsItWouldBeSent(policy, mappings, code -> seen.computeIfAbsent(code, catalogue));
    }

    public OrderTranslator.Result translate(ShopOrder order) {
        OrderMappings.Overrides current = mappings.current();
        OrderTranslationPolicy effective = policy.withMappings(current.skuToStockCode(), current.deliveryMethodToCourier(),
                current.promotionToItem());
        return OrderTranslator.translate(order, effective, catalogue, code -> Optional.empty());
    }

    /** Its money, when it can be translated today. */
    public Optional<SalesOrderValues> values(ShopOrder order) {
        return translate(order).salesOrder().map(SalesOrderValues::of);
    }
}
