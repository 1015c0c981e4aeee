package com.shopkhaos.infra.shopware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.audit.ShopCatalogue;
import com.shopkhaos.model.audit.ShopCatalogueSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shop's catalogue for the audit, read through the Admin API with searches only (it changes nothing): products page
 * by page with {@code sw-inheritance} (a variant's inherited price, tax, closeout, name, EAN and visibilities come filled
 * from its parent; a product is on sale when active and visible in an active sales channel), sorted by id, {@code includes} trimmed and no total count; then currencies, active sales channels with
 * their currencies, taxes, shipping and payment methods, promotions with their discounts. Each needs its entity's read
 * permission (the app's manifest 1.3.0 asks for {@code product_visibility}, {@code sales_channel}, {@code promotion},
 * {@code promotion_discount}).
 */
@Singleton
public class ShopwareShopCatalogue implements ShopCatalogueSource {
    /** Shopware's {@code Defaults::CURRENCY}: the system currency every product has a price in. */
    static final String SYSTEM_CURRENCY = "b7d2554b0ce847cd82f3ac9bd1c0dfca";
    static final int PAGE = 500;
    static final List<String> PRODUCT_FIELDS = List.of("id", "parentId", "productNumber", "name", "translated", "active", "isCloseout",
            "price", "taxId", "ean", "type", "states", "visibilities", "childCount");

    private final ShopwareClients clients;
    private final Clock clock;

