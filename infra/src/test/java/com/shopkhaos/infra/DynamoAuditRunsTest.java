package com.shopkhaos.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import com.shopkhaos.infra.dynamodb.DynamoAuditRuns;
import com.shopkhaos.model.audit.AuditFinding;
import com.shopkhaos.model.audit.AuditRun;
import com.shopkhaos.model.audit.AuditStatus;
import com.shopkhaos.model.audit.AuditTrigger;
import com.shopkhaos.model.audit.FindingKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The audit's runs against the DynamoDB emulator (a table of this test's own, keyed as template.yaml's AuditTable). */
class DynamoAuditRunsTest {
    private final LocalCloud cloud = SharedLocalCloud.get();
    private final Instant t0 = Instant.parse("2026-12-07T09:00:00Z");

    private DynamoAuditRuns freshTable() {
        String table = "audit-test-" + UUID.randomUUID().toString().substring(0, 8);
        cloud.createTable(CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("run").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("part").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("run").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("part").keyType(KeyType.RANGE).build()).build());
        return new DynamoAuditRuns(cloud.dynamoDb(), table);
    }

    private static List<AuditFinding> findings(int count) {
        List<AuditFinding> found = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            found.add(new AuditFinding(FindingKind.SKU_NOT_IN_KHAOS, "SKU-" + i, "Product " + i + ", with a name, \"quoted\"", "",
                    "map to SKU-" + (i + 1)));
        }
        return found;
    }

    @Test
    void aRunWithThousandsOfFindings_isReadBackWhole_inItsOrder() {
        DynamoAuditRuns runs = freshTable();
        AuditRun run = AuditRun.requested("audit-1", AuditTrigger.PERSON, "ops@example.co.uk", t0)
                .finished("shop-1", 2_500, 2_400, findings(2_345), t0.plusSeconds(20));

        runs.save(run);

        assertThat(runs.find("audit-1")).contains(run);
        assertThat(runs.find("no-such-run")).isEmpty();
        assertThat(runs.find("runs")).as("the list's own partition is no run").isEmpty();
    }

    @Test
    void theLatestIsTheRunStartedLast_andTheLastFinishedIsWhatANewRunIsComparedWith() {
        DynamoAuditRuns runs = freshTable();
        assertThat(runs.latest()).isEmpty();
        assertThat(runs.lastFinished()).isEmpty();
        AuditRun first = AuditRun.requested("audit-a", AuditTrigger.SCHEDULE, "schedule", t0);
        runs.save(first);
        AuditRun firstDone = first.finished("shop-1", 10, 10, findings(3), t0.plusSeconds(5));
        runs.save(firstDone);
        AuditRun second = AuditRun.requested("audit-b", AuditTrigger.PERSON, "ops", t0.plusSeconds(60));
        runs.save(second);

        assertThat(runs.latest()).contains(second);
        assertThat(runs.lastFinished()).contains(firstDone);
        assertThat(runs.recent(10)).extracting(AuditRun::id, AuditRun::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("audit-b", AuditStatus.RUNNING),
                        org.assertj.core.groups.Tuple.tuple("audit-a", AuditStatus.FINISHED));
        assertThat(runs.recent(10)).allSatisfy(r -> assertThat(r.findings()).as("listed without findings").isEmpty());

        runs.save(second.failed("the shop answered 503", t0.plusSeconds(70)));
        assertThat(runs.lastFinished()).as("a failed run is never compared with").contains(firstDone);
        assertThat(runs.recent(1)).extracting(AuditRun::status).containsExactly(AuditStatus.FAILED);
    }
}
