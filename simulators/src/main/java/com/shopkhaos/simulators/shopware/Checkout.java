package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an {@link OrderRequest} into an order as Shopware stores it: line prices and VAT per line
 * ("horizontal" calculation, rounded per line), promotions split across VAT rates in proportion,
 * delivery taxed like the cart ("auto"), gross totals for consumers and net totals for trade customers.
 */
final class Checkout {
    static final DateTimeFormatter SHOPWARE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final String LIVE_VERSION = "0fa91ce3e96a4bc2be4bd9ce752c3425";

    private final ShopCatalog catalog;
    private final StateMachines machines;
    private final SimIds ids;
    private final ShopBehaviour behaviour;

    Checkout(ShopCatalog catalog, StateMachines machines, SimIds ids, ShopBehaviour behaviour) {
        this.catalog = catalog;
        this.machines = machines;
        this.ids = ids;
        this.behaviour = behaviour;
    }

    /** One priced position, in the currency's two decimals. */
    private record Position(String lineId, String sku, int rate, BigDecimal unit, int quantity, BigDecimal total) {
    }

    ObjectNode place(OrderRequest request, String orderNumber, Instant now) {
        return price(request, orderNumber, now, true);
    }

    /**
     * An order priced as the cart would price it; {@code atCheckout} also applies the storefront's checks (a closeout
     * beyond its stock is refused), which an admin's recalculation of an existing order does not.
     */
    ObjectNode price(OrderRequest request, String orderNumber, Instant now, boolean atCheckout) {
        SimCustomer customer = catalog.customers.get(request.customer());
        if (customer == null) {
            throw SimulatorException.badRequest("SIMULATOR__UNKNOWN_CUSTOMER",
                    "no customer \"" + request.customer() + "\"; seeded customers: " + catalog.customers.keySet());
        }
        SimShippingMethod shipping = catalog.shippingMethods.get(
                request.shippingMethod() == null ? "standard" : request.shippingMethod());
        if (shipping == null) {
            throw SimulatorException.badRequest("SIMULATOR__UNKNOWN_SHIPPING_METHOD",
                    "no delivery method \"" + request.shippingMethod() + "\"; seeded: " + catalog.shippingMethods.keySet());
        }
        String paymentKey = request.paymentMethod() == null ? (customer.net() ? "invoice" : "card") : request.paymentMethod();
        ObjectNode payment = catalog.paymentMethods.get(paymentKey);
        if (payment == null) {
            throw SimulatorException.badRequest("SIMULATOR__UNKNOWN_PAYMENT_METHOD",
                    "no payment method \"" + paymentKey + "\"; seeded: " + catalog.paymentMethods.keySet());
        }
        if (request.lines() == null || request.lines().isEmpty()) {
            throw SimulatorException.badRequest("CHECKOUT__CART_EMPTY", "The cart is empty.");
        }
        SimPromotion promotion = null;
        if (request.promotionCode() != null && !request.promotionCode().isBlank()) {
            promotion = catalog.promotions.get(request.promotionCode());
            if (promotion == null) {
                throw SimulatorException.badRequest("CHECKOUT__CODE_NOT_FOUND",
                        "Promotion with code " + request.promotionCode() + " not found!");
            }
        }
        boolean net = customer.net() || customer.taxFree();
        boolean taxFree = customer.taxFree();
        String orderId = ids.next();

        List<Position> positions = new ArrayList<>();
        ArrayNode lineItems = SimJson.array();
        for (OrderRequest.Line line : request.lines()) {
            // the storefront reads products with inheritance: a variant's price, tax and closeout come from its parent
            ObjectNode product = catalog.productBySku(line.sku()).map(catalog::resolved).orElseThrow(() -> SimulatorException.badRequest(
                    "CHECKOUT__PRODUCT_NOT_FOUND", "Product for id " + line.sku() + " not found."));
            if (line.quantity() < 1) {
                throw SimulatorException.badRequest("CHECKOUT__CART_INVALID_LINEITEM_QUANTITY",
                        "The quantity must be a positive integer. Given: " + line.quantity());
            }
            if (product.path("childCount").asInt() > 0) {
                throw SimulatorException.badRequest("CHECKOUT__PRODUCT_NOT_FOUND",
                        line.sku() + " is a parent product; order one of its variants");
            }
            if (atCheckout && product.path("isCloseout").asBoolean() && line.quantity() > product.path("stock").asInt()) {
                throw SimulatorException.badRequest("CHECKOUT__PRODUCT_STOCK_REACHED",
                        "The product " + line.sku() + " is only available " + Math.max(0, product.path("stock").asInt())
                                + " times (closeout).");
            }
            int rate = catalog.taxRateOf(product);
            BigDecimal gross = line.unitGross() != null ? line.unitGross() : catalog.grossPriceOf(product);
            BigDecimal unit = net ? netOf(gross, rate) : gross;
            BigDecimal total = unit.multiply(BigDecimal.valueOf(line.quantity()));
            Position position = new Position(ids.next(), line.sku(), rate, unit, line.quantity(), total);
            positions.add(position);
            lineItems.add(productLine(orderId, position, product, lines(lineItems), net, taxFree));
        }

        Map<Integer, BigDecimal> goodsByRate = byRate(positions);
        BigDecimal goodsTotal = sum(goodsByRate);
        List<ObjectNode> allPrices = new ArrayList<>();
        positions.forEach(p -> allPrices.add(price(p.unit(), p.quantity(), p.total(), taxes(Map.of(p.rate(), p.total()), net, taxFree))));

        if (promotion != null) {
            Map<Integer, BigDecimal> discount = discountByRate(promotion, positions, goodsByRate, goodsTotal);
            if (sum(discount).signum() != 0) {
                ObjectNode promotionLine = promotionLine(orderId, promotion, positions, discount, net, taxFree, lines(lineItems));
                lineItems.add(promotionLine);
                allPrices.add((ObjectNode) promotionLine.get("price"));
            }
        }

        BigDecimal shippingGross = shipping.priceGross();
        BigDecimal shippingAmount = net ? netOf(shippingGross, highestRate(goodsByRate)) : shippingGross;
        Map<Integer, BigDecimal> shippingByRate = split(shippingAmount, goodsByRate, goodsTotal);
        ObjectNode shippingCosts = price(shippingAmount, 1, shippingAmount, taxes(shippingByRate, net, taxFree));

        BigDecimal positionPrice = BigDecimal.ZERO;
        for (int i = 0; i < lineItems.size(); i++) {
            positionPrice = positionPrice.add(BigDecimal.valueOf(lineItems.get(i).path("totalPrice").asDouble()));
        }
        positionPrice = positionPrice.setScale(2, RoundingMode.HALF_UP);
        allPrices.add(shippingCosts);
        ArrayNode calculatedTaxes = mergeTaxes(allPrices, behaviour.taxCalculation() == ShopBehaviour.TaxCalculation.VERTICAL, net);
        BigDecimal taxTotal = BigDecimal.ZERO;
        for (int i = 0; i < calculatedTaxes.size(); i++) {
            taxTotal = taxTotal.add(BigDecimal.valueOf(calculatedTaxes.get(i).path("tax").asDouble()));
        }
        BigDecimal amountNet;
        BigDecimal amountTotal;
        if (net) {
            amountNet = positionPrice.add(shippingAmount);
            amountTotal = amountNet.add(taxTotal);
        } else {
            amountTotal = positionPrice.add(shippingAmount);
            amountNet = amountTotal.subtract(taxTotal);
        }

        ObjectNode order = SimJson.object();
        order.put("id", orderId).put("versionId", LIVE_VERSION).put("orderNumber", orderNumber)
                .put("autoIncrement", Integer.parseInt(orderNumber) - 9999);
        String billingAddressId = ids.next();
        order.put("billingAddressId", billingAddressId).put("billingAddressVersionId", LIVE_VERSION)
                .put("currencyId", catalog.currencyId).put("languageId", catalog.languageId)
                .put("salesChannelId", catalog.salesChannelId)
                .put("orderDateTime", SHOPWARE_TIME.format(now)).put("orderDate", now.toString().substring(0, 10));
        ObjectNode orderPrice = SimJson.object().put("netPrice", amountNet.doubleValue()).put("totalPrice", amountTotal.doubleValue());
        orderPrice.set("calculatedTaxes", calculatedTaxes);
        orderPrice.set("taxRules", taxFree ? SimJson.array() : taxRules(goodsByRate, goodsTotal));
        orderPrice.put("positionPrice", positionPrice.doubleValue()).put("rawTotal", amountTotal.doubleValue())
                .put("taxStatus", taxStatus(net, taxFree));
        order.set("price", orderPrice);
        order.put("amountTotal", amountTotal.doubleValue()).put("amountNet", amountNet.doubleValue())
                .put("positionPrice", positionPrice.doubleValue()).put("taxStatus", taxStatus(net, taxFree));
        order.set("shippingCosts", shippingCosts);
        order.put("shippingTotal", shippingAmount.doubleValue()).put("currencyFactor", 1.0)
                .put("deepLinkCode", ids.alphanumeric(32)).put("taxCalculationType", "horizontal");
        order.put("stateId", machines.order.stateId("open"));
        order.putArray("ruleIds");
        order.set("itemRounding", catalog.currency.get("itemRounding").deepCopy());
        order.set("totalRounding", catalog.currency.get("totalRounding").deepCopy());
        order.put("createdAt", SHOPWARE_TIME.format(now));
        order.set("stateMachineState", machines.stateJson(machines.order, "open"));

        order.set("orderCustomer", SimJson.object().put("id", ids.next()).put("versionId", LIVE_VERSION)
                .put("orderId", orderId).put("email", customer.email()).put("salutationId", catalog.salutationId)
                .put("firstName", customer.firstName()).put("lastName", customer.lastName())
                .put("company", customer.company()).put("customerNumber", customer.customerNumber())
                .put("customerId", customer.id()).put("apiAlias", "order_customer"));
        order.set("currency", catalog.currency.deepCopy());
        ObjectNode billing = address(billingAddressId, orderId, customer);
        order.putArray("addresses").add(billing.deepCopy());
        order.set("billingAddress", billing);

        String deliveryId = ids.next();
        ObjectNode delivery = SimJson.object().put("id", deliveryId).put("versionId", LIVE_VERSION).put("orderId", orderId)
                .put("orderVersionId", LIVE_VERSION).put("shippingOrderAddressId", billingAddressId)
                .put("shippingOrderAddressVersionId", LIVE_VERSION).put("shippingMethodId", shipping.id())
                .put("stateId", machines.delivery.stateId("open"));
        delivery.putArray("trackingCodes");
        delivery.put("shippingDateEarliest", SHOPWARE_TIME.format(now.plus(Duration.ofDays(1))))
                .put("shippingDateLatest", SHOPWARE_TIME.format(now.plus(Duration.ofDays(3))));
        delivery.set("shippingCosts", shippingCosts.deepCopy());
        delivery.put("createdAt", SHOPWARE_TIME.format(now));
        delivery.set("stateMachineState", machines.stateJson(machines.delivery, "open"));
        delivery.set("shippingOrderAddress", address(billingAddressId, orderId, customer));
        delivery.set("shippingMethod", catalog.shippingMethodJson(shipping));
        ArrayNode deliveryPositions = delivery.putArray("positions");
        for (int i = 0; i < lineItems.size(); i++) {
            ObjectNode item = (ObjectNode) lineItems.get(i);
            if (!"product".equals(item.path("type").asText())) {
                continue;
            }
            ObjectNode position = SimJson.object().put("id", ids.next()).put("versionId", LIVE_VERSION)
                    .put("orderDeliveryId", deliveryId).put("orderDeliveryVersionId", LIVE_VERSION)
                    .put("orderLineItemId", item.path("id").asText()).put("orderLineItemVersionId", LIVE_VERSION);
            position.set("price", item.get("price").deepCopy());
            position.put("unitPrice", item.path("unitPrice").asDouble()).put("totalPrice", item.path("totalPrice").asDouble())
                    .put("quantity", item.path("quantity").asInt()).put("apiAlias", "order_delivery_position");
            deliveryPositions.add(position);
        }
        delivery.put("apiAlias", "order_delivery");
        order.putArray("deliveries").add(delivery);
        order.set("lineItems", lineItems);

        String transactionId = ids.next();
        ObjectNode transaction = SimJson.object().put("id", transactionId).put("versionId", LIVE_VERSION)
                .put("orderId", orderId).put("orderVersionId", LIVE_VERSION)
                .put("paymentMethodId", payment.path("id").asText());
        transaction.set("amount", price(amountTotal, 1, amountTotal, calculatedTaxes.deepCopy()));
        transaction.put("stateId", machines.transaction.stateId("open")).put("createdAt", SHOPWARE_TIME.format(now));
        transaction.set("stateMachineState", machines.stateJson(machines.transaction, "open"));
        transaction.set("paymentMethod", payment.deepCopy());
        transaction.put("apiAlias", "order_transaction");
        order.putArray("transactions").add(transaction);
        order.put("primaryOrderDeliveryId", deliveryId).put("primaryOrderTransactionId", transactionId);
        order.put("apiAlias", "order");
        return order;
    }

