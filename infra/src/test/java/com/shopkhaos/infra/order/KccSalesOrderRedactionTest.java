package com.shopkhaos.infra.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.infra.khaos.KccSalesOrderFormat;
import com.shopkhaos.infra.khaos.KccSalesOrderRedaction;
import com.shopkhaos.infra.shopware.ShopwareOrderMapper;
import com.shopkhaos.model.order.OrderTranslator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A stored KCC sales order without the customer: every personal value of the shop's order gone, every figure kept. */
class KccSalesOrderRedactionTest {
    private final KccSalesOrderRedaction redaction = new KccSalesOrderRedaction();

    @ParameterizedTest
    @ValueSource(strings = {"mixed-vat-cart-discount", "net-b2b", "tax-free-export", "long-address"})
    void redacted_namesNobody_andKeepsEveryFigure(String fixture) throws Exception {
        ObjectNode shopOrder = OrderFixtures.order(fixture);
        OrderTranslator.Result result = OrderTranslator.translate(ShopwareOrderMapper.read(shopOrder), OrderFixtures.policy(),
                OrderFixtures.lookup(OrderFixtures.catalogue()));
        String stored = new KccSalesOrderFormat().write(result.salesOrder().orElseThrow());
        Set<String> personal = personalValues(shopOrder);
        assertThat(personal).isNotEmpty();
        assertThat(redaction.emails(stored)).contains(shopOrder.path("orderCustomer").path("email").asText().toLowerCase());

        String redacted = redaction.withoutPersonalData(stored);

        for (String value : personal) {
            assertThat(redacted).as(fixture + " still names " + value).doesNotContain(value);
        }
        assertThat(redaction.emails(redacted)).isEmpty();
        JsonNode before = InfraJson.mapper().readTree(stored);
        JsonNode after = InfraJson.mapper().readTree(redacted);
        for (String kept : List.of("Header", "Items", "Payments")) {
            assertThat(after.path(kept)).as(kept).isEqualTo(before.path(kept));
        }
        assertThat(after.path("DeliveryAddress").path("Country")).isEqualTo(before.path("DeliveryAddress").path("Country"));
        assertThat(after.path("Customer").path("Currency")).isEqualTo(before.path("Customer").path("Currency"));
        assertThat(after.path("InvoiceContact").path("Email").asText()).isEqualTo("[erased]");
        assertThat(redaction.withoutPersonalData(redacted)).as("erasing again changes nothing").isEqualTo(redacted);
    }

    private static Set<String> personalValues(JsonNode order) {
        Set<String> values = new TreeSet<>();
        List<JsonNode> parts = new ArrayList<>();
        parts.add(order.path("orderCustomer"));
        order.path("addresses").forEach(parts::add);
        order.path("deliveries").forEach(d -> parts.add(d.path("shippingOrderAddress")));
        for (JsonNode part : parts) {
            for (String field : List.of("email", "firstName", "lastName", "company", "street", "additionalAddressLine1",
                    "additionalAddressLine2", "city", "zipcode", "phoneNumber")) {
                String value = part.path(field).asText("").strip();
                if (value.length() >= 3) {
                    values.add(value);
                }
            }
        }
        return values;
    }
}
