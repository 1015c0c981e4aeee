package com.shopkhaos.model.stock;

import java.util.Objects;

/** A SKU as one shop sells it: the same SKU in two shops is two products, each with its own stock record. */
public record ShopSku(String shopId, String sku) {
    public ShopSku {
        Objects.requireNonNull(shopId, "shopId");
        Objects.requireNonNull(sku, "sku");
    }
}