    private static int lines(ArrayNode lineItems) {
        return lineItems.size() + 1;
    }

    private static String taxStatus(boolean net, boolean taxFree) {
        return taxFree ? "tax-free" : net ? "net" : "gross";
    }

    private ObjectNode productLine(String orderId, Position p, ObjectNode product, int position, boolean net, boolean taxFree) {
        String productId = product.path("id").asText();
        ObjectNode item = SimJson.object().put("id", p.lineId()).put("versionId", LIVE_VERSION).put("orderId", orderId)
                .put("orderVersionId", LIVE_VERSION).put("productId", productId).put("productVersionId", LIVE_VERSION)
                .put("identifier", productId).put("referencedId", productId).put("quantity", p.quantity())
                .put("label", product.path("name").asText());
        ObjectNode payload = item.putObject("payload");
        payload.put("isCloseout", product.path("isCloseout").asBoolean()).put("productNumber", p.sku())
                .put("taxId", product.path("taxId").asText()).put("stock", product.path("stock").asInt());
        if (product.path("parentId").isNull()) {
            payload.putNull("parentId");
        } else {
            payload.put("parentId", product.path("parentId").asText());
        }
        payload.putArray("options");
        payload.putArray("customFields");
        item.put("good", true).put("removable", true).put("stackable", true).put("position", position);
        item.set("price", price(p.unit(), p.quantity(), p.total(), taxes(Map.of(p.rate(), p.total()), net, taxFree)));
        ObjectNode definition = item.putObject("priceDefinition");
        definition.put("price", p.unit().doubleValue()).put("quantity", p.quantity()).put("isCalculated", true)
                .put("type", "quantity");
        definition.putArray("taxRules").addObject().put("taxRate", (double) p.rate()).put("percentage", 100.0);
        item.put("unitPrice", p.unit().doubleValue()).put("totalPrice", p.total().doubleValue()).put("type", "product");
        item.putArray("states").add("is-physical");
        item.putArray("children");
        item.put("apiAlias", "order_line_item");
        return item;
    }

