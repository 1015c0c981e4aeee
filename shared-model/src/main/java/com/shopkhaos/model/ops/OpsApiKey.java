package com.shopkhaos.model.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** The key ops tools present (from Secrets Manager). A secret: never printed. */
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

    /** Constant-time check of a presented key. */
    public boolean admits(String presented) {
        return presented != null && MessageDigest.isEqual(key, presented.strip().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "OpsApiKey[<redacted>]";
    }
}
