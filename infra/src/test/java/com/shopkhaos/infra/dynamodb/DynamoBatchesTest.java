package com.shopkhaos.infra.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class DynamoBatchesTest {
    private final List<Long> pauses = new ArrayList<>();
    private final List<Integer> asked = new ArrayList<>();

    /** A throttled table: answers the first key of each read and leaves the rest unprocessed. */
    private final DynamoDbClient oneKeyAtATime = new DynamoDbClient() {
        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            List<Map<String, AttributeValue>> keys = request.requestItems().get("web-stock").keys();
            asked.add(keys.size());
            BatchGetItemResponse.Builder answer = BatchGetItemResponse.builder()
                    .responses(Map.of("web-stock", List.of(keys.get(0))));
            if (keys.size() > 1) {
                answer.unprocessedKeys(Map.of("web-stock", KeysAndAttributes.builder().keys(keys.subList(1, keys.size())).build()));
            }
            return answer.build();
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            asked.add(request.requestItems().get("catalogue").size());
            return BatchWriteItemResponse.builder().unprocessedItems(request.requestItems()).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    };

    private static Map<String, AttributeValue> key(String sku) {
        return Map.of("sku", AttributeValue.fromS(sku));
    }

    @Test
    void keysDynamoLeavesUnprocessed_areAskedAgainAfterAGrowingBackOff_untilEveryItemIsRead() {
        Map<String, KeysAndAttributes> keys = Map.of("web-stock", KeysAndAttributes.builder()
                .keys(key("A"), key("B"), key("C")).build());

        var found = DynamoBatches.getAll(oneKeyAtATime, keys, pauses::add);

        assertThat(found.get("web-stock")).extracting(i -> i.get("sku").s()).containsExactly("A", "B", "C");
        assertThat(asked).containsExactly(3, 2, 1);
        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(0)).isBetween(DynamoBatches.backOffCeiling(2) / 2, DynamoBatches.backOffCeiling(2));
        assertThat(pauses.get(1)).isBetween(DynamoBatches.backOffCeiling(3) / 2, DynamoBatches.backOffCeiling(3));
    }

    @Test
    void writesDynamoKeepsLeavingUnprocessed_failAfterTheLastAttempt_neverDroppedSilently() {
        List<WriteRequest> writes = List.of(WriteRequest.builder().putRequest(PutRequest.builder().item(key("A")).build()).build());

        assertThatThrownBy(() -> DynamoBatches.writeAll(oneKeyAtATime, Map.of("catalogue", writes), pauses::add))
                .isInstanceOf(UnprocessedBatchException.class).hasMessageContaining("1 item(s)");

        assertThat(asked).hasSize(DynamoBatches.ATTEMPTS);
        assertThat(pauses).hasSize(DynamoBatches.ATTEMPTS - 1);
    }

    @Test
    void theBackOffDoublesFrom25Milliseconds_andStopsGrowingAtTwoSeconds() {
        assertThat(List.of(2, 3, 4, 7, 8, 30)).extracting(DynamoBatches::backOffCeiling)
                .containsExactly(50L, 100L, 200L, 1600L, 2000L, 2000L);
    }
}
