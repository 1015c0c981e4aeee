package com.shopkhaos.infra.khaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.infra.order.OrderFixtures;
import com.shopkhaos.infra.shopware.ShopwareOrderMapper;
import com.shopkhaos.model.order.KhaosSalesOrder;
import com.shopkhaos.model.order.OrderTranslator;
import org.junit.jupiter.api.Test;

/**
 * The customer's account in Khaos a return must name (KCC never reports it back): with
 * {@code KHAOS_CUSTOMER_URN=shop-customer-number} every sales order names it as {@code Customer.URN} (the shop's customer
 * number, matched on {@code CompanyCode}), and a return finds it there; with {@code khaos-assigns} no order names one, so
 * no return can find it and a person enters it.
 */
class CustomerUrnTest {

    private static KhaosSalesOrder order() {
        return OrderTranslator.translate(ShopwareOrderMapper.read(OrderFixtures.order("free-shipping")), OrderFixtures.policy(),
                OrderFixtures.lookup(OrderFixtures.catalogue())).salesOrder().orElseThrow();
    }

    @Test
    void byTheShopsCustomerNumber_theOrderNamesTheAccount_andAReturnFindsItThere() throws Exception {
        JsonNode written = KccSalesOrderWriter.write(order(), true);

        assertThat(written.path("Customer").path("URN").asText()).isEqualTo("10001");
        assertThat(KccCustomerUrns.urnIn(InfraJson.mapper().writeValueAsString(written))).contains("10001");
    }

    @Test
    void whereKhaosAssignsTheAccount_noOrderNamesOne_soNoReturnGuessesIt() throws Exception {
        JsonNode written = KccSalesOrderWriter.write(order(), false);

        assertThat(written.path("Customer").has("URN")).isFalse();
        assertThat(KccCustomerUrns.urnIn(InfraJson.mapper().writeValueAsString(written))).isEmpty();
        assertThat(KccCustomerUrns.urnIn("")).as("no sales order kept").isEmpty();
        assertThat(KccCustomerUrns.urnIn("{not json")).isEmpty();
    }
}
