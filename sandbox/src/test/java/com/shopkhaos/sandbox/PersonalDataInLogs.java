package com.shopkhaos.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The personal data of orders placed in the simulated shop (as the shop holds them: the customer's name, email and
 * company, every address's name, lines, town, postcode and phone), and the log lines that mention any of it.
 */
final class PersonalDataInLogs {
    private static final List<String> CUSTOMER = List.of("email", "firstName", "lastName", "company");
    private static final List<String> ADDRESS = List.of("firstName", "lastName", "company", "street", "additionalAddressLine1",
            "additionalAddressLine2", "city", "zipcode", "phoneNumber");

    private PersonalDataInLogs() {
    }

    /** Every personal value of these orders, read from the shop's control API. */
    static Set<String> of(RunningSandbox sandbox, Collection<String> orderIds) throws Exception {
        Set<String> values = new TreeSet<>();
        for (String id : orderIds) {
            JsonNode order = sandbox.json("GET", "/shopware-sim/_control/orders/" + id, null);
            CUSTOMER.forEach(f -> add(values, order.path("orderCustomer").path(f)));
            List<JsonNode> addresses = new ArrayList<>();
            order.path("addresses").forEach(addresses::add);
            addresses.add(order.path("billingAddress"));
            order.path("deliveries").forEach(d -> addresses.add(d.path("shippingOrderAddress")));
            for (JsonNode address : addresses) {
                ADDRESS.forEach(f -> add(values, address.path(f)));
            }
        }
        return values;
    }

    private static void add(Set<String> values, JsonNode value) {
        String text = value.asText("").strip();
        if (text.length() >= 3) {
            values.add(text);
        }
    }

    /**
     * The lines of {@code log} that mention any of {@code values}, each with what it mentions: an email address in any
     * case, anything else as written (the simulated shop's customer keys, such as {@code jane} in the start-up help, are
     * not the customer's name {@code Jane}).
     */
    static List<String> linesMentioning(String log, Set<String> values) {
        List<String> found = new ArrayList<>();
        for (String line : log.split("\\R")) {
            String lower = line.toLowerCase(Locale.ROOT);
            values.stream().filter(v -> v.contains("@") ? lower.contains(v.toLowerCase(Locale.ROOT)) : line.contains(v)).findFirst()
                    .ifPresent(v -> found.add("[" + v + "] " + (line.length() > 300 ? line.substring(0, 300) + "…" : line)));
        }
        return found;
    }
}