    private Map<Integer, BigDecimal> discountByRate(SimPromotion promotion, List<Position> positions,
                                                    Map<Integer, BigDecimal> goodsByRate, BigDecimal goodsTotal) {
        Map<Integer, BigDecimal> discount = new TreeMap<>(Comparator.reverseOrder());
        switch (promotion.discountScope() + "/" + promotion.discountType()) {
            case "cart/percentage" -> goodsByRate.forEach((rate, total) -> discount.put(rate,
                    total.multiply(promotion.value()).divide(HUNDRED, 2, RoundingMode.HALF_UP)));
            case "cart/absolute" -> discount.putAll(split(promotion.value().min(goodsTotal), goodsByRate, goodsTotal));
            case "setgroup/percentage" -> {
                List<Position> units = new ArrayList<>();
                positions.stream().filter(p -> promotion.eligibleSkus().contains(p.sku())).forEach(p -> {
                    for (int i = 0; i < p.quantity(); i++) {
                        units.add(p);
                    }
                });
                units.sort(Comparator.comparing(Position::unit).reversed());
                for (int group = 0; group + promotion.groupSize() <= units.size(); group += promotion.groupSize()) {
                    Position cheapest = units.get(group + promotion.groupSize() - 1);
                    BigDecimal off = cheapest.unit().multiply(promotion.value()).divide(HUNDRED, 2, RoundingMode.HALF_UP);
                    discount.merge(cheapest.rate(), off, BigDecimal::add);
                }
            }
            default -> throw SimulatorException.badRequest("SIMULATOR__NOT_SIMULATED", "the simulator's checkout does not "
                    + "work out " + promotion.discountScope() + "/" + promotion.discountType() + " promotions (" + promotion.code()
                    + "); the Admin API still lists it");
        }
        return discount;
    }

