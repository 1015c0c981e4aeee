package com.shopkhaos.model.order;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the order translation takes from configuration where Shopware has nothing to say: the Khaos site,
 * sales source and company class, the channel currency, which delivery method is which courier, which
 * payment method is which card type, which payment methods are on account, which promotion scopes may be
 * turned into line discounts, and SKU overrides ({@code mappings}).
 */
public record OrderTranslationPolicy(String site, String salesSource, String companyClass, String currency,
                                     Map<String, String> couriers, Map<String, String> cardTypes,
                                     Set<String> accountPaymentMethods, Set<String> promotionScopes,
                                     Map<String, String> skuOverrides, Map<String, String> promotionItems) {

    public OrderTranslationPolicy {
        couriers = lowerKeys(couriers);
        cardTypes = lowerKeys(cardTypes);
        accountPaymentMethods = Set.copyOf(accountPaymentMethods);
        promotionScopes = Set.copyOf(promotionScopes);
        skuOverrides = Map.copyOf(skuOverrides);
        promotionItems = lowerKeys(promotionItems == null ? Map.of() : promotionItems);
    }

    public OrderTranslationPolicy(String site, String salesSource, String companyClass, String currency,
                                  Map<String, String> couriers, Map<String, String> cardTypes,
                                  Set<String> accountPaymentMethods, Set<String> promotionScopes,
                                  Map<String, String> skuOverrides) {
        this(site, salesSource, companyClass, currency, couriers, cardTypes, accountPaymentMethods, promotionScopes, skuOverrides,
                Map.of());
    }

    /** The Khaos non-stock item a promotion is sent as: mapped by its code, else by its discount scope. */
    public Optional<String> promotionItemFor(String promotionCode, String discountScope) {
        String byCode = promotionItems.get(promotionCode == null ? "" : promotionCode.toLowerCase(Locale.ROOT).strip());
        if (byCode != null && !promotionCode.isBlank()) {
            return Optional.of(byCode);
        }
        return Optional.ofNullable(promotionItems.get(discountScope == null ? "" : discountScope.toLowerCase(Locale.ROOT).strip()))
                .filter(v -> discountScope != null && !discountScope.isBlank());
    }

    private static Map<String, String> lowerKeys(Map<String, String> map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT).strip(), v.strip()));
        return Map.copyOf(out);
    }

    /** This policy with SKU overrides and couriers mapped by hand added (they win over configured ones). */
    public OrderTranslationPolicy withMappings(Map<String, String> skus, Map<String, String> moreCouriers) {
        return withMappings(skus, moreCouriers, Map.of());
    }

    /** As above, with promotions mapped to Khaos non-stock items. */
    public OrderTranslationPolicy withMappings(Map<String, String> skus, Map<String, String> moreCouriers,
                                               Map<String, String> morePromotionItems) {
        if (skus.isEmpty() && moreCouriers.isEmpty() && morePromotionItems.isEmpty()) {
            return this;
        }
        Map<String, String> promos = new LinkedHashMap<>(promotionItems);
        promos.putAll(lowerKeys(morePromotionItems));
        Map<String, String> sku = new LinkedHashMap<>(skuOverrides);
        sku.putAll(skus);
        Map<String, String> courier = new LinkedHashMap<>(couriers);
        courier.putAll(lowerKeys(moreCouriers));
        return new OrderTranslationPolicy(site, salesSource, companyClass, currency, courier, cardTypes, accountPaymentMethods,
                promotionScopes, sku, promos);
    }

    /** Whether a payment method puts the order on account (invoice): ready when placed, even under "on paid". */
    public boolean isAccountPaymentMethod(String technicalName) {
        return technicalName != null && accountPaymentMethods.contains(technicalName);
    }

    /** The Khaos stock code for a shop SKU: an override from {@code mappings}, else the SKU itself. */
    public String stockCodeFor(String sku) {
        return skuOverrides.getOrDefault(sku, sku);
    }

    /** The courier for a delivery method: by its technical name, else by its name. */
    public Optional<String> courierFor(String technicalName, String name) {
        String byTechnical = technicalName == null ? null : couriers.get(technicalName.toLowerCase(Locale.ROOT));
        if (byTechnical != null) {
            return Optional.of(byTechnical);
        }
        return Optional.ofNullable(name == null ? null : couriers.get(name.toLowerCase(Locale.ROOT).strip()));
    }

    public Optional<String> cardTypeFor(String technicalName) {
        return Optional.ofNullable(technicalName == null ? null : cardTypes.get(technicalName.toLowerCase(Locale.ROOT)));
    }

    /** Parses {@code key=value,key=value} configuration (keys may contain spaces; values may not be empty). */
    public static Map<String, String> parsePairs(String text, String setting) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String entry : text.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException(setting + " entry \"" + entry.strip() + "\" is not key=value");
            }
            out.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return out;
    }
}
