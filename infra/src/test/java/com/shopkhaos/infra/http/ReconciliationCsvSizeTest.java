package com.shopkhaos.infra.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.infra.io.Gzip;
import com.shopkhaos.model.order.TaxPortion;
import com.shopkhaos.model.reconciliation.BusinessDay;
import com.shopkhaos.model.reconciliation.ReconciliationLine;
import com.shopkhaos.model.reconciliation.ReconciliationReason;
import com.shopkhaos.model.reconciliation.ReconciliationReport;
import com.shopkhaos.model.reconciliation.ReconciliationSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A day of 20,000 orders downloaded as CSV stays within Lambda's 6 MB response: API Gateway carries a binary body
 * base64-encoded, so that is what is measured, with room left for the headers.
 */
class ReconciliationCsvSizeTest {
    private static final int LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;
    private static final int ROOM_FOR_HEADERS = 64 * 1024;

    /** Every line different and wordy, the worst a day plausibly holds: a third with two findings and their problems. */
    private static ReconciliationReport dayOf(int orders) {
        Random random = new Random(7);
        LocalDate day = LocalDate.of(2026, 11, 27);
        Instant placed = new BusinessDay(day).start();
        List<ReconciliationLine> lines = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String number = String.valueOf(100000 + i);
            BigDecimal gross = BigDecimal.valueOf(500 + random.nextInt(50000), 2);
            BigDecimal net = gross.divide(new BigDecimal("1.2"), 2, RoundingMode.HALF_UP);
            List<ReconciliationLine.Finding> findings = new ArrayList<>();
            List<String> exceptions = new ArrayList<>();
            if (i % 3 == 0) {
                findings.add(new ReconciliationLine.Finding(ReconciliationReason.VALUE_CHANGED_AFTER_SENDING, "total " + gross + " now, "
                        + gross.add(BigDecimal.TEN) + " sent; line SCARF-MER-GRY-" + i + " quantity 2 now, 3 sent; shipping 4.95 now, "
                        + "3.95 sent", Optional.of(BigDecimal.TEN)));
                findings.add(new ReconciliationLine.Finding(ReconciliationReason.REFUNDED_IN_SHOP, "refunded in part: 12.34 (capture refund "
                        + Long.toHexString(random.nextLong()) + ", reason \"damaged in transit, customer keeps the item\")",
                        Optional.of(new BigDecimal("12.34"))));
                exceptions.add("REFUNDED_IN_SHOP#" + number);
                exceptions.add("CHANGED_AFTER_KHAOS_IMPORT#" + number);
            }
            lines.add(new ReconciliationLine(number, Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()), "GBP",
                    gross, gross.add(findings.isEmpty() ? BigDecimal.ZERO : BigDecimal.TEN), gross, findings,
                    new ReconciliationLine.Facts(placed.plusSeconds(i * 4L), Long.toHexString(random.nextLong())
                            + Long.toHexString(random.nextLong()), "Klarna: pay later in three instalments", BigDecimal.ONE, net,
                            List.of(new TaxPortion(new BigDecimal("20"), gross.subtract(net), gross)), "SO" + number, "WRITTEN_BACK"),
                    exceptions));
        }
        return new ReconciliationReport(day, placed.plusSeconds(86_400 + 9_000), placed,
                ReconciliationSummary.of(new BusinessDay(day), "GBP", lines), lines);
    }

    @Test
    void aDayOf20000Orders_downloadsGzipped_withinLambdasResponseLimit_andUnpacksToEveryLine() {
        byte[] plain = ReconciliationViews.csv(dayOf(20_000));

        ReconciliationViews.CsvBody body = ReconciliationViews.CsvBody.of(plain);

        assertThat(plain.length).as("plain, it would not fit").isGreaterThan(ReconciliationViews.PLAIN_CSV_LIMIT);
        assertThat(body.contentType()).isEqualTo("application/gzip");
        assertThat(body.suffix()).isEqualTo(".csv.gz");
        assertThat(Base64.getEncoder().encode(body.bytes()).length).as("base64, as API Gateway carries it")
                .isLessThan(LAMBDA_RESPONSE_LIMIT - ROOM_FOR_HEADERS);
        String unpacked = new String(Gzip.unzip(body.bytes()), StandardCharsets.UTF_8);
        assertThat(unpacked.split("\r\n")).hasSize(20_001).startsWith(ReconciliationViews.CSV_HEADER);
    }

    @Test
    void aSmallDay_downloadsAsPlainCsv() {
        byte[] plain = ReconciliationViews.csv(dayOf(300));

        ReconciliationViews.CsvBody body = ReconciliationViews.CsvBody.of(plain);

        assertThat(body.contentType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(body.bytes()).isEqualTo(plain);
    }
}
