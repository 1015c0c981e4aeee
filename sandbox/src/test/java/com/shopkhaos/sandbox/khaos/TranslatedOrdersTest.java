package com.shopkhaos.sandbox.khaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.khaos.JacksonKhaosMessageCodec;
import com.shopkhaos.infra.khaos.KccSalesOrderWriter;
import com.shopkhaos.infra.ksd.KsdSalesOrderFormat;
import com.shopkhaos.infra.shopware.ShopwareOrderMapper;
import com.shopkhaos.model.intake.UnreadableMessageException;
import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.TaxRateTable;
import com.shopkhaos.model.order.OrderTranslationPolicy;
import com.shopkhaos.model.order.OrderTranslator;
import com.shopkhaos.simulators.khaos.SimulatedKhaos;
import com.shopkhaos.simulators.khaos.TestChannel;
import com.shopkhaos.simulators.ksd.KsdSimulator;
import com.shopkhaos.simulators.sim.SimHttpServer;
import com.shopkhaos.simulators.shopware.OrderRequest;
import com.shopkhaos.simulators.shopware.ShopwareSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both simulators around the translation: an order placed in the Shopware simulator, translated against the
 * catalogue the Khaos simulator pushed (as our channel reads it) and written as KCC JSON, is downloaded and imported
 * by the Khaos simulator, and its totals match to the penny.
 */
class TranslatedOrdersTest {
    private static final OrderTranslationPolicy POLICY = new OrderTranslationPolicy("1", "WEB", "Web Customer", "GBP",
            OrderTranslationPolicy.parsePairs("royal_mail_tracked_48=RM48,royal_mail_tracked_24=RM24,dpd_next_day=DPDND,"
                    + "click_and_collect=COLLECT", "KHAOS_COURIERS"),
            Map.of("payment_card", "Card", "payment_paypal", "PayPal"), Set.of("payment_invoice"), Set.of("cart", "setgroup"),
            Map.of("BOOK-KNIT-GUIDE", "BK-KNIT-01"));
    private static final TaxRateTable TAX_RATES = TaxRateTable.parse("1=20,2=5,3=0");

    private static ShopwareSimulator shop;
    private static SimulatedKhaos khaos;
    /** Khaos Control on premises, under the settings that hurt most (an ORDER_AMOUNT off by a penny is skipped). */
    private static KsdSimulator onPremises;
    private static SimHttpServer onPremisesServer;
    /** The Khaos catalogue by stock code, as our channel read the simulator's StockUpload pushes. */
    private static final Map<String, CatalogueItem> CATALOGUE = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws UnreadableMessageException {
        shop = new ShopwareSimulator(ShopwareSimulator.Settings.defaults());
        khaos = new SimulatedKhaos().connected();
        JacksonKhaosMessageCodec codec = new JacksonKhaosMessageCodec();
        for (TestChannel.Call push : khaos.channel.calls("/stock")) {
            codec.readStockUpload(push.body().getBytes(StandardCharsets.UTF_8), TAX_RATES, Instant.now()).items()
                    .forEach(item -> CATALOGUE.put(item.stockCode(), item));
        }
        assertThat(CATALOGUE).as("the catalogue KCC pushed").containsKeys("SCARF-MER-GRY", "BK-KNIT-01");
        onPremises = new KsdSimulator(5L);
        onPremisesServer = SimHttpServer.start("ksd-sim", onPremises::handle);
        onPremisesControl("PUT", "/settings", "{\"profile\": \"hostile\", \"batch\": \"all\"}");
        CATALOGUE.values().forEach(item -> onPremisesControl("PUT", "/stock/" + item.stockCode(), "{\"level\": 1000, \"vatRate\": "
                + item.taxRatePercent().map(BigDecimal::toPlainString).orElse("20") + "}"));
    }

    private static String onPremisesCall(String method, String path, String body) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(onPremisesServer.baseUrl() + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "text/xml; charset=utf-8").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void onPremisesControl(String method, String path, String json) {
        onPremisesCall(method, "/_control" + path, json);
    }

    @AfterAll
    static void stop() {
        if (onPremisesServer != null) {
            onPremisesServer.close();
        }
        if (khaos != null) {
            khaos.close();
        }
        if (shop != null) {
            shop.close();
        }
    }

