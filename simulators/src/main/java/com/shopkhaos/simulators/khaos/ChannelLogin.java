package com.shopkhaos.simulators.khaos;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The user name and password typed into KCC's channel setup, which KCC sends as HTTP Basic auth on every call it
 * makes to the channel. A secret: {@link #toString()} leaves the password out.
 */
public record ChannelLogin(String user, String password) {
    public ChannelLogin {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** The {@code Authorization} header KCC sends: {@code Basic base64(user:password)} (RFC 7617, UTF-8). */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ChannelLogin[user=" + user + ", password=<redacted>]";
    }
}
