package com.shopkhaos.infra.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.shopkhaos.model.despatch.DespatchNotice;
import com.shopkhaos.model.intake.UnreadableMessageException;
import com.shopkhaos.model.khaos.KhaosShipment;
import java.io.IOException;

/** The one Jackson configuration the adapters use: ISO dates, unknown fields ignored. */
public final class InfraJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // stored and queued shipments and despatch notices keep Khaos's own status words only; the adapters that read
            // them derive the meaning (KhaosStatusNames), so a change of that mapping never needs the stored data rewritten
            .addMixIn(KhaosShipment.class, KhaosWordsOnly.class)
            .addMixIn(DespatchNotice.class, KhaosWordsOnly.class);

    @JsonIgnoreProperties(value = {"stage", "khaosProgress"}, allowGetters = false)
    private abstract static class KhaosWordsOnly {
    }

    private InfraJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A value our own code built, as JSON (it always can be: a failure is a bug, not bad input). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a JSON object from a message. When it is not one, says only where it broke: the parser's own
     * message can quote the body, and bodies hold names and addresses that must not reach the logs.
     */
    public static JsonNode readObject(byte[] body)
            throws UnreadableMessageException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new UnreadableMessageException("not JSON (" + e.getClass().getSimpleName() + where + ")");
        } catch (IOException e) {
            throw new UnreadableMessageException("not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new UnreadableMessageException("not a JSON object");
        }
        return root;
    }
}
