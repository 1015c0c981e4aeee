package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ops API over the sandbox's real flows: held orders appear in the exception list (filtered, searched, paged,
 * newest first), one opens with its order's timeline, a mapping and a retry cure it, a note resolves another, a whole
 * type is retried at once, and every action says who and when. Without the key nothing but health answers.
 */
class OpsApiIT {
    private static final String KEY = "Bearer " + SandboxSettings.DEFAULT_OPS_API_KEY;
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        // cart-wide promotions have no rule here, so a PROMOTION mapping to a Khaos discount item is what sends them
        sandbox = RunningSandbox.start(Map.of("KHAOS_SIM_POLL_SECONDS", "1", "SANDBOX_SWEEP_SECONDS", "0",
                "SHOPWARE_SHOP_ID", "opsApiShop000001", "SANDBOX_STOCK_RECONCILE_SECONDS", "0", "KHAOS_PROMOTION_SCOPES", "setgroup"));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static HttpResponse<String> ops(String method, String path, String body) throws Exception {
        return sandbox.send(method, "/ops/api" + path, body, "Authorization", KEY, "X-Ops-User", "Priya (ops)");
    }

    private static JsonNode opsJson(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> answer = ops(method, path, body);
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(status);
        return RunningSandbox.JSON.readTree(answer.body());
    }

