package com.shopkhaos.infra.ksd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.order.KhaosSalesOrder;
import com.shopkhaos.simulators.ksd.KsdSimulator;
import com.shopkhaos.simulators.sim.SimHttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SOAP client against the simulated Khaos Control on premises, over HTTP: answers read, each failure told apart. */
class KsdSoapClientTest {
    private final KsdSimulator simulator = new KsdSimulator(3L, Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
    private final SimHttpServer server = SimHttpServer.start("ksd-sim", simulator::handle);
    private final KsdSoapClient client = client(server.baseUrl(), Duration.ofSeconds(10));
    private final KsdSalesOrderFormat format = new KsdSalesOrderFormat();

    @AfterEach
    void stop() {
        server.close();
    }

    private static KsdSoapClient client(String baseUrl, Duration callTimeout) {
        return new KsdSoapClient(new KsdSoapClient.Settings(URI.create(baseUrl + "/KhaosIDS.exe/soap/IKosWeb"), Duration.ofSeconds(2),
                callTimeout));
    }

    private void control(String method, String path, String json) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_control" + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String order(String ref, String stockCode, int quantity) {
        KhaosSalesOrder.Address address = new KhaosSalesOrder.Address("1 High Street", "", "", "York", "YO1 1AA", "GB", "", "");
        KhaosSalesOrder.Contact contact = new KhaosSalesOrder.Contact("Jo", "Bloggs", "jo@example.com", "");
        BigDecimal total = new BigDecimal("12.00").multiply(BigDecimal.valueOf(quantity)).add(new BigDecimal("3.60"));
        return format.write(new KhaosSalesOrder(ref, LocalDateTime.parse("2026-12-07T09:58:00"), "", "Web", "GBP", "", false, address,
                contact, address, contact, "1", "WEB", "RM48", new BigDecimal("3.60"), new BigDecimal("0.60"), total,
                List.of(new KhaosSalesOrder.Line(stockCode, stockCode, quantity, new BigDecimal("12.00"), BigDecimal.ZERO,
                        new BigDecimal("20"), "line-1", "")), List.of(), false));
    }

    @Test
    void anImport_isReadAsTheOrdersImportedWithTheirCodes_orSkippedWithTheirReasons() {
        control("PUT", "/stock/HAT", "{\"level\": 10}");

        KsdSoapClient.ImportAnswer imported = client.importOrders(order("10001", "HAT", 2));
        KsdSoapClient.ImportAnswer skipped = client.importOrders(order("10002", "NO-SUCH", 1));

        assertThat(imported.importedCount()).isEqualTo(1);
        assertThat(imported.imported()).containsExactly(new KsdSoapClient.ImportAnswer.Imported("10001", "SO000001"));
        assertThat(skipped.importedCount()).isZero();
        assertThat(skipped.skipped()).containsExactly(new KsdSoapClient.ImportAnswer.Skipped("10002", "Stock item NO-SUCH not found"));
    }

    @Test
    void statuses_readEachInvoicesStageUnitsAndConsignmentRefs_andTheOrdersTotals_byRefOrByPeriod() {
        control("PUT", "/stock/HAT", "{\"level\": 10}");
        client.importOrders(order("10001", "HAT", 3));
        client.importOrders(order("10002", "HAT", 1));
        control("POST", "/orders/10001/despatch", "{\"quantity\": 1, \"boxes\": [\"TRK1\", \"TRK2\"]}");
        control("POST", "/orders/10002/cancel", "{\"reason\": \"asked\"}");

        List<KsdSoapClient.OrderStatus> found = client.orderStatuses(List.of("10001", "10002"));

        assertThat(found).extracting(KsdSoapClient.OrderStatus::associatedRef).containsExactly("10001", "10002");
        KsdSoapClient.OrderStatus part = found.get(0);
        assertThat(part.itemsGross()).isEqualByComparingTo("36.00");
        assertThat(part.itemsNet()).isEqualByComparingTo("30.00");
        assertThat(part.deliveryGross()).isEqualByComparingTo("3.60");
        assertThat(part.deliveryNet()).isEqualByComparingTo("3.00");
        assertThat(part.complete()).isFalse();
        assertThat(part.invoices()).extracting(i -> i.stageId() + " " + i.unitsSold() + "/" + i.unitsSent() + " " + i.consignmentRefs())
                .containsExactly("9 2/0 []", "70 1/1 [TRK1, TRK2]");
        assertThat(part.invoices().get(1).shipped()).contains(java.time.LocalDate.parse("2026-12-07"));
        assertThat(found.get(1).cancelled()).isTrue();
        assertThat(client.orderStatusesBetween(Instant.parse("2026-12-07T09:00:00Z"), Instant.parse("2026-12-07T11:00:00Z")))
                .hasSize(2);
        assertThat(client.orderStatusesBetween(Instant.parse("2026-12-08T09:00:00Z"), Instant.parse("2026-12-08T11:00:00Z"))).isEmpty();
    }

