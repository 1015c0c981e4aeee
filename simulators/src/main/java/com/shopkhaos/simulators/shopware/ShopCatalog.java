package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The seeded shop: a UK clothing-and-home retailer with variants, closeout items, 20%/5%/0% VAT,
 * gross and net (trade) customers, several delivery and payment methods and three promotions.
 */
public final class ShopCatalog {
    public final String currencyId;
    public final String countryId;
    public final String languageId;
    public final String salesChannelId;
    public final String salutationId;
    public final String deliveryTimeId;
    public final ObjectNode currency;
    public final ObjectNode country;
    /** Countries by ISO code: the UK, and Norway for export (tax-free) orders. */
    public final Map<String, ObjectNode> countries = new LinkedHashMap<>();
    public final Map<Integer, String> taxIdByRate = new LinkedHashMap<>();
    public final Map<String, ObjectNode> taxes = new LinkedHashMap<>();
    /** Products by id, in the admin API's JSON form. */
    public final Map<String, ObjectNode> products = new LinkedHashMap<>();
    public final Map<String, SimCustomer> customers = new LinkedHashMap<>();
    public final Map<String, SimShippingMethod> shippingMethods = new LinkedHashMap<>();
    public final Map<String, ObjectNode> paymentMethods = new LinkedHashMap<>();
    public final Map<String, SimPromotion> promotions = new LinkedHashMap<>();
    /** The currencies the storefront sells in, by ISO code: GBP (the shop's default, factor 1) unless more are added. */
    public final Map<String, ObjectNode> currencies = new LinkedHashMap<>();
    private final SimIds controlIds = new SimIds(7_310_091L);
    /** Shopware 6.7: a method without a technical name reads as {@code temporary_<id>} (set by the simulator's version). */
    volatile boolean technicalNameRequired;