    /** An exception id as one URL path segment (ids hold '#', ':' and spaces). */
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String place(String sku, String shipping) throws Exception {
        return sandbox.json("POST", "/shopware-sim/_control/orders", "{\"customer\":\"jane\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":1}],\"shippingMethod\":\"" + shipping + "\",\"paid\":true}").path("orderNumber").asText();
    }

    private static JsonNode awaitException(String query, Predicate<JsonNode> found) throws Exception {
        JsonNode page = Await.until("an exception for " + query, Duration.ofSeconds(30),
                () -> opsJson("GET", "/exceptions?" + query, null, 200), p -> first(p, found) != null);
        return first(page, found);
    }

    private static JsonNode first(JsonNode page, Predicate<JsonNode> found) {
        for (JsonNode item : page.path("items")) {
            if (found.test(item)) {
                return item;
            }
        }
        return null;
    }

    @Test
    void withoutTheKey_onlyHealthAnswers() throws Exception {
        assertThat(sandbox.send("GET", "/ops/api/exceptions", null).statusCode()).isEqualTo(401);
        assertThat(sandbox.send("GET", "/ops/api/exceptions", null, "Authorization", "Bearer wrong-key-wrong-key-wrong").statusCode())
                .isEqualTo(401);
        assertThat(sandbox.send("POST", "/ops/api/exceptions/x/resolve", "{}").statusCode()).isEqualTo(401);
        assertThat(sandbox.send("GET", "/ops/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aHeldOrder_isListedFilteredAndSearched_opensWithItsTimeline_andAMappingAndARetryCureIt() throws Exception {
        String number = place("UMBRELLA-GOLF", "standard");
        JsonNode listed = awaitException("type=UNKNOWN_SKU&q=" + number, e -> e.path("orderNumber").asText().equals(number));
        assertThat(listed.path("title").asText()).isEqualTo("An order has a product Khaos does not know");
        assertThat(listed.path("handbook").asText()).isEqualTo("unknown-sku");
        assertThat(listed.path("retryable").asBoolean()).isTrue();
        assertThat(opsJson("GET", "/exceptions?type=VAT_MISMATCH&q=" + number, null, 200).path("total").asInt()).isZero();
        assertThat(opsJson("GET", "/exceptions?q=umbrella-golf", null, 200).path("items").toString()).contains(number);

        String id = listed.path("id").asText();
        JsonNode detail = opsJson("GET", "/exceptions/" + segment(id), null, 200);
        assertThat(detail.path("order").path("state").asText()).isEqualTo("QUARANTINED");
        assertThat(detail.path("order").path("timeline")).extracting(t -> t.path("state").asText()).contains("RECEIVED", "QUARANTINED");
        assertThat(opsJson("GET", "/orders/" + number, null, 200).path("openExceptions")).extracting(e -> e.path("id").asText())
                .contains(id);

        Await.orderEventsHandled(sandbox); // the order's own messages handled: only the retry below can cure it
        sandbox.json("PUT", "/sandbox/mappings/SKU/UMBRELLA-GOLF", "{\"value\":\"HAT-BEANIE-NVY\"}");
        JsonNode retried = opsJson("POST", "/exceptions/" + segment(id) + "/retry", "", 202);
        assertThat(retried.path("outcome").asText()).isEqualTo("queued");

        JsonNode order = Await.until("order " + number + " cured by the retry", Duration.ofSeconds(90),
                () -> opsJson("GET", "/orders/" + number, null, 200),
                o -> o.path("openExceptions").isEmpty() && !o.path("state").asText().equals("QUARANTINED"));
        assertThat(order.path("state").asText()).as("retried after the mapping: " + order).isIn("READY", "DOWNLOADED", "IMPORTED");
        JsonNode after = opsJson("GET", "/exceptions/" + segment(id), null, 200);
        assertThat(after.path("exception").path("status").asText()).isEqualTo("RESOLVED");
        assertThat(after.path("actions")).extracting(a -> a.path("action").asText() + " by " + a.path("by").asText())
                .contains("retry: queued by Priya (ops)");
    }

    @Test
    void resolvingWithANote_recordsWhoAndWhen_andTheListPagesNewestFirst() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            numbers.add(place("SCARF-MER-GRY", "legacy"));
        }
        for (String number : numbers) {
            awaitException("type=UNMAPPED_DELIVERY_METHOD&q=" + number, e -> e.path("orderNumber").asText().equals(number));
        }
        JsonNode summary = opsJson("GET", "/summary", null, 200);
        assertThat(summary.path("openByKind").path("UNMAPPED_DELIVERY_METHOD").path("open").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(summary.path("newPerDay").path(LocalDate.now(ZoneOffset.UTC).toString()).asInt())
                .isGreaterThanOrEqualTo(3);
        JsonNode first = opsJson("GET", "/exceptions?type=UNMAPPED_DELIVERY_METHOD&size=2&page=1", null, 200);
        JsonNode second = opsJson("GET", "/exceptions?type=UNMAPPED_DELIVERY_METHOD&size=2&page=2", null, 200);
        assertThat(first.path("total").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(first.path("items")).hasSize(2);
        assertThat(Instant.parse(first.path("items").path(0).path("lastSeenAt").asText()))
                .isAfterOrEqualTo(Instant.parse(first.path("items").path(1).path("lastSeenAt").asText()));
        assertThat(second.path("items").path(0).path("id").asText()).isNotIn(first.path("items").findValuesAsText("id"));

        String id = first.path("items").path(0).path("id").asText();
        JsonNode resolved = opsJson("POST", "/exceptions/" + segment(id) + "/resolve",
                "{\"note\":\"customer collected it in store\"}", 200);
        assertThat(resolved.path("outcome").asText()).isEqualTo("done");
        JsonNode detail = opsJson("GET", "/exceptions/" + segment(id), null, 200);
        assertThat(detail.path("exception").path("status").asText()).isEqualTo("RESOLVED");
        assertThat(detail.path("exception").path("resolvedBy").asText()).isEqualTo("Priya (ops)");
        assertThat(opsJson("POST", "/exceptions/" + segment(id) + "/retry", "", 409).path("message").asText())
                .contains("resolved already");
        detail = opsJson("GET", "/exceptions/" + segment(id), null, 200);
        assertThat(detail.path("actions")).first().satisfies(a -> {
            assertThat(a.path("action").asText()).isEqualTo("resolved");
            assertThat(a.path("note").asText()).isEqualTo("customer collected it in store");
            assertThat(Duration.between(Instant.parse(a.path("at").asText()), Instant.now())).isLessThan(Duration.ofMinutes(1));
        });
        assertThat(opsJson("GET", "/exceptions?status=RESOLVED&q=" + segment(detail.path("exception").path("subject").asText()), null, 200)
                .path("items")).extracting(e -> e.path("id").asText()).contains(id);

        Await.orderEventsHandled(sandbox); // the orders' own messages handled: only the bulk retry below can cure them
        sandbox.json("PUT", "/sandbox/mappings/COURIER/" + URLEncoder.encode("Courier (legacy setup)", StandardCharsets.UTF_8)
                .replace("+", "%20"), "{\"value\":\"DPDND\"}");
        JsonNode bulk = opsJson("POST", "/exception-types/UNMAPPED_DELIVERY_METHOD/retry", "", 202);
        assertThat(bulk.path("queued").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void badQueriesAndUnknownThings_getClearErrors() throws Exception {
        assertThat(opsJson("GET", "/exceptions?status=SOMETIMES", null, 400).path("error").asText()).contains("OPEN, RESOLVED or ALL");
        assertThat(opsJson("GET", "/exceptions?type=NOPE", null, 400).path("error").asText()).contains("NOPE");
        assertThat(opsJson("GET", "/exceptions?size=100000", null, 400).path("error").asText()).contains("size");
        assertThat(opsJson("GET", "/exceptions?olderThanHours=soon", null, 400).path("error").asText()).contains("olderThanHours");
        assertThat(opsJson("GET", "/exceptions?status=RESOLVED&cursor=bm9wZQ", null, 400).path("error").asText())
                .as("a cursor that is no next at all").contains("cursor must be a next from an earlier answer");
        assertThat(opsJson("GET", "/exceptions?status=RESOLVED&cursor=rbm9wZQ", null, 400).path("error").asText())
                .as("a resolved-list cursor the ledger never handed out").contains("not a place in the resolved problems");
        assertThat(opsJson("GET", "/exceptions/NOPE%23x", null, 404).path("error").asText()).contains("NOPE#x");
        assertThat(opsJson("POST", "/exceptions/NOPE%23x/retry", "", 404).path("outcome").asText()).isEqualTo("not-found");
        assertThat(opsJson("POST", "/exceptions/NOPE%23x/resolve", "not json", 400).path("error").asText()).contains("note");
        assertThat(opsJson("POST", "/exception-types/NOPE/retry", "", 404).path("error").asText()).contains("NOPE");
        assertThat(opsJson("GET", "/orders/NO-SUCH-ORDER", null, 404).path("error").asText()).contains("NO-SUCH-ORDER");
        assertThat(opsJson("POST", "/mappings", "{\"kind\":\"NOPE\",\"key\":\"a\",\"value\":\"b\"}", 400).path("error").asText())
                .contains("SKU, COURIER, BUFFER, SHIPPING_METHOD, PROMOTION or RETURN_REASON");
        assertThat(opsJson("POST", "/mappings", "{\"kind\":\"BUFFER\",\"key\":\"SCARF-MER-GRY\",\"value\":\"ten\"}", 400)
                .path("error").asText()).contains("10%,min2");
        assertThat(opsJson("POST", "/mappings", "{\"kind\":\"SKU\",\"key\":\"\",\"value\":\"b\"}", 400).path("error").asText())
                .contains("key");
        assertThat(opsJson("GET", "/mappings", null, 200).path("skuToStockCode").path("BOOK-KNIT-GUIDE").asText()).isEqualTo("BK-KNIT-01");
        assertThat(opsJson("GET", "/health", null, 200).toString()).contains("Queue sandbox-despatches").contains("Last webhook");
    }

    @Test
    void resolvedProblems_pageByCursor_mostRecentlyResolvedFirst_eachOnce_untilNextIsNull() throws Exception {
        sandbox.json("POST", "/sandbox/exceptions/generate", "{\"count\":20}");
        JsonNode open = opsJson("GET", "/exceptions?type=STOCK_PUSH_REFUSED&q=gen-&size=7", null, 200);
        List<String> resolvedNow = open.path("items").findValuesAsText("id");
        assertThat(resolvedNow).hasSize(7);
        for (String id : resolvedNow) {
            opsJson("POST", "/exceptions/" + segment(id) + "/resolve", "{\"note\":\"paging check\"}", 200);
        }

        List<String> seen = new ArrayList<>();
        List<Instant> resolvedAt = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
            JsonNode page = opsJson("GET", "/exceptions?status=RESOLVED&size=3"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), null, 200);
            pages++;
            assertThat(page.path("items").size()).isLessThanOrEqualTo(3);
            for (JsonNode item : page.path("items")) {
                assertThat(item.path("status").asText()).isEqualTo("RESOLVED");
                seen.add(item.path("id").asText());
                resolvedAt.add(Instant.parse(item.path("resolvedAt").asText()));
            }
            cursor = page.path("next").isNull() || page.path("next").isMissingNode() ? null : page.path("next").asText();
        } while (cursor != null && pages < 100);

        assertThat(cursor).as("the last page says there is no more").isNull();
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(seen).as("every resolved problem once, across pages").doesNotHaveDuplicates().containsAll(resolvedNow);
        for (int i = 1; i < resolvedAt.size(); i++) {
            assertThat(resolvedAt.get(i)).as("most recently resolved first").isBeforeOrEqualTo(resolvedAt.get(i - 1));
        }
    }

    @Test
    void theListWithTenThousandExceptions_isMeasured() throws Exception {
        int count = Integer.getInteger("shopkhaos.ops.exceptions", "full".equals(System.getProperty("shopkhaos.scale")) ? 10_000 : 2_000);
        sandbox.json(Duration.ofMinutes(5), "POST", "/sandbox/exceptions/generate", "{\"count\":" + count + "}");
        List<Long> millis = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < 30; i++) {
            String query = switch (i % 3) {
                case 0 -> "";
                case 1 -> "?type=STOCK_PUSH_REFUSED&page=3&size=50";
                default -> "?q=gen-00001";
            };
            long start = System.nanoTime();
            JsonNode page = opsJson("GET", "/exceptions" + query, null, 200);
            millis.add((System.nanoTime() - start) / 1_000_000);
            if (i % 3 == 0) {
                total = page.path("total").asInt();
            }
        }
        assertThat(total).isGreaterThanOrEqualTo(count);
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("ops list API with %d open exceptions: p50 %d ms, p95 %d ms, max %d ms (30 calls: all, a type's page 3, a search)%n",
                total, sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), sorted.get(sorted.size() - 1));
    }

    @Test
    void aPromotionWithoutARule_isMappedToAKhaosDiscountItem_thenImportedWithIt_andShipsWhole() throws Exception {
        String number = sandbox.json("POST", "/shopware-sim/_control/orders", "{\"customer\":\"jane\",\"lines\":[{\"sku\":"
                + "\"SCARF-MER-GRY\",\"quantity\":1}],\"shippingMethod\":\"standard\",\"promotionCode\":\"SAVE10\",\"paid\":true}")
                .path("orderNumber").asText();
        awaitException("type=UNMAPPED_PROMOTION&q=" + number, e -> e.path("orderNumber").asText().equals(number));

        JsonNode saved = opsJson("POST", "/mappings", "{\"kind\":\"PROMOTION\",\"key\":\"SAVE10\",\"value\":\"WEB-DISCOUNT\"}", 200);
        assertThat(saved.path("mayCure")).extracting(e -> e.path("orderNumber").asText()).contains(number);
        for (JsonNode e : saved.path("mayCure")) {
            opsJson("POST", "/exceptions/" + segment(e.path("id").asText()) + "/retry", "", 202);
        }
        JsonNode order = Await.until("order " + number + " imported", Duration.ofSeconds(60),
                () -> opsJson("GET", "/orders/" + number, null, 200), o -> o.path("state").asText().equals("IMPORTED"));
        assertThat(order.path("state").asText()).as(order.toString()).isEqualTo("IMPORTED");
        JsonNode khaos = sandbox.json("GET", "/khaos-sim/_control/orders/" + number, null);
        assertThat(khaos.path("lines")).extracting(l -> l.path("stockCode").asText()).containsExactly("SCARF-MER-GRY", "WEB-DISCOUNT");
        assertThat(khaos.path("lines").path(1).path("unitGross").decimalValue()).isNegative();

        sandbox.json("POST", "/khaos-sim/_control/orders/" + number + "/despatch", "{}");
        String state = Await.until("the shop's delivery of " + number + " shipped", Duration.ofSeconds(30),
                () -> sandbox.json("GET", "/shopware-sim/_control/orders/" + number, null).path("deliveries").path(0)
                        .path("stateMachineState").path("technicalName").asText(), "shipped"::equals);
        assertThat(state).as("the discount item in the shipment is not a unit the shop waits for").isEqualTo("shipped");
    }
}
