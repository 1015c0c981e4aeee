package com.shopkhaos.model.khaos;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The user name and password a retailer types into Khaos Control Cloud's channel setup; KCC sends
 * them as HTTP Basic auth on every call. A secret: {@link #toString()} redacts it.
 */
public record ChannelCredentials(String user, String password) {
    public ChannelCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isBlank() || password.isBlank()) {
            throw new IllegalArgumentException("the channel needs a user name and a password");
        }
    }

    /** True when {@code authorization} is {@code Basic base64(user:password)} for these credentials (constant time). */
    public boolean admits(Optional<String> authorization) {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(authorization.get().substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented);
    }

    /** The header value a client sends. */
    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ChannelCredentials[user=" + user + ", password=<redacted>]";
    }
}
