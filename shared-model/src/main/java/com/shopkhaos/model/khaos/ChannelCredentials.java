package com.shopkhaos.model.khaos;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The user name and password a retailer types into Khaos Control Cloud's channel setup; KCC sends
 * them with every call. A secret: {@link #toString()} redacts it.
 */
public record ChannelCredentials(String user, String password) {
    public ChannelCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isBlank() || password.isBlank()) {
            throw new IllegalArgumentException("the channel needs a user name and a password");
        }
    }

    /** True when the caller presented these credentials (compared in constant time). */
    public boolean admits(String presentedUser, String presentedPassword) {
        if (presentedUser == null || presentedPassword == null) {
            return false;
        }
        byte[] expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        byte[] presented = (presentedUser + ":" + presentedPassword).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented);
    }

    @Override
    public String toString() {
        return "ChannelCredentials[user=" + user + ", password=<redacted>]";
    }
}