    private ObjectNode promotionLine(String orderId, SimPromotion promotion, List<Position> positions,
                                     Map<Integer, BigDecimal> discount, boolean net, boolean taxFree, int position) {
        BigDecimal total = sum(discount).negate();
        Map<Integer, BigDecimal> negative = new TreeMap<>(Comparator.reverseOrder());
        discount.forEach((rate, amount) -> negative.put(rate, amount.negate()));
        String lineId = ids.next();
        ObjectNode item = SimJson.object().put("id", lineId).put("versionId", LIVE_VERSION).put("orderId", orderId)
                .put("orderVersionId", LIVE_VERSION).putNull("productId").put("promotionId", promotion.id())
                .put("identifier", lineId).put("referencedId", promotion.code()).put("quantity", 1)
                .put("label", promotion.name());
        ObjectNode payload = item.putObject("payload");
        payload.put("promotionId", promotion.id()).put("discountId", ids.next()).put("code", promotion.code())
                .put("discountType", promotion.discountType()).put("value", promotion.value().toPlainString())
                .put("discountScope", promotion.shopwareScope()).put("promotionCodeType", "fixed");
        ArrayNode composition = payload.putArray("composition");
        for (Position p : positions) {
            if (promotion.discountScope().equals("cart") || promotion.eligibleSkus().contains(p.sku())) {
                composition.addObject().put("id", p.lineId()).put("quantity", p.quantity())
                        .put("discount", p.total().divide(sum(byRate(positions)), 6, RoundingMode.HALF_UP)
                                .multiply(total.negate()).setScale(2, RoundingMode.HALF_UP).doubleValue());
            }
        }
        item.put("good", false).put("removable", true).put("stackable", false).put("position", position);
        item.set("price", price(total, 1, total, taxes(negative, net, taxFree)));
        ObjectNode definition = item.putObject("priceDefinition");
        definition.put("type", promotion.discountType().equals("absolute") ? "absolute" : "percentage")
                .put("percentage", promotion.discountType().equals("percentage") ? -promotion.value().doubleValue() : 0.0)
                .put("price", total.doubleValue());
        item.put("unitPrice", total.doubleValue()).put("totalPrice", total.doubleValue()).put("type", "promotion");
        item.putArray("states");
        item.putArray("children");
        item.put("apiAlias", "order_line_item");
        return item;
    }