    @Test
    void stockLevels_changedSinceAWatermark_areReadForTheSite() {
        control("PUT", "/stock/HAT", "{\"level\": 10}");
        simulator.advance(Duration.ofMinutes(10));
        control("PUT", "/stock/SCARF", "{\"level\": 4}");

        assertThat(client.stockChangedSince(Optional.empty(), 1)).extracting(l -> l.stockCode() + "=" + l.level())
                .containsExactly("HAT=10", "SCARF=4");
        assertThat(client.stockChangedSince(Optional.of(Instant.parse("2026-12-07T10:05:00Z")), 1))
                .extracting(KsdSoapClient.StockLevel::stockCode).containsExactly("SCARF");
    }

    @Test
    void throughThePort_theOrdersOfOneCallGoAsOneDocument_andALookupFindsThemCancelledOrNot() {
        control("PUT", "/stock/HAT", "{\"level\": 10}");
        KsdOnPremisesKhaos khaos = new KsdOnPremisesKhaos(client);

        var answer = khaos.importOrders(List.of(order("10001", "HAT", 1), order("10002", "NO-SUCH", 1), order("10003", "HAT", 1)));
        control("POST", "/orders/10003/cancel", "{}");

        assertThat(answer.imported()).containsOnlyKeys("10001", "10003");
        assertThat(answer.skipped()).containsEntry("10002", "Stock item NO-SUCH not found");
        assertThat(khaos.imported(List.of("10001", "10002", "10003"))).containsOnlyKeys("10001", "10003");
        assertThat(khaos.stockChangedSince(Optional.empty(), 1, Instant.parse("2026-12-07T10:00:05Z")))
                .extracting(l -> l.stockCode() + "=" + l.available() + "@" + l.site() + " " + l.receivedAt())
                .as("the cancelled order's unit given back").containsExactly("HAT=9@1 2026-12-07T10:00:05Z");
        control("PUT", "/faults", "{\"lostAnswerRate\": 1}");
        assertThatThrownBy(() -> khaos.importOrders(List.of(order("10004", "HAT", 1))))
                .isInstanceOf(com.shopkhaos.model.onpremises.OnPremisesKhaos.NoAnswerException.class);
    }

    @Test
    void eachFailure_isItsOwnException_andALostAnswerIsOneWhoseImportHappened() throws IOException {
        control("PUT", "/stock/HAT", "{\"level\": 10}");
        control("PUT", "/faults", "{\"errorRate\": 1}");
        assertThatThrownBy(() -> client.importOrders(order("10001", "HAT", 1))).isInstanceOf(KsdSoapClient.RefusedException.class)
                .hasMessageContaining("nothing was done");

        control("PUT", "/faults", "{\"errorRate\": 0, \"lostAnswerRate\": 1}");
        assertThatThrownBy(() -> client.importOrders(order("10001", "HAT", 1))).isInstanceOf(KsdSoapClient.NoAnswerException.class);
        control("PUT", "/faults", "{\"lostAnswerRate\": 0}");
        assertThat(client.orderStatuses(List.of("10001"))).as("imported all the same").hasSize(1);

        control("PUT", "/faults", "{\"timeoutRate\": 1, \"timeoutMs\": 3000}");
        assertThatThrownBy(() -> client(server.baseUrl(), Duration.ofMillis(300)).importOrders(order("10002", "HAT", 1)))
                .isInstanceOf(KsdSoapClient.NoAnswerException.class).hasMessageContaining("no answer within");
        control("PUT", "/faults", "{\"timeoutRate\": 0}");

        control("POST", "/down", "{\"seconds\": 60}");
        assertThatThrownBy(() -> client.stockChangedSince(Optional.empty(), 1)).isInstanceOf(KsdSoapClient.UnavailableException.class);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> client("http://127.0.0.1:" + closed, Duration.ofSeconds(2)).stockChangedSince(Optional.empty(), 1))
                .isInstanceOf(KsdSoapClient.UnavailableException.class);
    }
}
