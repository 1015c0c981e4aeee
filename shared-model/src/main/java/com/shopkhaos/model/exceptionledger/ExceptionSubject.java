package com.shopkhaos.model.exceptionledger;

import java.util.Objects;

/**
 * What a problem is about, as the flow that raised it knew it: an order (and what on it), a Khaos stock code, a shop
 * SKU, or something no flow can run again for (a webhook, a Khaos upload, a day of the sweep). {@link #text()} is how
 * it is shown, searched and named in the exception's id.
 */
public sealed interface ExceptionSubject {

    /** How people see it, and the second half of the exception's id. */
    String text();

    /** An order, by the shop's order number; {@code detail} says what on it (a SKU, a delivery method …), may be empty. */
    record Order(String orderNumber, String detail) implements ExceptionSubject {
        public Order {
            Objects.requireNonNull(orderNumber, "orderNumber");
            detail = detail == null ? "" : detail;
        }

        @Override
        public String text() {
            return detail.isEmpty() ? orderNumber : orderNumber + ":" + detail;
        }
    }

    /**
     * A Khaos stock code (its stock figure is worked out again on a retry); {@code shopId} names the shop when the
     * problem is one shop's (empty for Khaos's own, and for problems raised before they named the shop).
     */
    record StockCode(String shopId, String code) implements ExceptionSubject {
        public StockCode {
            Objects.requireNonNull(code, "code");
            shopId = shopId == null ? "" : shopId;
        }

        public StockCode(String code) {
            this("", code);
        }

        @Override
        public String text() {
            return shopId.isEmpty() ? code : shopId + ":" + code;
        }
    }

    /**
     * A shop product's SKU in one shop (its stock code's figure is worked out again on a retry); {@code shopId} is empty
     * for problems raised before they named the shop.
     */
    record ShopSku(String shopId, String sku) implements ExceptionSubject {
        public ShopSku {
            Objects.requireNonNull(sku, "sku");
            shopId = shopId == null ? "" : shopId;
        }

        public ShopSku(String sku) {
            this("", sku);
        }

        @Override
        public String text() {
            return shopId.isEmpty() ? sku : shopId + ":" + sku;
        }
    }

    /** Anything else: a person deals with it and resolves it. */
    record Other(String text) implements ExceptionSubject {
        public Other {
            Objects.requireNonNull(text, "text");
        }
    }

    static Order order(String orderNumber) {
        return new Order(orderNumber, "");
    }

    static Order order(String orderNumber, String detail) {
        return new Order(orderNumber, detail);
    }

    static Other other(String text) {
        return new Other(text);
    }
}