    public ShopCatalog(SimIds ids, Instant createdAt) {
        currencyId = ids.next();
        countryId = ids.next();
        languageId = ids.next();
        salesChannelId = ids.next();
        salutationId = ids.next();
        ObjectNode rounding = SimJson.object().put("decimals", 2).put("interval", 0.01).put("roundForNet", true);
        rounding.putArray("extensions");
        currency = SimJson.object().put("isoCode", "GBP").put("factor", 1.0).put("symbol", "£").put("shortName", "GBP")
                .put("name", "Pound sterling").put("taxFreeFrom", 0.0).put("id", currencyId).put("apiAlias", "currency");
        currency.set("itemRounding", rounding.deepCopy());
        currency.set("totalRounding", rounding.deepCopy());
        currencies.put("GBP", currency);
        country = SimJson.object().put("name", "United Kingdom").put("iso", "GB").put("iso3", "GBR")
                .put("id", countryId);
        ArrayNode format = country.putArray("addressFormat");
        format.addArray().add("address/company").add("symbol/dash").add("address/department");
        format.addArray().add("address/first_name").add("address/last_name");
        format.addArray().add("address/street");
        format.addArray().add("address/zipcode").add("address/city");
        format.addArray().add("address/country");
        country.put("apiAlias", "country");
        countries.put("GB", country);
        ObjectNode norway = country.deepCopy().put("name", "Norway").put("iso", "NO").put("iso3", "NOR").put("id", ids.next());
        countries.put("NO", norway);
        deliveryTimeId = ids.next();

        for (int rate : new int[] {20, 5, 0}) {
            String id = ids.next();
            taxIdByRate.put(rate, id);
            String name = rate == 20 ? "Standard rate" : rate == 5 ? "Reduced rate" : "Zero rate";
            taxes.put(id, SimJson.object().put("id", id).put("taxRate", (double) rate).put("name", name)
                    .put("position", taxes.size() + 1).put("apiAlias", "tax"));
        }

        String t = createdAt.toString();
        product(ids, t, "SCARF-MER-GRY", "Merino Wool Scarf, Grey", "25.00", 20, 40, false, null);
        product(ids, t, "HAT-BEANIE-NVY", "Cable Knit Beanie, Navy", "15.00", 20, 60, false, null);
        String tee = product(ids, t, "TSHIRT-ORG", "Organic Cotton T-Shirt", "19.50", 20, 0, false, null);
        // variants as Shopware stores them: the black ones inherit price, tax, closeout, active and purchase steps from
        // the parent (null in their own row); the white one has its own price and tax and inherits closeout only
        inherit(product(ids, t, "TSHIRT-ORG-BLK-S", "Organic Cotton T-Shirt, Black, S", "19.50", 20, 25, false, tee), INHERITED);
        inherit(product(ids, t, "TSHIRT-ORG-BLK-M", "Organic Cotton T-Shirt, Black, M", "19.50", 20, 30, false, tee), INHERITED);
        inherit(product(ids, t, "TSHIRT-ORG-BLK-L", "Organic Cotton T-Shirt, Black, L", "19.50", 20, 12, false, tee), INHERITED);
        inherit(product(ids, t, "TSHIRT-ORG-WHT-M", "Organic Cotton T-Shirt, White, M", "19.50", 20, 8, false, tee),
                List.of("isCloseout"));
        product(ids, t, "SOCKS-WOOL-3PK", "Wool Socks, 3 pairs", "12.00", 20, 100, false, null);
        product(ids, t, "SOCKS-BAMBOO-2PK", "Bamboo Socks, 2 pairs", "9.00", 20, 80, false, null);
        product(ids, t, "KIDS-COAT-5Y", "Children's Rain Coat, age 5", "35.00", 0, 15, false, null);
        product(ids, t, "KIDS-WELLIES-9", "Children's Wellies, size 9", "18.00", 0, 20, false, null);
        product(ids, t, "BOOK-KNIT-GUIDE", "The Knitting Guide (book)", "12.99", 0, 30, false, null);
        product(ids, t, "CAR-SEAT-INF", "Infant Car Seat", "120.00", 5, 6, false, null);
        product(ids, t, "CANDLE-SOY-LRG", "Soy Candle, large", "18.00", 20, 50, false, null);
        product(ids, t, "BLANKET-WOOL-KING", "Wool Blanket, king size", "89.00", 20, 5, false, null);
        product(ids, t, "MUG-STONE-BLU", "Stoneware Mug, Blue (last few)", "10.00", 20, 3, true, null);
        product(ids, t, "LAMP-BRASS-DESK", "Brass Desk Lamp (ex-display)", "65.00", 20, 1, true, null);
        product(ids, t, "UMBRELLA-GOLF", "Golf Umbrella (pre-order)", "22.00", 20, 0, false, null);

        customer(ids, "jane", "jane.smith@example.co.uk", "Jane", "Smith", null, "gross",
                "14 Acacia Avenue", null, "Leeds", "LS1 4AP", "0113 496 0000", "GB");
        customer(ids, "omar", "omar.haddad@example.co.uk", "Omar", "Haddad", null, "gross",
                "Flat 3, 27 Kingsley Road", "Hove Park", "Brighton", "BN3 6QE", "01273 960000", "GB");
        customer(ids, "siobhan", "siobhan.kelly@example.co.uk", "Siobhán", "O'Kelly", null, "gross",
                "The Old Rectory, Long Lane Off Church Street Corner", "Little Snoring", "Fakenham", "NR21 0AA", "", "GB");
        customer(ids, "trade", "accounts@brightknits.example.co.uk", "Priya", "Patel", "Bright Knits Ltd", "net",
                "Unit 7, Riverside Industrial Estate", null, "Manchester", "M4 6DE", "0161 496 0555", "GB");
        customer(ids, "gareth", "gareth.jones@example.co.uk", "Gareth", "Jones", null, "gross",
                "2 Heol y Bont", null, "Cardiff", "CF10 1AA", "029 2018 0000", "GB");
        customer(ids, "lars", "lars.berg@example.no", "Lars", "Berg", "Berg Strikk AS", "tax-free",
                "Storgata 12", null, "Oslo", "0155", "+47 22 00 00 00", "NO");

        shipping(ids, "standard", "Royal Mail Tracked 48", "royal_mail_tracked_48", "3.99");
        shipping(ids, "express", "Royal Mail Tracked 24", "royal_mail_tracked_24", "5.49");
        shipping(ids, "nextday", "DPD Next Day", "dpd_next_day", "7.99");
        shipping(ids, "collect", "Click & Collect", "click_and_collect", "0.00");
        shipping(ids, "legacy", "Courier (legacy setup)", null, "9.99");

        payment(ids, "card", "Credit or debit card", "payment_card");
        payment(ids, "paypal", "PayPal", "payment_paypal");
        payment(ids, "invoice", "Invoice (trade accounts)", "payment_invoice");

        promotions.put("SAVE10", new SimPromotion(ids.next(), "SAVE10", "10% off everything", "percentage", "cart",
                new BigDecimal("10"), 0, Set.of()));
        promotions.put("FIVEOFF", new SimPromotion(ids.next(), "FIVEOFF", "£5 off your order", "absolute", "cart",
                new BigDecimal("5.00"), 0, Set.of()));
        promotions.put("SOCKS3FOR2", new SimPromotion(ids.next(), "SOCKS3FOR2", "Socks: buy 2, get 1 free", "percentage",
                "setgroup", new BigDecimal("100"), 3, Set.of("SOCKS-WOOL-3PK", "SOCKS-BAMBOO-2PK")));
    }

