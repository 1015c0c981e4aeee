package com.shopkhaos.infra.khaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.returns.CustomerUrns;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;

/**
 * The customer's account in Khaos, as the sales order we sent named it ({@code Customer.URN}, sent under
 * {@code KHAOS_CUSTOMER_URN=shop-customer-number}). KCC reports no URN back (no upload carries one: spec README L658–666),
 * so an order sent without one has no known account: a person finds it.
 */
@Singleton
public class KccCustomerUrns implements CustomerUrns {

    @Override
    public Optional<String> urnFor(OrderLedgerEntry order) {
        return urnIn(order.khaos().salesOrder());
    }

    static Optional<String> urnIn(String salesOrderJson) {
        if (salesOrderJson == null || salesOrderJson.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode order = InfraJson.mapper().readTree(salesOrderJson);
            return Optional.ofNullable(order).map(o -> o.path("Customer").path("URN").asText("").strip()).filter(u -> !u.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
