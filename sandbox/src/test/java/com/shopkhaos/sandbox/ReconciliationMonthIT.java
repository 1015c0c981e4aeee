package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A seeded month ({@link SeededMonth}): every ordinary order and every planted discrepancy, made through the simulators'
 * control APIs, then the nightly reconciliation run for each day in turn. Every planted order is reported under the reason
 * it was planted for, in its own day's report; no other order of the month is reported as anything but {@code OK}; each
 * day's totals equal the simulators' own books (the shop's orders, what Khaos received and what it holds) and the sums of
 * the report's lines, to the penny.
 *
 * <p>CI runs 30 days of 2 ordinary orders; {@code ./mvnw -B -Pfull-scale verify -pl sandbox -am -Dit.test=ReconciliationMonthIT
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false} runs 30 days of 100, and {@code -Dshopkhaos.month.seed=N} another
 * month (the plants land on other days, the orders at other times and of other products and customers).
 */
class ReconciliationMonthIT {
    static final boolean FULL = "full".equals(System.getProperty("shopkhaos.scale", "small"));
    static final int DAYS = 30;
    static final int ORDERS_PER_DAY = FULL ? 100 : 2;
    static final long SEED = Long.getLong("shopkhaos.month.seed", 20261206L);

    @Test
    void aSeededMonth_isReportedDayByDay_withEveryPlantedDiscrepancyUnderItsReason_noneInvented_andTheDaysTotalsToThePenny()
            throws Exception {
        LocalDate lastDay = LocalDate.now(SeededMonth.LONDON).minusDays(1);
        try (RunningSandbox sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "0", "SANDBOX_SWEEP_SECONDS", "0",
                "ORDER_SWEEP_GRACE", "1s", "SANDBOX_STOCK_RECONCILE_SECONDS", "0", "SHOPWARE_SHOP_ID", "shopMonth00000001",
                "RECONCILIATION_NOT_SENT_AFTER", "0s", "KHAOS_CONFIRMATION_AFTER", "0s",
                "ORDER_SWEEP_GO_LIVE", Instant.now().minus(Duration.ofDays(DAYS + 5)).toString()))) {
            Instant begin = Instant.now();
            SeededMonth month = new SeededMonth(sandbox, SEED, lastDay, DAYS, ORDERS_PER_DAY).make();
            month.awaitSettled(Duration.ofMinutes(FULL ? 15 : 3));
            long madeIn = Duration.between(begin, Instant.now()).toSeconds();

            Map<String, String> wrongReasons = new TreeMap<>();
            Map<String, String> invented = new TreeMap<>();
            Map<String, String> unlinked = new TreeMap<>();
            Set<String> reportedOnItsDay = new TreeSet<>();
            List<String> totalsWrong = new ArrayList<>();
            Map<String, Integer> planted = new TreeMap<>();
            month.orders().values().stream().filter(o -> o.plant() != null).forEach(o -> planted.merge(o.reason(), 1, Integer::sum));
            Instant runs = Instant.now();
            for (LocalDate day : month.days()) {
                sandbox.json("POST", "/sandbox/reconciliation/run?date=" + day, null);
                JsonNode summary = opsJson(sandbox, "/ops/api/reconciliation/" + day + "?size=1").path("summary");
                List<JsonNode> lines = allLines(sandbox, day);
                List<JsonNode> ofTheDay = new ArrayList<>();
                for (JsonNode line : lines) {
                    String number = line.path("orderNumber").asText();
                    SeededMonth.MonthOrder order = month.orders().get(number);
                    String reason = line.path("reason").asText();
                    if (order == null) {
                        invented.put(number, reason + " (an order the month never made) on " + day);
                        continue;
                    }
                    if (!order.reason().equals(reason)) {
                        wrongReasons.put(number, reason + " on " + day + ", planted " + order.reason() + " on " + order.day()
                                + ": " + line.path("findings"));
                    }
                    if (order.day().equals(day)) {
                        ofTheDay.add(line);
                        reportedOnItsDay.add(number);
                    }
                    String links = line.path("exceptionIds").toString();
                    if (line.path("needsAPerson").asBoolean()
                            && !links.matches(".*\"(" + String.join("|", LINKED_AS.getOrDefault(reason, List.of("[A-Z_]+"))) + ")#.*")) {
                        unlinked.put(number, reason + " on " + day + " links to " + links);
                    }
                }
                totalsWrong.addAll(totals(sandbox, day, summary, ofTheDay, month));
            }
            long runIn = Duration.between(runs, Instant.now()).toSeconds();

            Set<String> missing = new TreeSet<>(month.orders().keySet());
            missing.removeAll(reportedOnItsDay);
            assertThat(missing).as("orders of the month missing from their own day's report").isEmpty();
            assertThat(wrongReasons).as("orders reported under another reason than the one planted (number: reported vs planted)")
                    .isEmpty();
            assertThat(invented).as("lines for orders the month never made").isEmpty();
            assertThat(unlinked).as("lines needing a person without the problem that says so").isEmpty();
            assertThat(totalsWrong).as("day totals that differ from the simulators' books or from the lines").isEmpty();
            assertThat(planted.keySet()).as("every reason code but OK was planted")
                    .containsExactlyInAnyOrder("NOT_IN_LEDGER", "NOT_SENT", "SENT_NOT_CONFIRMED", "VALUE_CHANGED_AFTER_SENDING",
                            "CANCELLED_IN_SHOP_ONLY", "CANCELLED_IN_KHAOS_ONLY", "REFUNDED_IN_SHOP", "PAID_STATE_MISMATCH",
                            "DUPLICATE_IN_KHAOS", "SHIPPED_NOT_WRITTEN_BACK", "VAT_SPLIT_DIFFERS", "ROUNDING");
            System.out.printf("reconciliation month (seed %d): %d orders over %d days, planted %s; made in %d s, %d nightly runs in %d s%n",
                    SEED, month.orders().size(), DAYS, planted, madeIn, DAYS, runIn);
        }
    }

    /**
     * The problems a line of a reason links to, by type (the one already open that says so, else the reconciliation's
     * own); a reason not named here links to at least one problem when it needs a person.
     */
    private static final Map<String, List<String>> LINKED_AS = Map.of(
            "SENT_NOT_CONFIRMED", List.of("NOT_CONFIRMED_BY_KHAOS", "RECONCILIATION_DIFFERENCE"),
            "DUPLICATE_IN_KHAOS", List.of("DUPLICATE_IN_KHAOS"),
            "SHIPPED_NOT_WRITTEN_BACK", List.of("WRITEBACK_FAILED", "DELIVERY_NOT_WRITABLE", "DESPATCH_LINE_NOT_ON_ORDER",
                    "DESPATCH_MORE_THAN_ORDERED", "RECONCILIATION_DIFFERENCE"),
            "REFUNDED_IN_SHOP", List.of("REFUNDED_IN_SHOP"),
            "CANCELLED_IN_KHAOS_ONLY", List.of("CANCELLED_IN_KHAOS", "RECONCILIATION_DIFFERENCE"),
            "NOT_IN_LEDGER", List.of("RECONCILIATION_DIFFERENCE"));

    /** The day's summary against the simulators' own books, and against the sums of its own lines. */
    private static List<String> totals(RunningSandbox sandbox, LocalDate day, JsonNode summary, List<JsonNode> ofTheDay,
                                       SeededMonth month) throws Exception {
        List<String> wrong = new ArrayList<>();
        List<String> numbers = month.orders().values().stream().filter(o -> o.day().equals(day))
                .map(SeededMonth.MonthOrder::orderNumber).toList();
        BigDecimal shopBooks = BigDecimal.ZERO;
        for (String number : numbers) {
            shopBooks = shopBooks.add(new BigDecimal(sandbox.json("GET", "/shopware-sim/_control/orders/" + number, null)
                    .path("amountTotal").asText()));
        }
        // Khaos's books: each order it received once (a second import of one is the duplicate, not more revenue sent),
        // the imports it failed included; what it holds, its orders not cancelled
        Set<String> ofDay = Set.copyOf(numbers);
        Map<String, JsonNode> khaosOrders = new LinkedHashMap<>();
        for (JsonNode o : sandbox.json("GET", "/khaos-sim/_control/orders", null).path("orders")) {
            if (ofDay.contains(o.path("associatedRef").asText())) {
                khaosOrders.putIfAbsent(o.path("associatedRef").asText(), o);
            }
        }
        BigDecimal received = BigDecimal.ZERO;
        BigDecimal held = BigDecimal.ZERO;
        for (JsonNode o : khaosOrders.values()) {
            received = received.add(new BigDecimal(o.path("totals").path("grossTotalSent").asText()));
            if (!o.path("status").asText().toLowerCase().contains("cancel")) {
                held = held.add(new BigDecimal(o.path("totals").path("total").asText()));
            }
        }
        for (JsonNode r : sandbox.json("GET", "/khaos-sim/_control/rejected", null).path("rejected")) {
            String ref = r.path("associatedRef").asText();
            if (ofDay.contains(ref) && !khaosOrders.containsKey(ref)) {
                received = received.add(new BigDecimal(r.path("order").path("Header").path("GrossTotal").asText()));
            }
        }
        check(wrong, day, "orders", BigDecimal.valueOf(numbers.size()), summary.path("orders"));
        check(wrong, day, "shop gross vs the shop's orders", shopBooks, summary.path("shopGross"));
        check(wrong, day, "sent gross vs what Khaos received", received, summary.path("sentGross"));
        check(wrong, day, "confirmed gross vs what Khaos holds", held, summary.path("confirmedGross"));
        check(wrong, day, "shop gross vs its lines", sum(ofTheDay, "shopGrossBase"), summary.path("shopGross"));
        check(wrong, day, "sent gross vs its lines", sum(ofTheDay, "sentGross"), summary.path("sentGross"));
        check(wrong, day, "confirmed gross vs its lines", sum(ofTheDay, "confirmedGross"), summary.path("confirmedGross"));
        // VAT per rate, in the shop and as sent and confirmed, and each payment method's confirmed total: the lines' sums
        Map<String, BigDecimal[]> vat = new TreeMap<>();
        for (JsonNode l : ofTheDay) {
            boolean confirmed = new BigDecimal(l.path("confirmedGross").asText()).signum() != 0;
            for (JsonNode t : l.path("facts").path("shopTaxes")) {
                BigDecimal[] sums = vat.computeIfAbsent(rate(t), r -> zeros());
                sums[0] = sums[0].add(new BigDecimal(t.path("tax").asText()));
            }
            for (JsonNode t : l.path("facts").path("sentTaxes")) {
                BigDecimal[] sums = vat.computeIfAbsent(rate(t), r -> zeros());
                sums[1] = sums[1].add(new BigDecimal(t.path("tax").asText()));
                sums[2] = confirmed ? sums[2].add(new BigDecimal(t.path("tax").asText())) : sums[2];
            }
        }
        for (JsonNode r : summary.path("vatRates")) {
            BigDecimal[] sums = vat.getOrDefault(rate(r), zeros());
            check(wrong, day, r.path("rate").asText() + "% VAT vs its lines", sums[0], r.path("vat"));
            check(wrong, day, r.path("rate").asText() + "% VAT sent vs its lines", sums[1], r.path("sentVat"));
            check(wrong, day, r.path("rate").asText() + "% VAT confirmed vs its lines", sums[2], r.path("confirmedVat"));
        }
        BigDecimal methodsConfirmed = BigDecimal.ZERO;
        for (JsonNode m : summary.path("paymentMethods")) {
            methodsConfirmed = methodsConfirmed.add(new BigDecimal(m.path("confirmedGross").asText()));
        }
        check(wrong, day, "the payment methods' confirmed gross vs the lines", sum(ofTheDay, "confirmedGross"),
                RunningSandbox.JSON.getNodeFactory().numberNode(methodsConfirmed));
        Map<String, Integer> byReason = new HashMap<>();
        ofTheDay.forEach(l -> byReason.merge(l.path("reason").asText(), 1, Integer::sum));
        for (JsonNode r : summary.path("reasons")) {
            int lines = byReason.getOrDefault(r.path("reason").asText(), 0);
            if (r.path("orders").asInt() != lines) {
                wrong.add(day + " " + r.path("reason").asText() + ": summary counts " + r.path("orders").asInt() + ", lines " + lines);
            }
        }
        return wrong;
    }

    private static void check(List<String> wrong, LocalDate day, String what, BigDecimal expected, JsonNode actual) {
        if (!actual.isValueNode() || new BigDecimal(actual.asText()).compareTo(expected) != 0) {
            wrong.add(day + " " + what + ": expected " + expected.toPlainString() + ", summary " + actual);
        }
    }

    private static String rate(JsonNode taxOrRate) {
        return new BigDecimal(taxOrRate.path("rate").asText()).stripTrailingZeros().toPlainString();
    }

    private static BigDecimal[] zeros() {
        return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    }

    private static BigDecimal sum(List<JsonNode> lines, String field) {
        return lines.stream().map(l -> new BigDecimal(l.path(field).asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static List<JsonNode> allLines(RunningSandbox sandbox, LocalDate day) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode answer = opsJson(sandbox, "/ops/api/reconciliation/" + day + "?size=500&page=" + page);
            answer.path("lines").forEach(lines::add);
            if (answer.path("lines").size() < 500) {
                return lines;
            }
        }
    }

    private static JsonNode opsJson(RunningSandbox sandbox, String path) throws Exception {
        HttpResponse<String> answer = sandbox.send("GET", path, null, "Authorization", "Bearer " + SandboxSettings.DEFAULT_OPS_API_KEY);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return RunningSandbox.JSON.readTree(answer.body());
    }
}
