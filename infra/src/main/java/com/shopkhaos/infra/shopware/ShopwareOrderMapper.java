package com.shopkhaos.infra.shopware;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.model.order.ShopAddress;
import com.shopkhaos.model.order.ShopDelivery;
import com.shopkhaos.model.order.ShopLine;
import com.shopkhaos.model.order.ShopOrder;
import com.shopkhaos.model.order.ShopPayment;
import com.shopkhaos.model.order.TaxPortion;
import com.shopkhaos.model.order.TaxStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an order from the Admin API's JSON (with {@link ShopwareAdminClient#ORDER_ASSOCIATIONS}) into the
 * domain's {@link ShopOrder}: the anti-corruption layer, so Shopware's shapes stay in infra.
 */
public final class ShopwareOrderMapper {
    private ShopwareOrderMapper() {
    }

    public static ShopOrder read(JsonNode o) {
        List<ShopLine> lines = new ArrayList<>();
        for (JsonNode item : o.path("lineItems")) {
            if (!item.path("parentId").isNull() && item.hasNonNull("parentId")) {
                continue;
            }
            lines.add(line(item));
        }
        List<ShopDelivery> deliveries = new ArrayList<>();
        for (JsonNode d : o.path("deliveries")) {
            deliveries.add(new ShopDelivery(text(d, "id"), text(d.path("shippingMethod"), "technicalName"),
                    text(d.path("shippingMethod"), "name"), money(d.path("shippingCosts").path("totalPrice")),
                    taxes(d.path("shippingCosts").path("calculatedTaxes")),
                    ShopwareStateNames.deliveryState(text(d.path("stateMachineState"), "technicalName")),
                    address(d.path("shippingOrderAddress"))));
        }
        List<ShopPayment> payments = new ArrayList<>();
        for (JsonNode t : o.path("transactions")) {
            payments.add(new ShopPayment(text(t, "id"), text(t.path("paymentMethod"), "technicalName"),
                    text(t.path("paymentMethod"), "name"),
                    ShopwareStateNames.paymentState(text(t.path("stateMachineState"), "technicalName")),
                    money(t.path("amount").path("totalPrice"))));
        }
        JsonNode customer = o.path("orderCustomer");
        JsonNode billing = o.path("billingAddress");
        if (!billing.isObject()) {
            for (JsonNode a : o.path("addresses")) {
                if (text(a, "id").equals(text(o, "billingAddressId"))) {
                    billing = a;
                }
            }
        }
        return new ShopOrder(text(o, "id"), text(o, "orderNumber"), instant(text(o, "orderDateTime")),
                text(o.path("currency"), "isoCode"), taxStatus(text(o, "taxStatus")), money(o.path("amountTotal")),
                money(o.path("amountNet")), money(o.path("shippingTotal")), taxes(o.path("price").path("calculatedTaxes")),
                new ShopOrder.ShopCustomer(text(customer, "email"), text(customer, "firstName"), text(customer, "lastName"),
                        text(customer, "company"), text(customer, "customerNumber")),
                address(billing), deliveries, lines, payments,
                ShopwareStateNames.orderState(text(o.path("stateMachineState"), "technicalName")), text(o, "salesChannelId"),
                o.hasNonNull("currencyFactor") ? money(o.path("currencyFactor")) : BigDecimal.ONE);
    }

    private static ShopLine line(JsonNode item) {
        String type = text(item, "type");
        ShopLine.LineKind kind = switch (type) {
            case "product" -> ShopLine.LineKind.PRODUCT;
            case "promotion" -> ShopLine.LineKind.PROMOTION;
            default -> ShopLine.LineKind.OTHER;
        };
        JsonNode payload = item.path("payload");
        String sku = kind == ShopLine.LineKind.PRODUCT ? text(payload, "productNumber") : "";
        boolean known = kind != ShopLine.LineKind.PRODUCT || item.hasNonNull("productId");
        return new ShopLine(text(item, "id"), kind, sku, text(item, "label"), item.path("quantity").asInt(),
                money(item.path("unitPrice")), money(item.path("totalPrice")), taxes(item.path("price").path("calculatedTaxes")),
                kind == ShopLine.LineKind.PROMOTION ? firstNonBlank(text(payload, "code"), text(item, "referencedId")) : "",
                discountScope(text(payload, "discountScope")), text(payload, "discountType"), known);
    }

    private static ShopAddress address(JsonNode a) {
        return new ShopAddress(text(a, "company"), text(a, "firstName"), text(a, "lastName"), text(a, "street"),
                text(a, "additionalAddressLine1"), text(a, "additionalAddressLine2"), text(a, "zipcode"), text(a, "city"),
                text(a.path("country"), "iso"), text(a, "phoneNumber"));
    }

    private static List<TaxPortion> taxes(JsonNode list) {
        List<TaxPortion> taxes = new ArrayList<>();
        for (JsonNode t : list) {
            taxes.add(new TaxPortion(money(t.path("taxRate")), money(t.path("tax")), money(t.path("price"))));
        }
        return taxes;
    }

    private static TaxStatus taxStatus(String status) {
        return switch (status) {
            case "net" -> TaxStatus.NET;
            case "tax-free" -> TaxStatus.TAX_FREE;
            default -> TaxStatus.GROSS;
        };
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static BigDecimal money(JsonNode value) {
        return value.isNumber() ? value.decimalValue() : value.isTextual() && !value.asText().isBlank()
                ? new BigDecimal(value.asText()) : BigDecimal.ZERO;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    private static String firstNonBlank(String a, String b) {
        return a.isBlank() ? b : a;
    }

    /**
     * A promotion discount's scope as the rules name it: Shopware writes a set group's as {@code setgroup-<group id>}
     * ({@code PromotionDiscountEntity::isScopeSetGroup} matches on the prefix), the others as they are.
     */
    public static String discountScope(String scope) {
        return scope != null && scope.startsWith("setgroup-") ? "setgroup" : scope;
    }
}
