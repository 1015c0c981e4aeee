package com.shopkhaos.infra.khaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.privacy.SalesOrderRedaction;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Takes the customer out of a stored KCC {@code SalesOrder} (as {@link KccSalesOrderWriter} writes it): the address
 * lines, town, postcode, organisation and telephone of both addresses, the names and email of both contacts, and the
 * customer's company name become {@code [erased]}. The header (AssociatedRef, OrderDate, site, courier, delivery charge,
 * GrossTotal, CustomData), the items, the payments and the countries stay: that is what finance reconciles with.
 */
@Singleton
public class KccSalesOrderRedaction implements SalesOrderRedaction {
    private static final Map<String, List<String>> PERSONAL = Map.of(
            "InvoiceAddress", List.of("Line1", "Line2", "Line3", "Town", "Postcode", "Organisation", "Telephone"),
            "DeliveryAddress", List.of("Line1", "Line2", "Line3", "Town", "Postcode", "Organisation", "Telephone"),
            "InvoiceContact", List.of("Forename", "Surname", "Email"),
            "DeliveryContact", List.of("Forename", "Surname", "Email"),
            "Customer", List.of("CompanyName"));

    @Override
    public String withoutPersonalData(String salesOrder) {
        JsonNode root = parse(salesOrder);
        if (!(root instanceof ObjectNode order)) {
            return ERASED; // not a sales order we wrote: nothing in it can be told apart, so none of it stays
        }
        PERSONAL.forEach((part, fields) -> {
            if (order.get(part) instanceof ObjectNode node) {
                fields.stream().filter(node::has).forEach(f -> node.put(f, ERASED));
            }
        });
        try {
            return InfraJson.mapper().writeValueAsString(order);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Set<String> emails(String salesOrder) {
        Set<String> found = new LinkedHashSet<>();
        JsonNode root = parse(salesOrder);
        if (root != null) {
            for (String contact : List.of("InvoiceContact", "DeliveryContact")) {
                String email = root.path(contact).path("Email").asText("").strip().toLowerCase(Locale.ROOT);
                if (!email.isEmpty() && !email.equals(ERASED)) {
                    found.add(email);
                }
            }
        }
        return found;
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : InfraJson.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