    /**
     * The product fields the simulator holds that Shopware's {@code ProductDefinition} flags {@code Inherited} (shopware/shopware,
     * {@code src/Core/Content/Product/ProductDefinition.php}): a variant's own row keeps null where it inherits, and the
     * Admin API answers that null unless the request sends the {@code sw-inheritance} header ({@code considerInheritance},
     * {@code src/Core/Framework/Routing/ApiRequestContextResolver.php}). {@code stock}, {@code availableStock},
     * {@code available} and {@code productNumber} are never inherited.
     */
    static final List<String> INHERITED = List.of("isCloseout", "taxId", "price", "active", "minPurchase", "purchaseSteps",
            "maxPurchase", "name", "ean", "visibilities");

    private void inherit(String variantId, List<String> fields) {
        ObjectNode variant = products.get(variantId);
        fields.forEach(variant::putNull);
    }

    /** The product as the Admin API answers it with {@code sw-inheritance}: a variant's nulls filled from its parent. */
    public ObjectNode resolved(ObjectNode product) {
        JsonNode parentId = product.get("parentId");
        if (parentId == null || !parentId.isTextual()) {
            return product;
        }
        ObjectNode parent = products.get(parentId.asText());
        if (parent == null || INHERITED.stream().noneMatch(f -> product.path(f).isNull() || !product.has(f))) {
            return product;
        }
        ObjectNode copy = product.deepCopy();
        for (String field : INHERITED) {
            if (!copy.hasNonNull(field) && parent.has(field)) {
                copy.set(field, parent.get(field).deepCopy());
            }
        }
        return copy;
    }

    /** Adds {@code count} plain products ({@code prefix0000001} …, 20% VAT, £10) for scale runs. */
    synchronized ObjectNode generate(String prefix, int count, int stock) {
        return generate(prefix, count, stock, "Generated product ");
    }

