package com.shopkhaos.simulators.ksd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.simulators.sim.SimHttpServer;
import com.shopkhaos.simulators.sim.SimJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The simulated Khaos Control on premises over real HTTP, as a SOAP client calls it: orders imported once and their
 * stock allocated, skips with their reasons, each setting for what the clients leave open, invoices and boxes as the
 * status export shows them, and the faults.
 */
class KsdSimulatorTest {
    private static final String SOAP_PATH = "/KhaosIDS.exe/soap/IKosWeb";
    private final KsdSimulator simulator = new KsdSimulator(7L, Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
    private final SimHttpServer server = SimHttpServer.start("ksd-sim", simulator::handle);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    // ---- the client side, written out by hand as a SOAP client sends it --------------------------------------------

    record Answer(int status, String body) {
        Element result() {
            assertThat(status).as(body).isEqualTo(200);
            Element envelope = KsdXml.parse(body).getDocumentElement();
            Element response = KsdXml.children(KsdXml.child(envelope, "Body").orElseThrow()).get(0);
            return KsdXml.child(response, "return").orElseThrow();
        }

        /** The XML document an export returns as its string. */
        Element document() {
            return KsdXml.parse(result().getTextContent()).getDocumentElement();
        }

        String faultString() {
            assertThat(status).isEqualTo(500);
            Element envelope = KsdXml.parse(body).getDocumentElement();
            Element fault = KsdXml.child(KsdXml.child(envelope, "Body").orElseThrow(), "Fault").orElseThrow();
            return KsdXml.text(fault, "faultstring");
        }
    }

    private Answer soap(String operation, Map<String, String> params) {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope "
                + "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"urn:IKosWebIntf-IKosWeb\" "
                + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<SOAP-ENV:Body><ns1:" + operation + ">");
        params.forEach((name, value) -> body.append("<").append(name).append(" xsi:type=\"xsd:string\">")
                .append(KsdXml.escape(value)).append("</").append(name).append(">"));
        body.append("</ns1:").append(operation).append("></SOAP-ENV:Body></SOAP-ENV:Envelope>");
        return post(body.toString(), operation);
    }

    private Answer post(String body, String operation) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + SOAP_PATH))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "text/xml; charset=utf-8")
                    .header("SOAPAction", "\"urn:IKosWebIntf-IKosWeb#" + operation + "\"").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private JsonNode control(String method, String path, String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_control" + path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
            return SimJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** One SALES_ORDER as the sample lays it out: a customer, a header and the items (code, quantity, unit gross). */
    private static String salesOrder(String ref, String amount, String... codeQuantityGross) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < codeQuantityGross.length; i += 3) {
            items.append("<ORDER_ITEM><STOCK_CODE>").append(codeQuantityGross[i]).append("</STOCK_CODE><MAPPING_TYPE>1</MAPPING_TYPE>")
                    .append("<ORDER_QTY>").append(codeQuantityGross[i + 1]).append("</ORDER_QTY><PRICE_GRS>")
                    .append(codeQuantityGross[i + 2]).append("</PRICE_GRS></ORDER_ITEM>");
        }
        return "<SALES_ORDER><CUSTOMER_DETAIL><IS_NEW_CUSTOMER>0</IS_NEW_CUSTOMER><COMPANY_CLASS>Web</COMPANY_CLASS>"
                + "<ADDRESSES><INVADDR><IADDRESS1>1 High Street</IADDRESS1><ITOWN>York</ITOWN><IPOSTCODE>YO1 1AA</IPOSTCODE>"
                + "<ICOUNTRY_CODE>GB</ICOUNTRY_CODE><IFORENAME>Jo</IFORENAME><ISURNAME>Bloggs</ISURNAME></INVADDR></ADDRESSES>"
                + "</CUSTOMER_DETAIL><ORDER_HEADER><ORDER_DATE>2026-12-07 09:58:00</ORDER_DATE><ASSOCIATED_REF>" + ref
                + "</ASSOCIATED_REF>" + (amount.isEmpty() ? "" : "<ORDER_AMOUNT>" + amount + "</ORDER_AMOUNT>")
                + "<DELIVERY_GRS>3.60</DELIVERY_GRS><COURIER_CODE>RM48</COURIER_CODE></ORDER_HEADER><ORDER_ITEMS>" + items
                + "</ORDER_ITEMS></SALES_ORDER>";
    }

    private Answer importOrders(String... salesOrders) {
        return soap("ImportOrders", Map.of("Orders", "<SALES_ORDERS>" + String.join("", salesOrders) + "</SALES_ORDERS>"));
    }

    private static List<String> imported(Answer answer) {
        Element result = answer.result();
        List<String> codes = new ArrayList<>();
        KsdXml.children(KsdXml.child(result, "OrderImport").orElseThrow(), "item")
                .forEach(i -> codes.add(KsdXml.text(i, "AssociatedRef") + "=" + KsdXml.text(i, "SalesOrderCode")));
        assertThat(KsdXml.text(result, "ImportedCount")).isEqualTo(Integer.toString(codes.size()));
        return codes;
    }

    private static List<String> skipped(Answer answer) {
        List<String> reasons = new ArrayList<>();
        KsdXml.children(KsdXml.child(answer.result(), "OrderSkipped").orElseThrow(), "item")
                .forEach(i -> reasons.add(KsdXml.text(i, "OrderRef") + ": " + KsdXml.text(i, "SkipReason")));
        return reasons;
    }

    private int level(String code) {
        Element status = soap("ExportStockStatus", Map.of("StockCodes", code, "MappingType", "1", "SiteID", "1")).document();
        return Integer.parseInt(KsdXml.text(KsdXml.children(status, "STOCK_ITEM").get(0), "LEVEL"));
    }

    private List<Element> statuses(Map<String, String> params) {
        return KsdXml.children(soap("ExportOrderStatusEx", params).document(), "ORDER_STATUS");
    }

    private static Map<String, String> params(String... nameValue) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            out.put(nameValue[i], nameValue[i + 1]);
        }
        return out;
    }

    // ---- the guarantees ----------------------------------------------------------------------------------------------

    @Test
    void anOrder_isImported_allocatesItsStock_andIsReportedByItsAssociatedRef_withItsTotalsAndFirstInvoice() {
        control("PUT", "/stock/SCARF-MER-GRY", "{\"level\": 10}");

        assertThat(imported(importOrders(salesOrder("10001", "27.60", "SCARF-MER-GRY", "2", "12.00")))).containsExactly("10001=SO000001");

        assertThat(level("SCARF-MER-GRY")).as("the order's units are allocated").isEqualTo(8);
        List<Element> found = statuses(params("IDs", "10001", "MappingType", "4", "IncludeTracking", "-1"));
        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.getAttribute("SORDER_CODE")).isEqualTo("SO000001");
            assertThat(s.getAttribute("ASSOCIATED_REF")).isEqualTo("10001");
            assertThat(KsdXml.text(s, "ITEMS_TOTAL")).isEqualTo("24.00");
            assertThat(KsdXml.child(s, "ITEMS_TOTAL").orElseThrow().getAttribute("NET_VALUE")).isEqualTo("20.00");
            assertThat(KsdXml.text(s, "DELIVERY_TOTAL")).isEqualTo("3.60");
            assertThat(KsdXml.text(s, "DATE_CREATED")).as("DD/MM/YYYY, UK time").isEqualTo("07/12/2026");
            assertThat(KsdXml.text(s, "COMPLETE")).isEqualTo("0");
            Element invoice = KsdXml.children(KsdXml.child(s, "INVOICES").orElseThrow(), "INVOICE").get(0);
            assertThat(invoice.getAttribute("INVOICE_STAGE_ID")).isEqualTo("9");
            assertThat(invoice.getAttribute("QTY_SOLD")).isEqualTo("2");
        });
        assertThat(statuses(params("IDs", "SO000001", "MappingType", "3"))).as("by sales order code").hasSize(1);
    }

    @Test
    void aSecondImportOfOneAssociatedRef_isSkippedByDefault_isAFaultOrASecondOrderAsSet_andTheHostileProfileImportsIt() {
        control("PUT", "/stock/HAT", "{\"level\": 10}");
        String order = salesOrder("10002", "", "HAT", "1", "10.00");
        assertThat(imported(importOrders(order))).hasSize(1);

        Answer again = importOrders(order);
        assertThat(imported(again)).isEmpty();
        assertThat(skipped(again)).containsExactly("10002: An order with ASSOCIATED_REF 10002 has already been imported");

        control("PUT", "/settings", "{\"duplicateAssociatedRef\": \"fault\"}");
        assertThat(importOrders(order).faultString()).contains("Duplicate ASSOCIATED_REF 10002");
        assertThat(level("HAT")).as("nothing allocated twice").isEqualTo(9);

        control("PUT", "/settings", "{\"profile\": \"hostile\"}");
        assertThat(imported(importOrders(order))).containsExactly("10002=SO000002");
        assertThat(level("HAT")).isEqualTo(8);
        assertThat(control("GET", "/orders/10002", null).path("orders")).hasSize(2);
    }

    @Test
    void anOrderKhaosCannotTake_isSkippedWithItsReason_andAllocatesNothing() {
        control("PUT", "/stock/SCARF-MER-GRY", "{\"level\": 5}");

        Answer answer = importOrders(salesOrder("10003", "", "SCARF-MER-GRY", "1", "12.00", "NO-SUCH-CODE", "1", "5.00"),
                salesOrder("", "", "SCARF-MER-GRY", "1", "12.00"),
                salesOrder("10005", "99.99", "SCARF-MER-GRY", "1", "12.00"),
                salesOrder("10006", "", "SCARF-MER-GRY", "1", "12.001"));

        assertThat(imported(answer)).as("an ORDER_AMOUNT unlike the total is imported by default").containsExactly("10005=SO000001");
        assertThat(skipped(answer)).containsExactly("10003: Stock item NO-SUCH-CODE not found", ": ASSOCIATED_REF is mandatory",
                "10006: PRICE_GRS \"12.001\" is not an amount with at most 2 decimals");
        assertThat(level("SCARF-MER-GRY")).isEqualTo(4);

        control("PUT", "/settings", "{\"orderAmountMismatch\": \"skip\"}");
        assertThat(skipped(importOrders(salesOrder("10007", "99.99", "SCARF-MER-GRY", "1", "12.00"))))
                .containsExactly("10007: ORDER_AMOUNT 99.99 does not match the order's total 15.60");
    }

    @Test
    void severalOrdersInOneCall_areEachImported_butUnderBatchFirstOnlyTheFirstIs_andNothingIsSaidOfTheRest() {
        control("PUT", "/stock/HAT", "{\"level\": 10}");
        assertThat(imported(importOrders(salesOrder("20001", "", "HAT", "1", "10.00"), salesOrder("20002", "", "HAT", "1", "10.00"),
                "<SALES_ORDER/>"))).as("an empty SALES_ORDER, as the sample ends, is no order").hasSize(2);

        control("PUT", "/settings", "{\"batch\": \"first\"}");
        Answer answer = importOrders(salesOrder("20003", "", "HAT", "1", "10.00"), salesOrder("20004", "", "HAT", "1", "10.00"));
        assertThat(imported(answer)).containsExactly("20003=SO000003");
        assertThat(skipped(answer)).isEmpty();
        assertThat(statuses(params("IDs", "20004", "MappingType", "4"))).isEmpty();
    }

    @Test
    void aDespatchInTwoParts_givesEachPartAnIssuedInvoiceWithItsBoxes_shownOnlyWhenTrackingIsAsked() {
        control("PUT", "/stock/HAT", "{\"level\": 10}");
        imported(importOrders(salesOrder("30001", "", "HAT", "3", "10.00")));
        control("POST", "/orders/30001/stage", "{\"stage\": 12}");
        control("POST", "/orders/30001/despatch", "{\"quantity\": 1, \"boxes\": [\"TRK1\"]}");

        Element part = statuses(params("IDs", "30001", "MappingType", "4", "IncludeTracking", "true")).get(0);
        List<Element> invoices = KsdXml.children(KsdXml.child(part, "INVOICES").orElseThrow(), "INVOICE");
        assertThat(invoices).extracting(i -> i.getAttribute("INVOICE_STAGE_ID") + "/" + i.getAttribute("QTY_SOLD") + "/"
                + i.getAttribute("QTY_SENT")).containsExactly("12/2/0", "70/1/1");
        assertThat(KsdXml.children(invoices.get(1), "BOX")).extracting(b -> b.getAttribute("CONSIGNMENT_REF")).containsExactly("TRK1");
        assertThat(KsdXml.text(part, "COMPLETE")).isEqualTo("0");

        control("POST", "/orders/30001/despatch", "{\"boxes\": [\"TRK2\", \"TRK3\"]}");
        Element done = statuses(params("IDs", "30001", "MappingType", "4", "IncludeTracking", "-1")).get(0);
        assertThat(KsdXml.text(done, "COMPLETE")).isEqualTo("-1");
        assertThat(KsdXml.children(KsdXml.child(done, "INVOICES").orElseThrow(), "INVOICE").get(0).getAttribute("CONSIGNMENT_REF"))
                .isEqualTo("TRK2");
        Element untracked = statuses(params("IDs", "30001", "MappingType", "4")).get(0);
        assertThat(KsdXml.children(KsdXml.child(untracked, "INVOICES").orElseThrow(), "INVOICE"))
                .allSatisfy(i -> {
                    assertThat(KsdXml.children(i, "BOX")).isEmpty();
                    assertThat(i.getAttribute("CONSIGNMENT_REF")).isEmpty();
                });
        assertThat(level("HAT")).as("a despatch moves no allocated unit back").isEqualTo(7);
    }

    @Test
    void statusesSinceAWatermark_findAnOldOrdersDespatchByItsChange_butUnderStatusDatesCreatedTheyMissIt() {
        control("PUT", "/stock/HAT", "{\"level\": 10}");
        imported(importOrders(salesOrder("40001", "", "HAT", "1", "10.00")));
        simulator.advance(Duration.ofDays(2));
        control("POST", "/orders/40001/despatch", "{\"boxes\": [\"TRK9\"]}");
        Map<String, String> since = params("IDs", "", "MappingType", "4", "WebOnly", "0", "ConfirmedOnly", "0",
                "IncludeTracking", "-1", "IncludeCancelled", "-1", "DateFrom", "2026-12-09T00:00:00", "DateTo", "2026-12-10T00:00:00");

        assertThat(statuses(since)).extracting(s -> s.getAttribute("ASSOCIATED_REF")).containsExactly("40001");
        control("PUT", "/settings", "{\"statusDates\": \"created\"}");
        assertThat(statuses(since)).isEmpty();
    }

    @Test
    void aCancelledOrder_givesItsUnitsBack_andIsExportedOnlyWhenCancelledOrdersAreAskedFor() {
        control("PUT", "/stock/HAT", "{\"level\": 10}");
        imported(importOrders(salesOrder("50001", "", "HAT", "4", "10.00")));
        control("POST", "/orders/50001/cancel", "{\"reason\": \"customer asked\"}");

        assertThat(level("HAT")).isEqualTo(10);
        assertThat(statuses(params("IDs", "50001", "MappingType", "4"))).isEmpty();
        Element cancelled = statuses(params("IDs", "50001", "MappingType", "4", "IncludeCancelled", "-1")).get(0);
        assertThat(KsdXml.text(KsdXml.child(cancelled, "CANCELLED").orElseThrow(), "REASON")).isEqualTo("customer asked");
        assertThat(KsdXml.children(KsdXml.child(cancelled, "INVOICES").orElseThrow(), "INVOICE").get(0).getAttribute("INVOICE_STAGE_ID"))
                .isEqualTo("1");
    }

    @Test
    void stockChangedSinceAWatermark_isExportedForTheSite_andPositionalParametersAreReadInTheirOrder() {
        control("PUT", "/sites/2", "{\"name\": \"Outlet\"}");
        control("PUT", "/stock/HAT", "{\"level\": 4, \"site\": 2}");
        simulator.advance(Duration.ofHours(1));
        control("PUT", "/stock/SCARF-MER-GRY", "{\"level\": 6, \"site\": 2}");

        Element changed = soap("ExportStockStatus", params("arg0", "", "arg1", "1", "arg2", "2026-12-07T10:30:00", "arg3", "2")).document();
        assertThat(changed.getAttribute("SITE")).isEqualTo("Outlet");
        assertThat(KsdXml.children(changed, "STOCK_ITEM")).extracting(i -> i.getAttribute("CODE") + "=" + KsdXml.text(i, "LEVEL"))
                .as("the watermark is UK local time: 10:30 in December is 10:30 UTC").containsExactly("SCARF-MER-GRY=6");
        Element lowerCase = soap("ExportStockStatus", params("StockCodes", "hat", "SiteID", "2")).document();
        assertThat(KsdXml.children(lowerCase, "STOCK_ITEM")).extracting(i -> i.getAttribute("CODE")).containsExactly("HAT");
        Element sites = soap("GetSiteList", Map.of()).result();
        assertThat(KsdXml.children(KsdXml.child(sites, "List").orElseThrow(), "item")).extracting(i -> KsdXml.text(i, "SiteName"))
                .containsExactly("Main Warehouse", "Outlet");
    }

    @Test
    void faults_anErrorDoesNothing_aLostAnswerHasImportedTheOrder_andAServerDownAnswers503UntilItIsBack() {
        control("PUT", "/stock/HAT", "{\"level\": 10}");
        control("PUT", "/faults", "{\"errorRate\": 1}");
        assertThat(importOrders(salesOrder("60001", "", "HAT", "1", "10.00")).faultString()).contains("nothing was done");
        control("PUT", "/faults", "{\"errorRate\": 0}");
        assertThat(level("HAT")).isEqualTo(10);

        control("PUT", "/faults", "{\"lostAnswerRate\": 1}");
        Answer lost = importOrders(salesOrder("60001", "", "HAT", "1", "10.00"));
        assertThat(lost.status()).isEqualTo(500);
        assertThat(lost.body()).isEmpty();
        control("PUT", "/faults", "{\"lostAnswerRate\": 0}");
        assertThat(statuses(params("IDs", "60001", "MappingType", "4"))).as("the order was imported all the same").hasSize(1);

        control("POST", "/down", "{\"seconds\": 600}");
        assertThat(importOrders(salesOrder("60002", "", "HAT", "1", "10.00")).status()).isEqualTo(503);
        simulator.advance(Duration.ofSeconds(601));
        assertThat(imported(importOrders(salesOrder("60002", "", "HAT", "1", "10.00")))).hasSize(1);
    }

    @Test
    void whatIsNotACallOfTheService_isAFaultNamingWhy() {
        assertThat(post("not xml", "ImportOrders").faultString()).contains("not well-formed XML");
        assertThat(soap("DropAllTables", Map.of()).faultString()).contains("No method named 'DropAllTables'");
        assertThat(soap("ImportOrders", Map.of("Orders", "<ORDERS/>")).faultString()).contains("not SALES_ORDERS");
        assertThat(soap("ExportStockStatus", params("StockCodes", "HAT", "SiteID", "9")).faultString()).contains("Site 9 not found");
        assertThat(post("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "ImportOrders").faultString())
                .as("no DTD, no external entity").contains("not well-formed XML");
    }
}
