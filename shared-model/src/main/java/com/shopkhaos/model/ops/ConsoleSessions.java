package com.shopkhaos.model.ops;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sandbox console's sign-in: configured people with passwords ({@code OPS_CONSOLE_USERS}, {@code name:password}
 * pairs), and a session token {@code name|expiry|HMAC} signed with a key only the server knows. No state kept.
 */
public final class ConsoleSessions {
    static final Duration LIFETIME = Duration.ofHours(8);

    private final Map<String, String> users;
    private final byte[] signingKey;

    public ConsoleSessions(Map<String, String> users, byte[] signingKey) {
        this.users = Map.copyOf(users);
        this.signingKey = signingKey.clone();
    }

    /** {@code name:password,name:password}; names are letters, digits and {@code .@_-}. */
    public static Map<String, String> parseUsers(String text) {
        return parseUsers(text, "the console's users");
    }

    /** As {@link #parseUsers(String)}; {@code setting} is what the refusal calls the setting (the caller knows its name). */
    public static Map<String, String> parseUsers(String text, String setting) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String pair : (text == null ? "" : text).split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            String name = colon > 0 ? pair.substring(0, colon).strip() : "";
            String password = colon > 0 ? pair.substring(colon + 1) : "";
            if (!name.matches("[\\w.@-]{1,64}") || password.length() < 12) {
                throw new IllegalArgumentException(setting + " is name:password pairs, names of letters, digits and .@_-, "
                        + "passwords of at least 12 characters");
            }
            users.put(name, password);
        }
        return users;
    }

    /** A session token for this person, or empty when the name or password is wrong. */
    public Optional<String> signIn(String name, String password, Instant now) {
        String expected = users.get(name == null ? "" : name.strip());
        if (expected == null || password == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        String payload = name.strip() + "|" + now.plus(LIFETIME).getEpochSecond();
        return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + sign(payload));
    }

    /** Who a session token belongs to, while it is valid. */
    public Optional<String> who(Optional<String> token, Instant now) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String value = token.get().strip();
        int dot = value.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(value.substring(0, dot)), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.UTF_8),
                    value.substring(dot + 1).getBytes(StandardCharsets.UTF_8))) {
                return Optional.empty();
            }
            String[] fields = payload.split("\\|");
            if (fields.length != 2 || now.getEpochSecond() > Long.parseLong(fields[1]) || !users.containsKey(fields[0])) {
                return Optional.empty();
            }
            return Optional.of(fields[0]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
