package com.shopkhaos.sandbox;

import static com.shopkhaos.sandbox.DespatchFlowIT.awaitLedger;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A month of a shop's trading, seeded: every day {@code ordersPerDay} ordinary orders (dated in that day, at times spread
 * over it in Europe/London), each handed to Khaos; and, on seeded days, one order of each kind of discrepancy finance
 * meets, made only through the simulators' control APIs as the shop's admin, the card scheme or the warehouse would make
 * it. It knows what it planted (the reason code it expects, by order number), never how the reconciliation classifies:
 * {@link ReconciliationMonthIT} checks the reports against it.
 *
 * <p>The sandbox it drives must run with Khaos's polling, the sweep and the stock reconcile off (it polls Khaos itself,
 * and an order whose webhook was lost must stay lost), and with its go-live before the month.
 */
final class SeededMonth {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Ordinary products, generated in both catalogues with stock for any month. */
    static final String PREFIX = "MONTH-";
    static final int PRODUCTS = 40;
    /** A product only the VAT plant orders: Khaos's tax code of it changes after its order was sent. */
    static final String VAT_SKU = "MONTHVAT-0000001";
    /** In the shop, not in Khaos: its order is held. */
    static final String UNKNOWN_SKU = "UMBRELLA-GOLF";
    private static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** What a planted order should be reported as (the names of the reconciliation's reason codes, as the API shows them). */
    enum Plant {
        NOT_IN_LEDGER, NOT_SENT, SENT_NOT_CONFIRMED, VALUE_CHANGED_AFTER_SENDING, CANCELLED_IN_SHOP_ONLY, CANCELLED_IN_KHAOS_ONLY,
        REFUNDED_IN_FULL, REFUNDED_PARTIALLY, CHARGEBACK, PAID_STATE_MISMATCH, DUPLICATE_IN_KHAOS, SHIPPED_NOT_WRITTEN_BACK,
        VAT_SPLIT_DIFFERS, ROUNDING;

        /** The reason code the report must give it. */
        String reason() {
            return switch (this) {
                case REFUNDED_IN_FULL, REFUNDED_PARTIALLY, CHARGEBACK -> "REFUNDED_IN_SHOP";
                default -> name();
            };
        }
    }

    /** One order of the month: its day, and the reason it must be reported under ({@code OK} for an ordinary one). */
    record MonthOrder(String orderNumber, String orderId, LocalDate day, String reason, Plant plant) {
    }

    private final RunningSandbox sandbox;
    private final Random random;
    private final int ordersPerDay;
    private final List<LocalDate> days;
    private final Map<Plant, LocalDate> plantDays = new EnumMap<>(Plant.class);
    private final Map<String, MonthOrder> orders = new LinkedHashMap<>();

    SeededMonth(RunningSandbox sandbox, long seed, LocalDate lastDay, int dayCount, int ordersPerDay) {
        this.sandbox = sandbox;
        this.random = new Random(seed);
        this.ordersPerDay = ordersPerDay;
        this.days = new ArrayList<>();
        for (int d = dayCount - 1; d >= 0; d--) {
            days.add(lastDay.minusDays(d));
        }
        for (Plant plant : Plant.values()) {
            plantDays.put(plant, days.get(random.nextInt(days.size())));
        }
    }

    List<LocalDate> days() {
        return days;
    }

    Map<String, MonthOrder> orders() {
        return orders;
    }

    /** Makes the month: the catalogues first, then day by day the ordinary orders, handed to Khaos, then that day's plants. */
    SeededMonth make() throws Exception {
        sandbox.json("POST", "/shopware-sim/_control/products/generate", "{\"count\":" + PRODUCTS + ",\"prefix\":\"" + PREFIX
                + "\",\"stock\":1000000}");
        sandbox.json("POST", "/khaos-sim/_control/items/generate", "{\"count\":" + PRODUCTS + ",\"prefix\":\"" + PREFIX
                + "\",\"physical\":1000000}");
        sandbox.json("POST", "/shopware-sim/_control/products/generate", "{\"count\":1,\"prefix\":\"MONTHVAT-\",\"stock\":1000}");
        sandbox.json("POST", "/khaos-sim/_control/items/generate", "{\"count\":1,\"prefix\":\"MONTHVAT-\",\"physical\":1000}");
        Await.khaosPushesHandled(sandbox, "stock", PATIENCE);
        for (LocalDate day : days) {
            List<JsonNode> placed = new ArrayList<>();
            for (int i = 0; i < ordersPerDay; i++) {
                placed.add(place(day, ordinarySku(), 1 + random.nextInt(3), true));
            }
            for (JsonNode order : placed) {
                awaitState(order, "READY");
            }
            handToKhaos(placed);
            for (JsonNode order : placed) {
                remember(order, day, null);
            }
            for (Plant plant : Plant.values()) {
                if (plantDays.get(plant).equals(day)) {
                    plant(plant, day);
                }
            }
        }
        return this;
    }

    private void plant(Plant plant, LocalDate day) throws Exception {
        switch (plant) {
            case NOT_IN_LEDGER -> {
                sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"webhookDropRate\":1}");
                try {
                    remember(place(day, ordinarySku(), 1, true), day, plant);
                } finally {
                    sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"webhookDropRate\":0}");
                }
            }
            case NOT_SENT -> {
                JsonNode order = place(day, UNKNOWN_SKU, 1, true);
                awaitState(order, "QUARANTINED");
                remember(order, day, plant);
            }
            case SENT_NOT_CONFIRMED -> {
                // Khaos fails to import it: it sits in Khaos's failed imports, and KCC never reports it
                JsonNode order = ready(day, ordinarySku());
                sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"importErrorRate\":1}");
                try {
                    sandbox.json("POST", "/khaos-sim/_control/poll", null);
                } finally {
                    sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"importErrorRate\":0}");
                }
                // KCC's next download acknowledges the page: the channel knows Khaos has it, and hears no more
                sandbox.json("POST", "/khaos-sim/_control/poll", null);
                awaitState(order, "DOWNLOADED");
                remember(order, day, plant);
            }
            case VALUE_CHANGED_AFTER_SENDING -> {
                JsonNode order = imported(day, PREFIX + "0000001", 1);
                sandbox.json("POST", "/shopware-sim/_control/orders/" + number(order) + "/edit",
                        "{\"set\":[{\"sku\":\"" + PREFIX + "0000001\",\"quantity\":2}]}");
                remember(order, day, plant);
            }
            case CANCELLED_IN_SHOP_ONLY -> {
                JsonNode order = imported(day, ordinarySku(), 1);
                sandbox.json("POST", "/shopware-sim/_control/orders/" + number(order) + "/cancel", "{}");
                awaitException("CANCELLED_AFTER_DOWNLOAD#" + number(order));
                remember(order, day, plant);
            }
            case CANCELLED_IN_KHAOS_ONLY -> {
                JsonNode order = imported(day, ordinarySku(), 1);
                sandbox.json("POST", "/khaos-sim/_control/orders/" + number(order) + "/cancel", "{}");
                awaitException("CANCELLED_IN_KHAOS#" + number(order));
                remember(order, day, plant);
            }
            case REFUNDED_IN_FULL, REFUNDED_PARTIALLY, CHARGEBACK -> {
                JsonNode order = imported(day, ordinarySku(), 2);
                String action = plant == Plant.REFUNDED_IN_FULL ? "refund" : plant == Plant.CHARGEBACK ? "chargeback" : "refund_partially";
                String body = plant == Plant.REFUNDED_PARTIALLY ? "{\"refundAmount\":1.50,\"reason\":\"one arrived damaged\"}" : "{}";
                sandbox.json("POST", "/shopware-sim/_control/order_transaction/" + order.path("transactionId").asText()
                        + "/state/" + action, body);
                awaitException("REFUNDED_IN_SHOP#" + number(order));
                remember(order, day, plant);
            }
            case PAID_STATE_MISMATCH -> {
                JsonNode order = imported(day, ordinarySku(), 1);
                sandbox.json("POST", "/shopware-sim/_control/order_transaction/" + order.path("transactionId").asText()
                        + "/state/cancel", "{}");
                remember(order, day, plant);
            }
            case DUPLICATE_IN_KHAOS -> {
                // KCC imports a page whose download timed out, its status pushes land late, and it asks for the page again
                JsonNode order = ready(day, ordinarySku());
                sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"duplicateAssociatedRef\":\"import\","
                        + "\"continuationEcho\":\"never-on-timeout\",\"downloadTimeoutRate\":1}");
                sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"pushLatencyMs\":3000}");
                try {
                    sandbox.json("POST", "/khaos-sim/_control/poll", null);
                    sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"downloadTimeoutRate\":0}");
                    sandbox.json("POST", "/khaos-sim/_control/poll", null);
                } finally {
                    sandbox.json("PUT", "/khaos-sim/_control/faults", "{\"pushLatencyMs\":0}");
                    sandbox.json("PUT", "/khaos-sim/_control/settings", "{\"duplicateAssociatedRef\":\"reject\","
                            + "\"continuationEcho\":\"after-import\",\"downloadTimeoutRate\":0}");
                }
                awaitState(order, "IMPORTED");
                Await.until("Khaos's second order of " + number(order) + " to be raised", PATIENCE,
                        () -> openExceptionIds(number(order)), ids -> ids.stream().anyMatch(id -> id.startsWith("DUPLICATE_IN_KHAOS#" + number(order) + ":")));
                remember(order, day, plant);
            }
            case SHIPPED_NOT_WRITTEN_BACK -> {
                // Khaos despatches while the shop refuses every call, until the write-back gives up
                JsonNode order = imported(day, ordinarySku(), 1);
                sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"apiErrorRate\":1}");
                try {
                    sandbox.json("POST", "/khaos-sim/_control/orders/" + number(order) + "/despatch",
                            "{\"parcels\":[{\"consignmentRef\":\"MONTH-" + number(order) + "\"}]}");
                    awaitException("WRITEBACK_FAILED#" + number(order));
                } finally {
                    sandbox.json("PUT", "/shopware-sim/_control/faults", "{\"apiErrorRate\":0}");
                }
                remember(order, day, plant);
            }
            case VAT_SPLIT_DIFFERS -> {
                // after the order was sent, the warehouse moves the item to the zero-rate tax code in Khaos
                JsonNode order = imported(day, VAT_SKU, 1);
                sandbox.json("PUT", "/khaos-sim/_control/items/" + VAT_SKU, "{\"taxCode\":\"3\"}");
                // no later order sells it; the catalogue push is awaited with everything else before the nights run
                remember(order, day, plant);
            }
            case ROUNDING -> {
                // a trade (net) customer's order; the shop switches to vertical tax calculation and an admin saves the
                // order unchanged: recalculated, its tax, so its total, moves by a penny when the lines' roundings differ
                for (int attempt = 1; attempt <= 20; attempt++) {
                    String first = ordinarySku();
                    String second = ordinarySku();
                    JsonNode order = sandbox.json("POST", "/shopware-sim/_control/orders", "{\"customer\":\"trade\","
                            + "\"shippingMethod\":\"standard\",\"paid\":true,\"orderDateTime\":\"" + at(day) + "\",\"lines\":["
                            + "{\"sku\":\"" + first + "\",\"quantity\":" + (1 + random.nextInt(3)) + "},{\"sku\":\"" + second
                            + "\",\"quantity\":" + (1 + random.nextInt(3)) + "}]}");
                    awaitState(order, "READY");
                    handToKhaos(List.of(order));
                    JsonNode before = sandbox.json("GET", "/shopware-sim/_control/orders/" + number(order), null);
                    int quantity = before.path("lineItems").path(0).path("quantity").asInt();
                    String sku = before.path("lineItems").path(0).path("payload").path("productNumber").asText();
                    sandbox.json("PUT", "/shopware-sim/_control/settings", "{\"taxCalculationType\":\"vertical\"}");
                    try {
                        sandbox.json("POST", "/shopware-sim/_control/orders/" + number(order) + "/edit",
                                "{\"set\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}");
                    } finally {
                        sandbox.json("PUT", "/shopware-sim/_control/settings", "{\"taxCalculationType\":\"horizontal\"}");
                    }
                    JsonNode after = sandbox.json("GET", "/shopware-sim/_control/orders/" + number(order), null);
                    boolean moved = after.path("amountTotal").decimalValue().compareTo(before.path("amountTotal").decimalValue()) != 0;
                    // a save that moved nothing leaves an ordinary order
                    remember(order, day, moved ? plant : null);
                    if (moved) {
                        return;
                    }
                }
                throw new IllegalStateException("20 recalculated trade orders, and not one total moved by a penny");
            }
            default -> throw new IllegalStateException("no way to plant " + plant);
        }
    }

    /** Khaos has pushed everything (the catalogue change of the VAT plant included) and our side has handled it. */
    void awaitSettled(Duration patience) throws Exception {
        Await.khaosPushesHandled(sandbox, "stock", patience);
    }

    private String ordinarySku() {
        return String.format(PREFIX + "%07d", 2 + random.nextInt(PRODUCTS - 1));
    }

    /** Placed at a seeded time of the day (London), paid or not. */
    private JsonNode place(LocalDate day, String sku, int quantity, boolean paid) throws Exception {
        String when = at(day);
        String[] customers = {"jane", "omar", "siobhan", "gareth", "trade"};
        return sandbox.json("POST", "/shopware-sim/_control/orders", "{\"customer\":\"" + customers[random.nextInt(customers.length)]
                + "\",\"shippingMethod\":\"standard\",\"paid\":" + paid + ",\"orderDateTime\":\"" + when + "\",\"lines\":[{\"sku\":\""
                + sku + "\",\"quantity\":" + quantity + "}]}");
    }

    /** A seeded time of the day, in London, with its offset. */
    private String at(LocalDate day) {
        LocalTime at = LocalTime.of(0, 5).plusMinutes(random.nextInt(23 * 60 + 50));
        return ZonedDateTime.of(day, at, LONDON).format(OFFSET_TIME);
    }

    private JsonNode ready(LocalDate day, String sku) throws Exception {
        JsonNode order = place(day, sku, 1, true);
        awaitState(order, "READY");
        return order;
    }

    private JsonNode imported(LocalDate day, String sku, int quantity) throws Exception {
        JsonNode order = place(day, sku, quantity, true);
        awaitState(order, "READY");
        handToKhaos(List.of(order));
        return order;
    }

    /** Khaos polls once and reports the orders imported. */
    private void handToKhaos(List<JsonNode> ready) throws Exception {
        if (ready.isEmpty()) {
            return;
        }
        sandbox.json("POST", "/khaos-sim/_control/poll", null);
        for (JsonNode order : ready) {
            awaitState(order, "IMPORTED");
        }
    }

    private void awaitState(JsonNode order, String state) throws Exception {
        awaitLedger(sandbox, order.path("id").asText(), e -> e.path("state").asText().equals(state), state);
    }

    /** Waits until the problem {@code TYPE#orderNumber} is open. */
    private void awaitException(String id) throws Exception {
        String orderNumber = id.substring(id.indexOf('#') + 1);
        Await.until(id + " to be open", PATIENCE, () -> openExceptionIds(orderNumber), ids -> ids.contains(id));
    }

    /** The open problems the ops API finds by this order number. */
    private List<String> openExceptionIds(String orderNumber) throws Exception {
        HttpResponse<String> answer = sandbox.send("GET", "/ops/api/exceptions?status=OPEN&size=50&q=" + encode(orderNumber), null,
                "Authorization", "Bearer " + SandboxSettings.DEFAULT_OPS_API_KEY);
        if (answer.statusCode() != 200) {
            throw new AssertionError("the ops API refused the exception list: " + answer.statusCode() + " " + answer.body());
        }
        List<String> ids = new ArrayList<>();
        RunningSandbox.JSON.readTree(answer.body()).path("items").forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }

    private void remember(JsonNode order, LocalDate day, Plant plant) {
        orders.put(number(order), new MonthOrder(number(order), order.path("id").asText(), day, plant == null ? "OK" : plant.reason(),
                plant));
    }

    private static String number(JsonNode order) {
        return order.path("orderNumber").asText();
    }

    static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
