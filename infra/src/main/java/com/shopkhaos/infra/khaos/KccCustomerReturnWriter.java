package com.shopkhaos.infra.khaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.returns.CustomerReturn;
import com.shopkhaos.model.returns.ReturnLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Writes a {@link CustomerReturn} as KCC's {@code CustomerReturn} JSON (khaoscontrol/kcc-web-services README.md L850–887,
 * L958–970) from the sales order Khaos was sent: the invoice and delivery address and contact as they went with the
 * order, each returned line by the stock code and {@code StockCode} mapping the order used, its unit price after the
 * order's discount, the mapped {@code ReturnReason}, and the original order by its AssociatedRef. Never writes a null.
 */
public final class KccCustomerReturnWriter {
    /** Which of the spec's shapes of an item's link to its order we send ({@code KHAOS_RETURN_SOURCE_REFERENCE}). */
    public enum SourceReference {
        /** The spec's table: {@code {"SourceReference":{"SourceOrder":{"AssociatedRef":"10042"}}}}. */
        WRAPPED,
        /** The maintained PHP sample: {@code {"SourceReference":{"AssociatedRef":"10042"}}}. */
        BARE
    }

    /** The download's import config: an address matched by first line and postcode, a contact by surname and email. */
    static final String RETURN_IMPORT_CONFIG = "{\"MatchAddressOn\":[\"Address1\",\"Postcode\"],\"MatchContactOn\":[\"Surname\",\"Email\"]}";

    private KccCustomerReturnWriter() {
    }

    /**
     * @param salesOrderJson the sales order as Khaos was sent it (our KCC JSON)
     * @param process        whether Khaos processes the return as soon as it is imported ({@code ProcessReturn})
     */
    public static ObjectNode write(CustomerReturn ret, String salesOrderJson, SourceReference shape, boolean process, ZoneId zone) {
        JsonNode order = read(salesOrderJson, ret);
        ObjectNode r = InfraJson.mapper().createObjectNode().put("AssociatedRef", ret.associatedRef())
                .put("CreatedDate", KccSalesOrderWriter.KCC_DATE.format(ret.createdAt().atZone(zone).toLocalDateTime()))
                .put("URN", ret.urn());
        for (String part : List.of("InvoiceAddress", "InvoiceContact", "DeliveryAddress", "DeliveryContact")) {
            if (order.path(part).isObject()) {
                r.set(part, order.path(part).deepCopy());
            }
        }
        ArrayNode items = r.putArray("ReturnedItems");
        for (ReturnLine line : ret.lines()) {
            JsonNode sent = itemFor(order, line, ret);
            ObjectNode item = items.addObject().put("SKU", sent.path("SKU").asText()).put("Quantity", line.quantity());
            item.putArray("Mapping").addObject().put("Mapping", sent.path("Mapping").asText("StockCode"));
            KccSalesOrderWriter.dataItem(item.putObject("ReturnReason"), ret.reasonCode());
            item.putArray("ExtendedDescription");
            ObjectNode reference = item.putObject("SourceReference");
            (shape == SourceReference.WRAPPED ? reference.putObject("SourceOrder") : reference).put("AssociatedRef", ret.orderNumber());
            unitPaid(sent).ifPresent(price -> item.putObject("UnitPrice").put("Gross", price));
        }
        r.put("ProcessReturn", process);
        return r;
    }

    /** A {@code CReturnDownload} answer carrying these returns (written by {@link #write}), with our import config. */
    public static String download(List<ObjectNode> returns) {
        ObjectNode root = InfraJson.mapper().createObjectNode();
        ArrayNode list = root.putArray("Returns");
        returns.forEach(list::add);
        root.put("ApiVersion", JacksonKhaosMessageCodec.API_VERSION);
        try {
            root.set("Config", InfraJson.mapper().readTree(RETURN_IMPORT_CONFIG));
            return InfraJson.mapper().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json, CustomerReturn ret) {
        try {
            JsonNode order = InfraJson.mapper().readTree(json == null ? "" : json);
            if (order == null || !order.isObject()) {
                throw new IllegalStateException("return " + ret.associatedRef() + ": the sales order sent for " + ret.orderNumber()
                        + " is not kept");
            }
            return order;
        } catch (IOException e) {
            throw new IllegalStateException("return " + ret.associatedRef() + ": the sales order sent for " + ret.orderNumber()
                    + " cannot be read", e);
        }
    }

    /** The sales order's item for the shop's line (its ImportRef), else by SKU. */
    private static JsonNode itemFor(JsonNode order, ReturnLine line, CustomerReturn ret) {
        for (JsonNode item : order.path("Items")) {
            if (item.path("ImportRef").asText("").equals(line.lineItemId())) {
                return item;
            }
        }
        for (JsonNode item : order.path("Items")) {
            if (item.path("SKU").asText("").equals(line.sku()) || item.path("WebItemRef").asText("").equals(line.sku())) {
                return item;
            }
        }
        throw new IllegalStateException("return " + ret.associatedRef() + ": " + line.sku() + " (line " + line.lineItemId()
                + ") was not on the sales order sent for " + ret.orderNumber());
    }

    /** What the customer paid per unit: the gross unit price less the line's share of its value discount. */
    private static Optional<BigDecimal> unitPaid(JsonNode item) {
        if (!item.path("UnitPrice").path("Gross").isNumber()) {
            return Optional.empty();
        }
        BigDecimal unit = item.path("UnitPrice").path("Gross").decimalValue();
        BigDecimal quantity = item.path("Quantity").decimalValue();
        BigDecimal discount = item.path("ValueDiscount").isNumber() ? item.path("ValueDiscount").decimalValue() : BigDecimal.ZERO;
        if (discount.signum() == 0 || quantity.signum() <= 0) {
            return Optional.of(unit);
        }
        return Optional.of(unit.multiply(quantity).subtract(discount).divide(quantity, 2, RoundingMode.HALF_UP));
    }
}
