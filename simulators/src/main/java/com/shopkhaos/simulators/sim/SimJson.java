package com.shopkhaos.simulators.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;

/** JSON for the simulator; {@link #php(JsonNode)} writes it as PHP's {@code json_encode} does (escaped {@code /}, {@code \\uXXXX}). */
public final class SimJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PHP = new ObjectMapper();

    static {
        PHP.getFactory().setCharacterEscapes(new PhpEscapes());
    }

    private SimJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As Shopware's PHP sends it: {@code json_encode} with default flags. */
    public static String php(JsonNode node) {
        try {
            return PHP.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode read(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }

    /** Money as Shopware's JSON carries it: a float with at most two decimals. */
    public static double money(BigDecimal amount) {
        return amount.doubleValue();
    }

    private static final class PhpEscapes extends CharacterEscapes {
        private final int[] escapes;

        PhpEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['/'] = CharacterEscapes.ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == '/') {
                return new SerializedString("\\/");
            }
            if (ch > 0x7F) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