    private ObjectNode address(String id, String orderId, SimCustomer c) {
        ObjectNode a = SimJson.object().put("id", id).put("versionId", LIVE_VERSION).put("orderId", orderId)
                .put("orderVersionId", LIVE_VERSION).put("countryId", catalog.countryId).putNull("countryStateId")
                .put("salutationId", catalog.salutationId).put("firstName", c.firstName()).put("lastName", c.lastName())
                .put("street", c.street()).put("zipcode", c.zipcode()).put("city", c.city()).put("company", c.company())
                .put("phoneNumber", c.phoneNumber()).put("additionalAddressLine1", c.additionalAddressLine1());
        a.put("countryId", catalog.countries.get(c.countryIso()).path("id").asText());
        a.set("country", catalog.countries.get(c.countryIso()).deepCopy());
        return a.put("apiAlias", "order_address");
    }

    /** A CalculatedPrice: {@code {unitPrice, quantity, totalPrice, calculatedTaxes, taxRules}}. */
    private static ObjectNode price(BigDecimal unit, int quantity, BigDecimal total, ArrayNode calculatedTaxes) {
        ObjectNode price = SimJson.object().put("unitPrice", unit.doubleValue()).put("quantity", quantity)
                .put("totalPrice", total.doubleValue());
        price.set("calculatedTaxes", calculatedTaxes);
        ArrayNode rules = price.putArray("taxRules");
        BigDecimal sumPrices = BigDecimal.ZERO;
        for (int i = 0; i < calculatedTaxes.size(); i++) {
            sumPrices = sumPrices.add(BigDecimal.valueOf(calculatedTaxes.get(i).path("price").asDouble()));
        }
        for (int i = 0; i < calculatedTaxes.size(); i++) {
            BigDecimal part = BigDecimal.valueOf(calculatedTaxes.get(i).path("price").asDouble());
            double percentage = sumPrices.signum() == 0 ? 100.0
                    : part.multiply(HUNDRED).divide(sumPrices, 2, RoundingMode.HALF_UP).doubleValue();
            rules.addObject().put("taxRate", calculatedTaxes.get(i).path("taxRate").asDouble()).put("percentage", percentage);
        }
        return price;
    }

