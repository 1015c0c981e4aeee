package com.shopkhaos.model.audit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the shop sells and how, as the audit reads it (Admin API): products and variants (a variant's inherited fields
 * resolved), shipping and payment methods, tax rates and the sales channels' currencies.
 */
public record ShopCatalogue(List<Product> products, List<Method> shippingMethods, List<Method> paymentMethods,
                            List<BigDecimal> taxRates, List<String> currencies) {

    public ShopCatalogue {
        products = List.copyOf(products);
        shippingMethods = List.copyOf(shippingMethods);
        paymentMethods = List.copyOf(paymentMethods);
        taxRates = List.copyOf(taxRates);
        currencies = List.copyOf(currencies);
    }

    /**
     * One product or variant.
     *
     * @param parentId   the parent product's id ("" for a product without one)
     * @param onSale     active and visible in at least one sales channel
     * @param closeout   Shopware's "clearance sale": sells only what is in stock
     * @param grossPrice its gross price in the default currency, where it has one
     * @param taxRate    its tax rate's percentage
     */
    public record Product(String id, String parentId, String sku, String name, boolean onSale, boolean closeout,
                          Optional<BigDecimal> grossPrice, Optional<BigDecimal> taxRate, String ean) {
        public Product {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(sku, "sku");
            parentId = parentId == null ? "" : parentId;
            name = name == null ? "" : name;
            ean = ean == null ? "" : ean;
        }
    }

    /** A shipping or payment method: its technical name (Shopware 6.7 requires one) and name. */
    public record Method(String technicalName, String name, boolean active) {
        public Method {
            technicalName = technicalName == null ? "" : technicalName;
            name = name == null ? "" : name;
        }
    }
}
