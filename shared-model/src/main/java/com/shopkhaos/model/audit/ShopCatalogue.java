package com.shopkhaos.model.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the shop sells and how, as the audit reads it (Admin API): products and variants (a variant's inherited fields
 * resolved), shipping and payment methods, the tax rates its products are sold at, the sales channels' currencies and
 * the promotions, as they were at {@code readAt}.
 */
public record ShopCatalogue(List<Product> products, List<Method> shippingMethods, List<Method> paymentMethods,
                            List<BigDecimal> taxRates, List<String> currencies, List<Promotion> promotions, Instant readAt) {

    public ShopCatalogue {
        products = List.copyOf(products);
        shippingMethods = List.copyOf(shippingMethods);
        paymentMethods = List.copyOf(paymentMethods);
        taxRates = List.copyOf(taxRates);
        currencies = List.copyOf(currencies);
        promotions = List.copyOf(promotions);
        Objects.requireNonNull(readAt, "readAt");
    }

    /** A shop without promotions, read now. */
    public ShopCatalogue(List<Product> products, List<Method> shippingMethods, List<Method> paymentMethods,
                         List<BigDecimal> taxRates, List<String> currencies) {
        this(products, shippingMethods, paymentMethods, taxRates, currencies, List.of(), Instant.now());
    }

    /**
     * One product or variant.
     *
     * @param parentId   the parent product's id ("" for a product without one)
     * @param onSale     active and visible in at least one sales channel
     * @param closeout   Shopware's "clearance sale": sells only what is in stock
     * @param grossPrice its gross price in the Khaos channel's currency, where it has one
     * @param taxRate    its tax rate's percentage
     * @param digital    a download (Shopware's {@code is-download} state): nothing leaves a warehouse
     */
    public record Product(String id, String parentId, String sku, String name, boolean onSale, boolean closeout,
                          Optional<BigDecimal> grossPrice, Optional<BigDecimal> taxRate, String ean, boolean digital) {
        public Product {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(sku, "sku");
            parentId = parentId == null ? "" : parentId;
            name = name == null ? "" : name;
            ean = ean == null ? "" : ean;
            grossPrice = grossPrice == null ? Optional.empty() : grossPrice;
            taxRate = taxRate == null ? Optional.empty() : taxRate;
        }

        /** A physical product. */
        public Product(String id, String parentId, String sku, String name, boolean onSale, boolean closeout,
                       Optional<BigDecimal> grossPrice, Optional<BigDecimal> taxRate, String ean) {
            this(id, parentId, sku, name, onSale, closeout, grossPrice, taxRate, ean, false);
        }
    }

    /** A shipping or payment method: its technical name (Shopware 6.7 requires one) and name. */
    public record Method(String technicalName, String name, boolean active) {
        public Method {
            technicalName = technicalName == null ? "" : technicalName;
            name = name == null ? "" : name;
        }
    }

    /**
     * A promotion: its code as an order carries it ("" for one without, or one applied automatically), the scope of each
     * of its discounts as the rules name it ({@code cart}, {@code delivery}, {@code set}, {@code setgroup}: Shopware's
     * {@code setgroup-<group id>}), and when it is valid (empty: no bound).
     */
    public record Promotion(String name, String code, boolean active, Optional<Instant> validFrom, Optional<Instant> validUntil,
                            List<String> scopes) {
        public Promotion {
            name = name == null ? "" : name;
            code = code == null ? "" : code;
            validFrom = validFrom == null ? Optional.empty() : validFrom;
            validUntil = validUntil == null ? Optional.empty() : validUntil;
            scopes = List.copyOf(scopes);
        }

        /** Active, and valid at that time. */
        public boolean inForce(Instant at) {
            return active && validFrom.map(f -> !f.isAfter(at)).orElse(true) && validUntil.map(u -> !u.isBefore(at)).orElse(true);
        }
    }
}