    @Inject
    public ShopwareShopCatalogue(ShopwareClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public ShopCatalogue read(String shopId, String priceCurrency) {
        ShopwareAdminClient shop = clients.forShop(shopId);
        Instant readAt = clock.instant();
        Map<String, Currency> currencies = new HashMap<>();
        for (JsonNode c : all(shop, "currency", criteria("currency", "id", "isoCode", "factor", "itemRounding"))) {
            JsonNode rounding = c.path("itemRounding");
            currencies.put(c.path("id").asText(), new Currency(c.path("isoCode").asText("").toUpperCase(Locale.ROOT),
                    decimal(c.path("factor")).orElse(BigDecimal.ONE), rounding.path("decimals").asInt(2),
                    decimal(rounding.path("interval")).filter(i -> i.signum() > 0).orElse(new BigDecimal("0.01"))));
        }
        Set<String> sold = new TreeSet<>();
        Set<String> activeChannels = new HashSet<>();
        ObjectNode channels = criteria("sales_channel", "id", "active", "currencyId", "currencies");
        channels.withObject("/includes").putArray("currency").add("id").add("isoCode");
        channels.putObject("associations").putObject("currencies");
        for (JsonNode channel : all(shop, "sales-channel", channels)) {
            if (!channel.path("active").asBoolean(true)) {
                continue;
            }
            activeChannels.add(channel.path("id").asText());
            Optional.ofNullable(currencies.get(channel.path("currencyId").asText())).ifPresent(c -> sold.add(c.iso()));
            channel.path("currencies").forEach(c -> sold.add(c.path("isoCode").asText("").toUpperCase(Locale.ROOT)));
        }
        sold.remove("");
        Map<String, BigDecimal> taxRates = new HashMap<>();
        for (JsonNode tax : all(shop, "tax", criteria("tax", "id", "taxRate"))) {
            decimal(tax.path("taxRate")).ifPresent(rate -> taxRates.put(tax.path("id").asText(), rate));
        }
        Prices prices = new Prices(currencies, priceCurrency.toUpperCase(Locale.ROOT));
        List<ShopCatalogue.Product> products = new ArrayList<>();
        Set<BigDecimal> ratesOnSale = new TreeSet<>();
        ObjectNode productCriteria = criteria("product", PRODUCT_FIELDS.toArray(String[]::new));
        productCriteria.withObject("/includes").putArray("product_visibility").add("salesChannelId").add("visibility");
        productCriteria.putObject("associations").putObject("visibilities");
        for (int page = 1; ; page++) {
            productCriteria.put("page", page);
            JsonNode data = shop.searchInherited("/api/search/product", productCriteria).path("data");
            for (JsonNode p : data) {
                Optional<BigDecimal> rate = Optional.ofNullable(taxRates.get(p.path("taxId").asText()));
                boolean visible = false;
                for (JsonNode v : p.path("visibilities")) {
                    visible |= activeChannels.contains(v.path("salesChannelId").asText());
                }
                boolean onSale = p.path("active").asBoolean(false) && visible;
                // 6.7's type (digital), else the older states (is-download), which 6.7 still answers, deprecated
                boolean digital = p.path("type").asText("").equals("digital");
                for (JsonNode state : p.path("states")) {
                    digital |= state.asText().equals("is-download");
                }
                ShopCatalogue.Product product = new ShopCatalogue.Product(p.path("id").asText(), text(p, "parentId"),
                        p.path("productNumber").asText(""), name(p), onSale, p.path("isCloseout").asBoolean(false),
                        prices.gross(p.path("price")), rate, text(p, "ean"), digital);
                products.add(product);
                if (onSale) {
                    rate.ifPresent(ratesOnSale::add);
                }
            }
            if (data.size() < PAGE) {
                break;
            }
        }
        List<ShopCatalogue.Method> shipping = methods(shop, "shipping-method", "shipping_method");
        List<ShopCatalogue.Method> payment = methods(shop, "payment-method", "payment_method");
        List<ShopCatalogue.Promotion> promotions = new ArrayList<>();
        ObjectNode promotionCriteria = criteria("promotion", "id", "name", "code", "useCodes", "active", "validFrom", "validUntil",
                "discounts");
        promotionCriteria.withObject("/includes").putArray("promotion_discount").add("scope");
        promotionCriteria.putObject("associations").putObject("discounts");
        for (JsonNode p : all(shop, "promotion", promotionCriteria)) {
            Set<String> scopes = new LinkedHashSet<>();
            p.path("discounts").forEach(d -> scopes.add(ShopwareOrderMapper.discountScope(d.path("scope").asText(""))));
            scopes.remove("");
            // an automatic promotion (useCodes false) reaches the order without its code, whatever the row still holds
            String code = p.path("useCodes").asBoolean(true) ? text(p, "code") : "";
            promotions.add(new ShopCatalogue.Promotion(p.path("name").asText(""), code, p.path("active").asBoolean(false),
                    instant(p.path("validFrom")), instant(p.path("validUntil")), List.copyOf(scopes)));
        }
        return new ShopCatalogue(products, shipping, payment, List.copyOf(ratesOnSale), List.copyOf(sold), promotions, readAt);
    }

    private static List<ShopCatalogue.Method> methods(ShopwareAdminClient shop, String path, String entity) {
        List<ShopCatalogue.Method> methods = new ArrayList<>();
        for (JsonNode m : all(shop, path, criteria(entity, "id", "name", "technicalName", "active"))) {
            methods.add(new ShopCatalogue.Method(text(m, "technicalName"), text(m, "name"), m.path("active").asBoolean(false)));
        }
        return methods;
    }

    /** Every row of a small entity (methods, taxes, channels, promotions), page by page. */
    private static List<JsonNode> all(ShopwareAdminClient shop, String path, ObjectNode criteria) {
        List<JsonNode> rows = new ArrayList<>();
        for (int page = 1; ; page++) {
            criteria.put("page", page);
            JsonNode data = shop.post("/api/search/" + path, criteria).path("data");
            data.forEach(rows::add);
            if (data.size() < PAGE) {
                return rows;
            }
        }
    }

    private static ObjectNode criteria(String entity, String... fields) {
        ObjectNode criteria = InfraJson.mapper().createObjectNode().put("limit", PAGE).put("total-count-mode", 0);
        criteria.putArray("sort").addObject().put("field", "id").put("order", "ASC");
        ArrayNode include = criteria.putObject("includes").putArray(entity);
        for (String field : fields) {
            include.add(field);
        }
        return criteria;
    }

    private static String name(JsonNode p) {
        String name = text(p, "name");
        return name.isEmpty() ? text(p.path("translated"), "name") : name;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : "";
    }

    private static Optional<BigDecimal> decimal(JsonNode value) {
        return value.isNumber() ? Optional.of(value.decimalValue()) : Optional.empty();
    }

    private static Optional<Instant> instant(JsonNode value) {
        if (!value.isTextual() || value.asText().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.asText()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A currency: its factor to the system currency and how Shopware rounds an item's price in it. */
    record Currency(String iso, BigDecimal factor, int decimals, BigDecimal interval) {
        BigDecimal round(BigDecimal value) {
            BigDecimal steps = value.divide(interval, 0, RoundingMode.HALF_UP);
            return steps.multiply(interval).setScale(Math.max(0, decimals), RoundingMode.HALF_UP);
        }
    }

    /**
     * A product's gross price in the wanted currency as the shop charges it: its own price in that currency, else its
     * price in the system currency times the wanted currency's factor (Shopware's conversion), rounded to the penny.
     */
    record Prices(Map<String, Currency> currencies, String wanted) {
        Optional<BigDecimal> gross(JsonNode price) {
            if (!price.isArray() || price.isEmpty()) {
                return Optional.empty();
            }
            JsonNode base = null;
            for (JsonNode entry : price) {
                Currency c = currencies.get(entry.path("currencyId").asText());
                if (c != null && c.iso().equals(wanted)) {
                    return decimal(entry.path("gross")).map(g -> g.setScale(2, RoundingMode.HALF_UP));
                }
                if (entry.path("currencyId").asText().equals(SYSTEM_CURRENCY)
                        || base == null && c != null && c.factor().compareTo(BigDecimal.ONE) == 0) {
                    base = entry;
                }
            }
            if (base == null) {
                base = price.get(0);
            }
            Currency from = currencies.get(base.path("currencyId").asText());
            Optional<Currency> to = currencies.values().stream().filter(c -> c.iso().equals(wanted)).findFirst();
            if (from == null || to.isEmpty() || from.factor().signum() == 0) {
                return Optional.empty();
            }
            return decimal(base.path("gross")).map(g -> to.get().round(g.multiply(to.get().factor())
                    .divide(from.factor(), 10, RoundingMode.HALF_UP)));
        }
    }
}
