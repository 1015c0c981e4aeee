package com.shopkhaos.infra.http;

import com.shopkhaos.infra.io.Gzip;
import com.shopkhaos.model.order.MoneyText;
import com.shopkhaos.model.reconciliation.ReconciliationLine;
import com.shopkhaos.model.reconciliation.ReconciliationReason;
import com.shopkhaos.model.reconciliation.ReconciliationReport;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a night's report reaches people: each line as the console and the API show it (with its reason's title, who acts
 * and its handbook section), and every line as CSV for a spreadsheet. A CSV over {@value #PLAIN_CSV_LIMIT} bytes is
 * served gzipped ({@code .csv.gz}), so even a 20,000-order day stays within Lambda's 6 MB response (its body is
 * base64-encoded then, a third larger).
 */
public final class ReconciliationViews {
    /** Plain CSV up to this size; above it, gzipped. */
    public static final int PLAIN_CSV_LIMIT = 4 * 1024 * 1024;
    static final String CSV_HEADER = "day,order_number,reason,who_acts,currency,shop_gross,sent_gross,confirmed_gross,difference,"
            + "shop_gross_base,currency_factor,payment_method,sales_channel,khaos_order_code,ledger_state,placed_at,exceptions,"
            + "findings";

    private ReconciliationViews() {
    }

    /**
     * A CSV as it is downloaded: plain up to {@link #PLAIN_CSV_LIMIT}, gzipped above it, so a day of 20,000 orders (or a
     * large audit run) stays within Lambda's 6 MB response, in which API Gateway carries a binary body base64-encoded.
     */
    public record CsvBody(byte[] bytes, String contentType, String suffix) {
        public static CsvBody of(byte[] plain) {
            return plain.length > PLAIN_CSV_LIMIT ? new CsvBody(Gzip.zip(plain), "application/gzip", ".csv.gz")
                    : new CsvBody(plain, "text/csv; charset=utf-8", ".csv");
        }
    }

    /** One line for the API. */
    public static Map<String, Object> line(ReconciliationLine line) {
        Map<String, Object> json = new LinkedHashMap<>();
        ReconciliationReason reason = line.reason();
        json.put("orderNumber", line.orderNumber());
        json.put("orderId", line.orderId());
        json.put("reason", reason.name());
        json.put("title", reason.title());
        json.put("whoActs", line.whoActs());
        json.put("handbook", reason.handbookAnchor());
        json.put("needsAPerson", line.needsAPerson());
        json.put("currency", line.currency());
        json.put("shopGross", line.shopGross());
        json.put("sentGross", line.sentGross());
        json.put("confirmedGross", line.confirmedGross());
        json.put("difference", line.difference());
        json.put("shopGrossBase", line.facts().inBase(line.shopGross()));
        json.put("findings", line.findings());
        json.put("facts", line.facts());
        json.put("exceptionIds", line.exceptionIds());
        return json;
    }

    /** A report's lines as CSV (UTF-8, RFC 4180 quoting, a header row). */
    public static byte[] csv(ReconciliationReport report) {
        StringBuilder out = new StringBuilder(report.lines().size() * 160 + 256).append(CSV_HEADER).append("\r\n");
        String day = report.day().toString();
        for (ReconciliationLine l : report.lines()) {
            List<String> cells = List.of(day, l.orderNumber(), l.reason().name(), l.whoActs(), l.currency(),
                    money(l.shopGross()), money(l.sentGross()), money(l.confirmedGross()), money(l.difference()),
                    money(l.facts().inBase(l.shopGross())), l.facts().currencyFactor().toPlainString(), l.facts().paymentMethod(),
                    l.facts().salesChannelId(), l.facts().khaosOrderCode(), l.facts().ledgerState(), l.facts().placedAt().toString(),
                    String.join(" ", l.exceptionIds()), l.describe());
            for (int i = 0; i < cells.size(); i++) {
                out.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }


    private static String money(BigDecimal amount) {
        return MoneyText.plain(amount);
    }

    /** Quoted when it holds a comma, quote or line break; a leading =, +, - or @ is escaped so a spreadsheet never runs it. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
