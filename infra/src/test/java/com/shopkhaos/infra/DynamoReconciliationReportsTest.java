package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoReconciliationReports;
import com.shopkhaos.model.reconciliation.BusinessDay;
import com.shopkhaos.model.reconciliation.ReconciliationLine;
import com.shopkhaos.model.reconciliation.ReconciliationReason;
import com.shopkhaos.model.reconciliation.ReconciliationReport;
import com.shopkhaos.model.reconciliation.ReconciliationSummary;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The nights' reports against the DynamoDB emulator (a table of this test's own, keyed as template.yaml's
 * ReconciliationTable): a report is read back whole, and a run that dies half-way through writing leaves the day's
 * earlier report as it was, never a mixture of the two.
 */
class DynamoReconciliationReportsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 4);
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final String table = "reconciliation-test-" + UUID.randomUUID().toString().substring(0, 8);

    private String freshTable() {
        cloud.createTable(CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("day").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("part").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("day").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("part").keyType(KeyType.RANGE).build()).build());
        return table;
    }

    /** A report of {@code orders} lines (over one part of 1,000), each order's total {@code gross}. */
    private static ReconciliationReport report(int orders, String gross, Instant generatedAt) {
        List<ReconciliationLine> lines = new ArrayList<>();
        Instant placed = new BusinessDay(DAY).start();
        for (int i = 0; i < orders; i++) {
            BigDecimal total = new BigDecimal(gross);
            lines.add(new ReconciliationLine(String.valueOf(10000 + i), "order-" + i, "GBP", total, total, total,
                    i % 2 == 0 ? List.of() : List.of(new ReconciliationLine.Finding(ReconciliationReason.SHIPPED_NOT_WRITTEN_BACK,
                            "Khaos shipped it", Optional.empty())),
                    new ReconciliationLine.Facts(placed.plusSeconds(i), "web-uk", "payment_card", BigDecimal.ONE, total, List.of(),
                            "SO" + i, "IMPORTED"), List.of()));
        }
        return new ReconciliationReport(DAY, generatedAt, placed, ReconciliationSummary.of(new BusinessDay(DAY), "GBP", lines), lines);
    }

    /** The emulator's client, failing the {@code n}th PutItem it is asked for (as a Lambda timing out mid-write would). */
    private DynamoDbClient failingPut(int n) {
        AtomicInteger puts = new AtomicInteger();
        DynamoDbClient real = cloud.dynamoDb();
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("putItem") && puts.incrementAndGet() == n) {
                        throw new IllegalStateException("the run died writing");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aRunThatDiesHalfWayThroughWriting_leavesTheDaysEarlierReportWhole_andTheNextRunReplacesIt() {
        DynamoReconciliationReports reports = new DynamoReconciliationReports(cloud.dynamoDb(), freshTable());
        ReconciliationReport first = report(2_500, "10.00", Instant.parse("2026-12-05T02:30:00Z"));
        reports.save(first);
        assertThat(reports.find(DAY)).contains(first);

        ReconciliationReport second = report(2_600, "12.00", Instant.parse("2026-12-05T09:00:00Z"));
        assertThatThrownBy(() -> new DynamoReconciliationReports(failingPut(2), table).save(second))
                .hasMessageContaining("died");

        assertThat(reports.find(DAY)).as("the earlier report, not a mixture").contains(first);
        assertThat(reports.summaries(DAY, DAY)).containsExactly(first.summary());
        reports.save(second);
        assertThat(reports.find(DAY)).contains(second);
    }
}
