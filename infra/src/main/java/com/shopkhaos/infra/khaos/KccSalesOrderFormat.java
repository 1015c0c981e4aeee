package com.shopkhaos.infra.khaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.order.KhaosSalesOrder;
import com.shopkhaos.model.order.SalesOrderValues;
import com.shopkhaos.model.ordersync.SalesOrderFormat;
import com.shopkhaos.infra.config.KhaosReturnSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** KCC's {@code SalesOrder} JSON, as {@link KccSalesOrderWriter} writes it. */
@Singleton
public class KccSalesOrderFormat implements SalesOrderFormat {
    private final boolean urnFromCustomerNumber;

    /** Orders that name no customer account: Khaos matches or makes it. */
    public KccSalesOrderFormat() {
        this(false);
    }

    @Inject
    public KccSalesOrderFormat(KhaosReturnSettings settings) {
        this(settings.khaosCustomerUrn() == KhaosReturnSettings.CustomerUrn.SHOP_CUSTOMER_NUMBER);
    }

    /** @param urnFromCustomerNumber each order names the customer's account in Khaos by the shop's customer number */
    public KccSalesOrderFormat(boolean urnFromCustomerNumber) {
        this.urnFromCustomerNumber = urnFromCustomerNumber;
    }

    @Override
    public String write(KhaosSalesOrder order) {
        try {
            return InfraJson.mapper().writeValueAsString(KccSalesOrderWriter.write(order, urnFromCustomerNumber));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads back the money of what {@link #write} wrote: each item by its {@code ImportRef} (the shop's line id), the
     * shop's SKU ({@code WebItemRef} where it differs from the stock code, else {@code SKU}), quantity, gross unit
     * price and discount; the header's gross delivery charge, its {@code DeliveryTaxAmount} and {@code GrossTotal}; the
     * payments' amounts.
     */
    @Override
    public Optional<SalesOrderValues> values(String written) {
        JsonNode order;
        try {
            order = InfraJson.mapper().readTree(written == null ? "" : written);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (order == null || !order.path("Items").isArray() || !order.path("Header").isObject()) {
            return Optional.empty();
        }
        List<SalesOrderValues.Line> lines = new ArrayList<>();
        for (JsonNode item : order.path("Items")) {
            String sku = item.path("WebItemRef").asText(item.path("SKU").asText(""));
            lines.add(new SalesOrderValues.Line(item.path("ImportRef").asText(""), sku, item.path("Quantity").asInt(),
                    money(item.path("UnitPrice").path("Gross")), money(item.path("ValueDiscount"))));
        }
        JsonNode header = order.path("Header");
        BigDecimal paid = BigDecimal.ZERO;
        for (JsonNode payment : order.path("Payments")) {
            paid = paid.add(money(payment.path("Amount")));
        }
        return Optional.of(new SalesOrderValues(lines, money(header.path("DeliveryCharge").path("Gross")),
                money(header.path("GrossTotal")), paid, money(header.path("DeliveryTaxAmount"))));
    }

    private static BigDecimal money(JsonNode value) {
        return value.isNumber() ? value.decimalValue() : BigDecimal.ZERO;
    }
}
