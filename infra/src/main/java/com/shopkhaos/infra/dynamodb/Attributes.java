package com.shopkhaos.infra.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small conversions between DynamoDB attribute values and Java values. */
final class Attributes {
    /** Fixed width (nanoseconds, UTC), so times sort as text in keys and indexes. */
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Attributes() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue time(Instant value) {
        return AttributeValue.fromS(sortable(value));
    }

    static String sortable(Instant value) {
        return SORTABLE.format(value);
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static String stringOrEmpty(Map<String, AttributeValue> item, String name) {
        String value = string(item, name);
        return value == null ? "" : value;
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = string(item, name);
        return value == null ? null : Instant.parse(value);
    }

    /** For a mapped row: an empty text is left out of the item (an index key may not be empty; absent reads back as empty). */
    static String absentIfEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** For a mapped row: an attribute left out reads back as empty. */
    static String emptyIfAbsent(String value) {
        return value == null ? "" : value;
    }

    /** For a mapped row: sortable time text ({@link #sortable}) back to an instant; null when absent. */
    static Instant instant(String sortable) {
        return sortable == null ? null : Instant.parse(sortable);
    }

    /** The table through the DynamoDB Enhanced Client (with its version extension) and this static schema. */
    static <T> DynamoDbTable<T> table(DynamoDbClient dynamo, String name, TableSchema<T> schema) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table(name, schema);
    }

    /** Puts a string attribute, leaving it out when empty (an absent attribute reads back as empty). */
    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }
}
