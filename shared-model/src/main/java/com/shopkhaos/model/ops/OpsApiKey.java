package com.shopkhaos.model.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/** The key ops tools present as {@code Authorization: Bearer <key>} (from Secrets Manager). A secret: never printed. */
public final class OpsApiKey {
    static final int MIN_LENGTH = 24;
    private final byte[] key;

    public OpsApiKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the ops API key must be at least " + MIN_LENGTH + " characters");
        }
        this.key = key.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time check of an Authorization header. */
    public boolean admits(Optional<String> authorization) {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(key, authorization.get().substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "OpsApiKey[<redacted>]";
    }
}
