package com.shopkhaos.infra.khaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.infra.order.OrderFixtures;
import com.shopkhaos.infra.shopware.ShopwareOrderMapper;
import com.shopkhaos.model.order.KhaosSalesOrder;
import com.shopkhaos.model.order.OrderTranslator;
import com.shopkhaos.model.returns.CustomerReturn;
import com.shopkhaos.model.returns.ReturnCause;
import com.shopkhaos.model.returns.ReturnLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A return as KCC's CustomerReturn, from the sales order Khaos was sent (real Shopware order JSON, translated). */
class KccCustomerReturnWriterTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static KhaosSalesOrder sent() {
        return OrderTranslator.translate(ShopwareOrderMapper.read(OrderFixtures.order("buy-two-get-one")), OrderFixtures.policy(),
                OrderFixtures.lookup(OrderFixtures.catalogue())).salesOrder().orElseThrow();
    }

    private static CustomerReturn returnOf(KhaosSalesOrder order, KhaosSalesOrder.Line line, int units, Instant at) {
        return CustomerReturn.ready("shop1", "order-id", order.associatedRef(), 1, ReturnCause.FULL_REFUND,
                List.of(new ReturnLine(line.importRef(), line.stockCode(), BigDecimal.valueOf(units))), "SMIT0001", "5", at);
    }

    private static void noNulls(JsonNode node, String path) {
        assertThat(node.isNull()).as(path + " is null").isFalse();
        node.fields().forEachRemaining(f -> noNulls(f.getValue(), path + "." + f.getKey()));
        for (int i = 0; i < node.size() && node.isArray(); i++) {
            noNulls(node.get(i), path + "[" + i + "]");
        }
    }

    @Test
    void aReturn_carriesTheOrdersAddressContactAndStockCodes_thePricePaidAfterDiscount_andTheOrderAsItsSource() {
        KhaosSalesOrder order = sent();
        KhaosSalesOrder.Line socks = order.lines().get(0);
        String json = InfraJson.write(KccSalesOrderWriter.write(order));
        CustomerReturn ret = returnOf(order, socks, 2, Instant.parse("2026-07-01T08:30:00Z"));

        ObjectNode written = KccCustomerReturnWriter.write(ret, json, KccCustomerReturnWriter.SourceReference.WRAPPED, true, LONDON);

        assertThat(written.path("AssociatedRef").asText()).isEqualTo(order.associatedRef() + "-R1");
        assertThat(written.path("CreatedDate").asText()).as("London's time, summer").isEqualTo("2026-07-01T09:30:00");
        assertThat(written.path("URN").asText()).isEqualTo("SMIT0001");
        assertThat(written.path("InvoiceAddress").path("Line1").asText()).isEqualTo(order.invoiceAddress().line1());
        assertThat(written.path("InvoiceContact").path("Surname").asText()).isEqualTo(order.invoiceContact().surname());
        JsonNode item = written.path("ReturnedItems").get(0);
        assertThat(item.path("SKU").asText()).isEqualTo(socks.stockCode());
        assertThat(item.path("Mapping").get(0).path("Mapping").asText()).isEqualTo("StockCode");
        assertThat(item.path("Quantity").decimalValue()).isEqualByComparingTo("2");
        assertThat(item.path("ReturnReason").path("ID").asText()).isEqualTo("5");
        assertThat(item.path("SourceReference").path("SourceOrder").path("AssociatedRef").asText()).isEqualTo(order.associatedRef());
        BigDecimal paid = socks.unitGross().multiply(BigDecimal.valueOf(socks.quantity())).subtract(socks.valueDiscount())
                .divide(BigDecimal.valueOf(socks.quantity()), 2, java.math.RoundingMode.HALF_UP);
        assertThat(socks.valueDiscount().signum()).as("the fixture's line carries a discount").isPositive();
        assertThat(item.path("UnitPrice").path("Gross").decimalValue()).isEqualByComparingTo(paid);
        assertThat(written.path("ProcessReturn").asBoolean()).isTrue();
        noNulls(written, "CustomerReturn");

        JsonNode bare = KccCustomerReturnWriter.write(ret, json, KccCustomerReturnWriter.SourceReference.BARE, false, LONDON)
                .path("ReturnedItems").get(0).path("SourceReference");
        assertThat(bare.path("AssociatedRef").asText()).isEqualTo(order.associatedRef());
        assertThat(bare.has("SourceOrder")).isFalse();
    }

    @Test
    void theDownload_isAListOfReturns_withApiVersion1000_andAReturnImportConfig() throws Exception {
        KhaosSalesOrder order = sent();
        String json = InfraJson.write(KccSalesOrderWriter.write(order));
        ObjectNode one = KccCustomerReturnWriter.write(returnOf(order, order.lines().get(0), 1, Instant.parse("2026-12-01T10:00:00Z")),
                json, KccCustomerReturnWriter.SourceReference.WRAPPED, true, LONDON);

        JsonNode download = InfraJson.mapper().readTree(KccCustomerReturnWriter.download(List.of(one)));

        assertThat(download.path("Returns").isArray()).isTrue();
        assertThat(download.path("Returns")).hasSize(1);
        assertThat(download.path("ApiVersion").asInt()).isEqualTo(1000);
        assertThat(download.path("Config").path("MatchAddressOn")).isNotEmpty();
        assertThat(download.path("Config").path("MatchContactOn")).isNotEmpty();
        assertThat(KccCustomerReturnWriter.download(List.of())).contains("\"Returns\":[]");
    }

    @Test
    void aLineTheSalesOrderNeverHad_orASalesOrderNotKept_isAClearError() {
        KhaosSalesOrder order = sent();
        String json = InfraJson.write(KccSalesOrderWriter.write(order));
        CustomerReturn stranger = CustomerReturn.ready("shop1", "order-id", order.associatedRef(), 1, ReturnCause.FULL_REFUND,
                List.of(new ReturnLine("no-such-line", "UMBRELLA-GOLF", BigDecimal.ONE)), "SMIT0001", "5", Instant.now());
        assertThatThrownBy(() -> KccCustomerReturnWriter.write(stranger, json, KccCustomerReturnWriter.SourceReference.WRAPPED, true,
                LONDON)).hasMessageContaining("UMBRELLA-GOLF").hasMessageContaining("not on the sales order");
        assertThatThrownBy(() -> KccCustomerReturnWriter.write(stranger, "", KccCustomerReturnWriter.SourceReference.WRAPPED, true,
                LONDON)).hasMessageContaining("not kept");
    }
}
