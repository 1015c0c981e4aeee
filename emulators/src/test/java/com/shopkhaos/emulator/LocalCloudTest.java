package com.shopkhaos.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class LocalCloudTest {
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.startFromRepository(Map.of("ShopwareAppSecret", "app-secret-for-tests"));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void createsEveryTableOfTheTemplate_withKeysAndIndexes() {
        assertThat(cloud.tableNames()).contains("sandbox-orders", "sandbox-exceptions", "sandbox-in-flight");
        TableDescription orders = cloud.dynamoDb().describeTable(b -> b.tableName("sandbox-orders")).table();
        assertThat(orders.keySchema()).singleElement().satisfies(k -> assertThat(k.attributeName()).isEqualTo("orderId"));
        assertThat(orders.globalSecondaryIndexes()).extracting(i -> i.indexName()).containsExactlyInAnyOrder("by-state", "by-order-number");
    }

    @Test
    void createsQueues_withTheirDeadLetterRedrive() {
        String url = cloud.queueUrl("OrderEventsQueue", true);
        Map<QueueAttributeName, String> attributes = cloud.sqs()
                .getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                .contains("sandbox-order-events-dlq").contains("5");
        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).as("six times order-sync's timeout").isEqualTo("360");
    }

    @Test
    void resolvesFunctionEnvironment_toLocalResources() {
        Map<String, String> env = cloud.functionEnvironment("OrderIntakeFunction");
        assertThat(env).containsEntry("ORDERS_TABLE", "sandbox-orders")
                .containsEntry("SHOP_SECRETS_PREFIX", "sandbox/shops/")
                .containsEntry("APP_NAME", "KhaosControlConnector")
                .containsEntry("QUARKUS_LOG_LEVEL", "INFO");
        assertThat(env.get("ORDER_EVENTS_QUEUE_URL")).startsWith(cloud.sqsEndpoint().toString()).endsWith("/sandbox-order-events");
        String appSecret = cloud.secretsManager().getSecretValue(b -> b.secretId(env.get("APP_SECRET_ARN"))).secretString();
        assertThat(appSecret).isEqualTo("app-secret-for-tests");
    }

    @Test
    void aTableAddedToTheTemplate_appearsLocally(@TempDir Path dir) throws Exception {
        Path root = RepositoryRoot.locate();
        String template = Files.readString(root.resolve("template.yaml"));
        String extraTable = """
                  StockLevelsTable:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Sub '${AWS::StackName}-stock-levels'
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions:
                        - {AttributeName: stockCode, AttributeType: S}
                      KeySchema:
                        - {AttributeName: stockCode, KeyType: HASH}

                """;
        Path changed = dir.resolve("template.yaml");
        Files.writeString(changed, template.replace("\nResources:\n", "\nResources:\n" + extraTable));
        try (LocalCloud other = LocalCloud.start(changed, root, "trial", Map.of(), Map.of())) {
            assertThat(other.tableNames()).contains("trial-stock-levels", "trial-orders");
        }
    }

    @Test
    void missingNode_isReportedInPlainWords() {
        String before = System.getProperty("shopkhaos.node");
        System.setProperty("shopkhaos.node", "/nonexistent/node");
        try {
            assertThatThrownBy(() -> DynaliteEmulator.start(RepositoryRoot.locate()))
                    .isInstanceOf(NodeToolsMissingException.class)
                    .hasMessageContaining("Node.js is not installed")
                    .hasMessageContaining("Node.js 20");
        } finally {
            if (before == null) {
                System.clearProperty("shopkhaos.node");
            } else {
                System.setProperty("shopkhaos.node", before);
            }
        }
    }
}