    /** As {@link #generate(String, int, int)}, named {@code name + i} (names are what a merchant typed: anything). */
    synchronized ObjectNode generate(String prefix, int count, int stock, String name) {
        SimIds generated = new SimIds(prefix.hashCode() * 31L + count);
        String createdAt = Checkout.SHOPWARE_TIME.format(Instant.now());
        Set<String> existing = new HashSet<>();
        products.values().forEach(p -> existing.add(p.path("productNumber").asText()));
        for (int i = 1; i <= count; i++) {
            String sku = prefix + String.format("%07d", i);
            if (existing.contains(sku)) {
                throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "product " + sku + " exists already");
            }
            product(generated, createdAt, sku, name + i, "10.00", 20, stock, false, null);
        }
        return SimJson.object().put("generated", count);
    }

    private String product(SimIds ids, String createdAt, String sku, String name, String gross, int rate, int stock,
                           boolean closeout, String parentId) {
        String id = ids.next();
        BigDecimal grossPrice = new BigDecimal(gross);
        BigDecimal net = grossPrice.multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(100 + rate), 2, RoundingMode.HALF_UP);
        ObjectNode p = SimJson.object();
        p.put("id", id).put("versionId", "0fa91ce3e96a4bc2be4bd9ce752c3425");
        if (parentId == null) {
            p.putNull("parentId");
        } else {
            p.put("parentId", parentId);
        }
        p.put("taxId", taxIdByRate.get(rate)).put("productNumber", sku).put("stock", stock).put("availableStock", stock)
                .put("available", true).put("isCloseout", closeout).put("active", true).put("name", name)
                .put("minPurchase", 1).put("purchaseSteps", 1).putNull("maxPurchase").put("sales", 0)
                .put("childCount", 0).put("createdAt", createdAt).putNull("updatedAt").put("apiAlias", "product");
        ArrayNode price = p.putArray("price");
        price.addObject().put("currencyId", currencyId).put("gross", grossPrice.doubleValue())
                .put("net", net.doubleValue()).put("linked", true);
        p.putNull("ean");
        p.put("type", "physical");
        p.putArray("states").add("is-physical");
        if (parentId == null) {
            visible(p, true);
        }
        products.put(id, p);
        if (parentId != null) {
            ObjectNode parent = products.get(parentId);
            parent.put("childCount", parent.path("childCount").asInt() + 1);
        }
        return id;
    }

    private void customer(SimIds ids, String key, String email, String first, String last, String company, String pricing,
                          String street, String line1, String city, String zip, String phone, String country) {
        customers.put(key, new SimCustomer(key, ids.next(), Integer.toString(10001 + customers.size()), email, first, last,
                company, pricing, street, line1, city, zip, phone, country));
    }

    private void shipping(SimIds ids, String key, String name, String technicalName, String price) {
        shippingMethods.put(key, new SimShippingMethod(key, ids.next(), name, technicalName, new BigDecimal(price)));
    }

    private void payment(SimIds ids, String key, String name, String technicalName) {
        String id = ids.next();
        paymentMethods.put(key, SimJson.object().put("name", name).put("technicalName", technicalName).put("active", true)
                .put("id", id).put("apiAlias", "payment_method"));
    }

    public Optional<ObjectNode> productBySku(String sku) {
        return products.values().stream().filter(p -> p.path("productNumber").asText().equals(sku)).findFirst();
    }

    public int taxRateOf(ObjectNode product) {
        return taxes.get(resolved(product).path("taxId").asText()).path("taxRate").asInt();
    }

    public BigDecimal grossPriceOf(ObjectNode product) {
        return resolved(product).path("price").path(0).path("gross").decimalValue().setScale(2, RoundingMode.HALF_UP);
    }

    public ObjectNode shippingMethodJson(SimShippingMethod m) {
        ObjectNode node = SimJson.object().put("name", m.name());
        if (m.technicalName() == null && technicalNameRequired) {
            node.put("technicalName", "temporary_" + m.id());
        } else if (m.technicalName() == null) {
            node.putNull("technicalName");
        } else {
            node.put("technicalName", m.technicalName());
        }
        return node.put("active", true).put("taxType", "auto").put("deliveryTimeId", deliveryTimeId).put("id", m.id())
                .put("apiAlias", "shipping_method");
    }

    /**
     * Where a product is shown: Shopware's {@code product_visibility} rows, one per sales channel ({@code visibility} 30:
     * everywhere, 20: in search, 10: by link only). A variant has none of its own and inherits its parent's
     * ({@code ProductDefinition}: {@code visibilities} is {@code Inherited}).
     */
    void visible(ObjectNode product, boolean visible) {
        ArrayNode rows = product.putArray("visibilities");
        if (visible) {
            rows.addObject().put("id", controlIds.next()).put("productId", product.path("id").asText())
                    .put("salesChannelId", salesChannelId).put("visibility", 30).put("apiAlias", "product_visibility");
        }
    }

    /** The storefront's sales channel as the Admin API answers it, with its {@code currencies} association. */
    public ObjectNode salesChannelJson() {
        ObjectNode channel = SimJson.object().put("id", salesChannelId).put("name", "Storefront").put("active", true)
                .put("currencyId", currencyId).put("typeId", "8a243080f92e4c719546314b577cf82b");
        ArrayNode list = channel.putArray("currencies");
        currencies.values().forEach(c -> list.add(c.deepCopy()));
        return channel.put("apiAlias", "sales_channel");
    }

    /** A promotion as the Admin API answers it, with its {@code discounts} association (one discount). */
    public ObjectNode promotionJson(SimPromotion promotion) {
        ObjectNode p = SimJson.object().put("id", promotion.id()).put("name", promotion.name()).put("active", true)
                .putNull("validFrom").putNull("validUntil").put("useCodes", true).put("code", promotion.code())
                .put("exclusive", false).put("priority", 1);
        p.putArray("discounts").addObject().put("id", java.util.UUID.nameUUIDFromBytes((promotion.id() + "#discount").getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString().replace("-", "")).put("promotionId", promotion.id())
                .put("scope", promotion.shopwareScope()).put("type", promotion.discountType())
                .put("value", promotion.value().doubleValue()).put("considerAdvancedRules", false)
                .put("apiAlias", "promotion_discount");
        return p.put("apiAlias", "promotion");
    }

    // ------------------------------------------------------------------ changes an administrator makes (control API)

    /**
     * Adds a product as the administration does: {@code {"sku", "name", "gross", "taxRate", "stock", "closeout", "ean",
     * "parent": "<parent's SKU>", "active", "visible"}}; a variant inherits what it is not given. Answers it.
     */
    synchronized ObjectNode addProduct(JsonNode spec) {
        String sku = required(spec, "sku");
        if (productBySku(sku).isPresent()) {
            throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "product " + sku + " exists already");
        }
        String parentId = null;
        if (spec.hasNonNull("parent")) {
            parentId = productBySku(spec.path("parent").asText()).orElseThrow(() -> SimulatorException.badRequest(
                    "SIMULATOR__BAD_REQUEST", "no parent product " + spec.path("parent").asText())).path("id").asText();
        }
        BigDecimal rate = spec.has("taxRate") ? spec.path("taxRate").decimalValue() : BigDecimal.valueOf(20);
        String id = product(controlIds, Checkout.SHOPWARE_TIME.format(Instant.now()), sku, spec.path("name").asText(sku),
                spec.path("gross").asText("10.00"), 20, spec.path("stock").asInt(10), spec.path("closeout").asBoolean(false), parentId);
        ObjectNode product = products.get(id);
        product.put("taxId", taxIdFor(rate));
        BigDecimal gross = new BigDecimal(spec.path("gross").asText("10.00"));
        product.withArray("price").removeAll();
        product.withArray("price").addObject().put("currencyId", currencyId).put("gross", gross.doubleValue())
                .put("net", gross.multiply(HUNDRED).divide(HUNDRED.add(rate), 2, RoundingMode.HALF_UP).doubleValue()).put("linked", true);
        if (parentId != null) {
            // a variant inherits whatever it was not given
            for (String field : INHERITED) {
                boolean given = switch (field) {
                    case "price" -> spec.has("gross");
                    case "taxId" -> spec.has("taxRate");
                    case "isCloseout" -> spec.has("closeout");
                    case "name" -> spec.has("name");
                    default -> spec.has(field);
                };
                if (!given) {
                    product.putNull(field);
                }
            }
        }
        return change(product, spec);
    }

    /**
     * Changes a product as the administration does: any of {@code "name", "gross", "taxRate", "ean", "closeout", "active",
     * "visible", "digital"} (a digital product is Shopware 6.7's {@code is-download} state). Answers it.
     */
    synchronized ObjectNode change(ObjectNode product, JsonNode spec) {
        if (spec.has("name")) {
            product.put("name", spec.path("name").asText());
        }
        if (spec.has("ean")) {
            if (spec.path("ean").isNull()) {
                product.putNull("ean");
            } else {
                product.put("ean", spec.path("ean").asText());
            }
        }
        if (spec.has("closeout")) {
            product.put("isCloseout", spec.path("closeout").asBoolean());
        }
        if (spec.has("active")) {
            product.put("active", spec.path("active").asBoolean());
        }
        if (spec.has("visible")) {
            visible(product, spec.path("visible").asBoolean());
        }
        if (spec.has("digital")) {
            // 6.7's type, and the states it still answers (deprecated)
            product.put("type", spec.path("digital").asBoolean() ? "digital" : "physical");
            product.putArray("states").add(spec.path("digital").asBoolean() ? "is-download" : "is-physical");
        }
        if (spec.has("taxRate")) {
            product.put("taxId", taxIdFor(spec.path("taxRate").decimalValue()));
        }
        if (spec.has("gross") || spec.has("taxRate")) {
            BigDecimal rate = taxes.get(resolved(product).path("taxId").asText()).path("taxRate").decimalValue();
            BigDecimal gross = spec.has("gross") ? new BigDecimal(spec.path("gross").asText()) : grossPriceOf(product);
            product.putArray("price").addObject().put("currencyId", currencyId).put("gross", gross.doubleValue())
                    .put("net", gross.multiply(HUNDRED).divide(HUNDRED.add(rate), 2, RoundingMode.HALF_UP).doubleValue())
                    .put("linked", true);
        }
        if (spec.has("prices")) {
            // a price of its own in another currency: {"prices": {"EUR": 12.50}}
            spec.path("prices").fields().forEachRemaining(e -> {
                ObjectNode c = currencies.get(e.getKey().toUpperCase(java.util.Locale.ROOT));
                if (c == null) {
                    throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "the shop has no currency " + e.getKey());
                }
                product.withArray("price").addObject().put("currencyId", c.path("id").asText())
                        .put("gross", e.getValue().decimalValue().doubleValue()).put("net", e.getValue().decimalValue().doubleValue())
                        .put("linked", true);
            });
        }
        return product;
    }

    /** The id of the tax with this rate, a new tax if the shop has none ("Rate 17.5%"). */
    synchronized String taxIdFor(BigDecimal rate) {
        for (ObjectNode tax : taxes.values()) {
            if (tax.path("taxRate").decimalValue().compareTo(rate) == 0) {
                return tax.path("id").asText();
            }
        }
        String id = controlIds.next();
        taxes.put(id, SimJson.object().put("id", id).put("taxRate", rate.doubleValue()).put("name", "Rate "
                + rate.stripTrailingZeros().toPlainString() + "%").put("position", taxes.size() + 1).put("apiAlias", "tax"));
        return id;
    }

    /** Adds a currency the storefront sells in: {@code {"isoCode": "EUR", "factor": 1.17}} (and {@code "interval": 0.05}). */
    synchronized ObjectNode addCurrency(JsonNode spec) {
        String iso = required(spec, "isoCode").toUpperCase(java.util.Locale.ROOT);
        if (!iso.matches("[A-Z]{3}") || currencies.containsKey(iso)) {
            throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "isoCode must be a new ISO 4217 code, was " + iso);
        }
        ObjectNode c = currency.deepCopy().put("isoCode", iso).put("shortName", iso).put("symbol", iso).put("name", iso)
                .put("factor", spec.path("factor").asDouble(1.0)).put("id", controlIds.next());
        if (spec.has("interval")) {
            // a currency rounded to 0.05 (CHF) or to whole units: its item and total rounding
            ((ObjectNode) c.get("itemRounding")).put("interval", spec.path("interval").asDouble());
            ((ObjectNode) c.get("totalRounding")).put("interval", spec.path("interval").asDouble());
        }
        currencies.put(iso, c);
        return c;
    }

    /** Adds a shipping method: {@code {"name", "technicalName", "price"}}. */
    synchronized ObjectNode addShippingMethod(JsonNode spec) {
        String key = "added-" + (shippingMethods.size() + 1);
        shipping(controlIds, key, required(spec, "name"), spec.hasNonNull("technicalName") ? spec.path("technicalName").asText() : null,
                spec.path("price").asText("0.00"));
        return shippingMethodJson(shippingMethods.get(key));
    }

    /** Adds a payment method: {@code {"name", "technicalName"}}. */
    synchronized ObjectNode addPaymentMethod(JsonNode spec) {
        String key = "added-" + (paymentMethods.size() + 1);
        payment(controlIds, key, spec.path("name").asText(""), required(spec, "technicalName"));
        return paymentMethods.get(key);
    }

    /** Adds a promotion: {@code {"code", "name", "scope": "cart|delivery|set|setgroup", "type": "percentage|absolute", "value"}}. */
    synchronized ObjectNode addPromotion(JsonNode spec) {
        String code = required(spec, "code");
        String scope = spec.path("scope").asText("cart");
        if (!List.of("cart", "delivery", "set", "setgroup").contains(scope) || promotions.containsKey(code)) {
            throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "a new code, and scope cart, delivery, set or setgroup");
        }
        SimPromotion promotion = new SimPromotion(controlIds.next(), code, spec.path("name").asText(code),
                spec.path("type").asText("percentage"), scope, new BigDecimal(spec.path("value").asText("10")), 0, Set.of());
        promotions.put(code, promotion);
        return promotionJson(promotion);
    }

    private static String required(JsonNode spec, String field) {
        if (!spec.hasNonNull(field) || spec.path(field).asText().isBlank()) {
            throw SimulatorException.badRequest("SIMULATOR__BAD_REQUEST", "\"" + field + "\" is required");
        }
        return spec.path(field).asText();
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public List<SimCustomer> customerList() {
        return List.copyOf(customers.values());
    }
}
