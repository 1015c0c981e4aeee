package com.shopkhaos.model.audit;

/** Port: reads the shop's catalogue, methods, tax rates, currencies and promotions for the audit. Reads only. */
public interface ShopCatalogueSource {

    /**
     * The whole catalogue of the shop, products' prices in {@code priceCurrency} (the Khaos channel's: a price of the
     * product's own in it, else its default price converted as the shop converts it).
     */
    ShopCatalogue read(String shopId, String priceCurrency);
}