    /** VAT per rate for amounts per rate: gross amounts include VAT, net amounts get it added. */
    private static ArrayNode taxes(Map<Integer, BigDecimal> amountByRate, boolean net, boolean taxFree) {
        ArrayNode taxes = SimJson.array();
        if (taxFree) {
            return taxes;
        }
        new TreeMap<>(amountByRate).descendingMap().forEach((rate, amount) -> {
            BigDecimal r = BigDecimal.valueOf(rate);
            BigDecimal tax = net
                    ? amount.multiply(r).divide(HUNDRED, 2, RoundingMode.HALF_UP)
                    : amount.multiply(r).divide(HUNDRED.add(r), 2, RoundingMode.HALF_UP);
            taxes.addObject().put("tax", tax.doubleValue()).put("taxRate", (double) rate).put("price", amount.doubleValue());
        });
        return taxes;
    }

    /**
     * The order's tax per rate: each position's rounded tax added up (horizontal), or, vertical, the rate applied once to
     * the rate's summed prices (net prices: × rate; gross: × rate / (100 + rate)), rounded.
     */
    private static ArrayNode mergeTaxes(List<ObjectNode> prices, boolean vertical, boolean net) {
        Map<Double, BigDecimal[]> byRate = new TreeMap<>(Comparator.reverseOrder());
        for (ObjectNode price : prices) {
            price.path("calculatedTaxes").forEach(t -> {
                BigDecimal[] acc = byRate.computeIfAbsent(t.path("taxRate").asDouble(),
                        k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                acc[0] = acc[0].add(BigDecimal.valueOf(t.path("tax").asDouble()));
                acc[1] = acc[1].add(BigDecimal.valueOf(t.path("price").asDouble()));
            });
        }
        ArrayNode merged = SimJson.array();
        byRate.forEach((rate, acc) -> {
            BigDecimal r = BigDecimal.valueOf(rate);
            BigDecimal tax = !vertical ? acc[0] : net ? acc[1].multiply(r).divide(HUNDRED, 10, RoundingMode.HALF_UP)
                    : acc[1].multiply(r).divide(HUNDRED.add(r), 10, RoundingMode.HALF_UP);
            merged.addObject().put("tax", tax.setScale(2, RoundingMode.HALF_UP).doubleValue())
                    .put("taxRate", rate).put("price", acc[1].setScale(2, RoundingMode.HALF_UP).doubleValue());
        });
        return merged;
    }

    private static ArrayNode taxRules(Map<Integer, BigDecimal> goodsByRate, BigDecimal goodsTotal) {
        ArrayNode rules = SimJson.array();
        new TreeMap<>(goodsByRate).descendingMap().forEach((rate, total) -> rules.addObject().put("taxRate", (double) rate)
                .put("percentage", goodsTotal.signum() == 0 ? 100.0
                        : total.multiply(HUNDRED).divide(goodsTotal, 2, RoundingMode.HALF_UP).doubleValue()));
        return rules;
    }

    private static Map<Integer, BigDecimal> byRate(List<Position> positions) {
        Map<Integer, BigDecimal> byRate = new TreeMap<>(Comparator.reverseOrder());
        positions.forEach(p -> byRate.merge(p.rate(), p.total(), BigDecimal::add));
        return byRate;
    }

    /** Splits an amount across VAT rates in proportion to {@code weights}; the last rate takes the rounding remainder. */
    private static Map<Integer, BigDecimal> split(BigDecimal amount, Map<Integer, BigDecimal> weights, BigDecimal weightTotal) {
        Map<Integer, BigDecimal> parts = new TreeMap<>(Comparator.reverseOrder());
        if (weightTotal.signum() == 0) {
            parts.put(20, amount);
            return parts;
        }
        BigDecimal assigned = BigDecimal.ZERO;
        List<Integer> rates = new ArrayList<>(weights.keySet());
        for (int i = 0; i < rates.size(); i++) {
            BigDecimal part = i == rates.size() - 1 ? amount.subtract(assigned)
                    : amount.multiply(weights.get(rates.get(i))).divide(weightTotal, 2, RoundingMode.HALF_UP);
            parts.put(rates.get(i), part);
            assigned = assigned.add(part);
        }
        return parts;
    }

    private static int highestRate(Map<Integer, BigDecimal> byRate) {
        return byRate.keySet().stream().max(Integer::compare).orElse(20);
    }

    private static BigDecimal netOf(BigDecimal gross, int rate) {
        return gross.multiply(HUNDRED).divide(HUNDRED.add(BigDecimal.valueOf(rate)), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal sum(Map<Integer, BigDecimal> amounts) {
        return amounts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