    private static final String[] ORDERS = {"jane|SCARF-MER-GRY:1,KIDS-COAT-5Y:1,CAR-SEAT-INF:1|standard|SAVE10",
            "gareth|SOCKS-WOOL-3PK:2,SOCKS-BAMBOO-2PK:2|express|SOCKS3FOR2",
            "trade|CAR-SEAT-INF:1,SCARF-MER-GRY:2|nextday|FIVEOFF",
            "lars|SCARF-MER-GRY:2,BOOK-KNIT-GUIDE:1|express|",
            "siobhan|TSHIRT-ORG-BLK-M:3,CANDLE-SOY-LRG:1|collect|FIVEOFF",
            "omar|BLANKET-WOOL-KING:1,KIDS-WELLIES-9:2,HAT-BEANIE-NVY:1|standard|SAVE10"};

    static List<String> orders() {
        return List.of(ORDERS);
    }

    /** The order placed in the shop and translated against Khaos's catalogue. */
    private record Placed(ObjectNode order, OrderTranslator.Result translated) {
    }

    private static Placed place(String description) {
        String[] parts = description.split("\\|", -1);
        List<OrderRequest.Line> lines = Arrays.stream(parts[1].split(","))
                .map(l -> new OrderRequest.Line(l.split(":")[0], Integer.parseInt(l.split(":")[1]))).toList();
        ObjectNode placed = shop.placeOrder(new OrderRequest(parts[0], lines, parts[2], parts[3].isEmpty() ? null : parts[3],
                null, true));
        OrderTranslator.Result result = OrderTranslator.translate(ShopwareOrderMapper.read(placed), POLICY,
                code -> Optional.ofNullable(CATALOGUE.get(code)));
        assertThat(result.problems()).isEmpty();
        return new Placed(placed, result);
    }

    @ParameterizedTest
    @MethodSource("orders")
    void aShopOrder_translatedAndWrittenAsOnPremisesXml_isImportedByKhaosOnPremises_atTheShopsTotalToThePenny(String description) throws Exception {
        Placed placed = place(description);
        KsdSalesOrderFormat format = new KsdSalesOrderFormat();
        String document = format.write(placed.translated().salesOrder().orElseThrow());
        String ref = placed.order().path("orderNumber").asText();

        String answer = onPremisesCall("POST", "/KhaosIDS.exe/soap/IKosWeb", "<SOAP-ENV:Envelope "
                + "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body><ns1:ImportOrders "
                + "xmlns:ns1=\"urn:IKosWebIntf-IKosWeb\"><Orders>" + document.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                + "</Orders></ns1:ImportOrders></SOAP-ENV:Body></SOAP-ENV:Envelope>");
        assertThat(answer).as("imported, not skipped").contains("<ImportedCount>1</ImportedCount>").doesNotContain("<SkipReason>");
        JsonNode imported = com.shopkhaos.simulators.sim.SimJson.MAPPER.readTree(onPremisesCall("GET", "/_control/orders/" + ref, "")).path("orders").get(0);
        BigDecimal khaosTotal = new BigDecimal(imported.path("itemsGross").asText()).add(new BigDecimal(imported.path("deliveryGross").asText()));
        assertThat(khaosTotal).as("ITEMS_TOTAL + DELIVERY_TOTAL in Khaos").isEqualByComparingTo(placed.order().path("amountTotal").decimalValue());
        assertThat(format.values(document).orElseThrow().grossTotal()).isEqualByComparingTo(placed.order().path("amountTotal").decimalValue());
    }

    @ParameterizedTest
    @MethodSource("orders")
    void aShopOrder_translated_isImportedByKhaos_withTheSameTotal(String description) {
        Placed placed = place(description);
        ObjectNode placedOrder = placed.order();
        OrderTranslator.Result result = placed.translated();
        JsonNode salesOrder = KccSalesOrderWriter.write(result.salesOrder().orElseThrow());
        String ref = salesOrder.path("Header").path("AssociatedRef").asText();

        khaos.channel.nextOrders.add(salesOrder);
        JsonNode poll = khaos.poll();
        assertThat(poll.path("rejected")).as("what KCC refused").isEmpty();
        assertThat(poll.path("imported")).extracting(i -> i.path("associatedRef").asText()).containsExactly(ref);
        JsonNode totals = khaos.control("GET", "/orders/" + ref, null).path("totals");
        assertThat(totals.path("total").decimalValue()).as("what Khaos totals before its rounding correction")
                .isEqualByComparingTo(placedOrder.path("amountTotal").decimalValue());
        assertThat(totals.path("roundingCorrection").decimalValue()).isEqualByComparingTo("0");
    }
}
