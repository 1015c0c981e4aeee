package com.shopkhaos.model.app;

import com.shopkhaos.model.intake.UnreadableMessageException;
import com.shopkhaos.model.signing.HmacSignature;
import com.shopkhaos.model.app.RegistrationAnswer.Outcome;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The app registration handshake, our side: a shop installing the app calls {@link #register}
 * (signed with the app secret) and gets a proof and its own shop secret; it then calls
 * {@link #confirm} (signed with that shop secret) with the Admin API credentials it made for us.
 */
public final class AppRegistrationService {
    private static final System.Logger LOG = System.getLogger(AppRegistrationService.class.getName());

    private final AppIdentity app;
    private final ShopRegistry registry;
    private final AppMessageCodec codec;
    private final ShopSecretIssuer secrets;
    private final Clock clock;

    public AppRegistrationService(AppIdentity app, ShopRegistry registry, AppMessageCodec codec,
                                  ShopSecretIssuer secrets, Clock clock) {
        this.app = app;
        this.registry = registry;
        this.codec = codec;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Step 1: {@code GET <registrationUrl>?shop-id=…&shop-url=…&timestamp=…}.
     *
     * @param rawQuery  the query string exactly as sent (the signature covers these bytes)
     * @param signature the shop's HMAC of the query with the app secret; empty when it sent none
     */
    public RegistrationAnswer register(String rawQuery, Optional<String> signature) {
        // a rotated app secret is read afresh when the one held does not verify (at most once a minute)
        Optional<String> appSecret = rawQuery == null || signature.isEmpty() ? Optional.empty()
                : app.appSecret().admitting(s -> HmacSignature.verify(s, rawQuery.getBytes(StandardCharsets.UTF_8), signature.get()));
        if (appSecret.isEmpty()) {
            LOG.log(Level.WARNING, "app registration refused: app signature missing or wrong");
            return RegistrationAnswer.of(Outcome.REFUSED, "registration signature missing or wrong");
        }
        Map<String, String> query = parseQuery(rawQuery);
        String shopId = query.get("shop-id");
        String shopUrl = query.get("shop-url");
        if (isBlank(shopId) || isBlank(shopUrl) || isBlank(query.get("timestamp"))) {
            return RegistrationAnswer.of(Outcome.INCOMPLETE, "shop-id, shop-url and timestamp are required");
        }
        String shopSecret = secrets.issueFor(shopId);
        try {
            registry.save(ShopRegistration.pending(shopId, shopUrl, shopSecret, clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "app registration for shop " + shopId + " not stored: " + e);
            return RegistrationAnswer.of(Outcome.NOT_STORED, "registration could not be stored, try again");
        }
        String proof = HmacSignature.sign(appSecret.get(), shopId + shopUrl + app.appName());
        LOG.log(Level.INFO, "app registration started for shop " + shopId);
        return new RegistrationAnswer(Outcome.STARTED, "registration started",
                Optional.of(new RegistrationAnswer.Started(proof, shopSecret)));
    }

    /**
     * Step 2: the shop posts {@code {apiKey, secretKey, timestamp, shopUrl, shopId}}, signed with its shop secret.
     *
     * @param signature the shop's HMAC of the body with its shop secret; empty when it sent none
     */
    public RegistrationAnswer confirm(byte[] body, Optional<String> signature) {
        RegistrationConfirmation confirmation;
        try {
            confirmation = codec.readConfirmation(body);
        } catch (UnreadableMessageException e) {
            return RegistrationAnswer.of(Outcome.INCOMPLETE, "confirmation unreadable: " + e.getMessage());
        }
        Optional<ShopRegistration> known;
        try {
            known = registry.find(confirmation.shopId());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "shop registry unavailable during confirmation: " + e);
            return RegistrationAnswer.of(Outcome.NOT_STORED, "registry unavailable, try again");
        }
        if (known.isPresent() && signature.isPresent() && !HmacSignature.verify(known.get().shopSecret(), body, signature.get())) {
            try {
                known = registry.findAfresh(confirmation.shopId());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "shop registry unavailable during confirmation: " + e);
                return RegistrationAnswer.of(Outcome.NOT_STORED, "registry unavailable, try again");
            }
        }
        if (known.isEmpty() || signature.isEmpty()
                || !HmacSignature.verify(known.get().shopSecret(), body, signature.get())) {
            LOG.log(Level.WARNING, "app confirmation refused for shop " + confirmation.shopId());
            return RegistrationAnswer.of(Outcome.REFUSED, "unknown shop or wrong signature");
        }
        if (isBlank(confirmation.apiKey()) || isBlank(confirmation.secretKey())) {
            return RegistrationAnswer.of(Outcome.INCOMPLETE, "apiKey and secretKey are required");
        }
        String shopUrl = isBlank(confirmation.shopUrl()) ? known.get().shopUrl() : confirmation.shopUrl();
        try {
            registry.save(known.get().confirmed(shopUrl, confirmation.apiKey(), confirmation.secretKey(), clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "app confirmation for shop " + confirmation.shopId() + " not stored: " + e);
            return RegistrationAnswer.of(Outcome.NOT_STORED, "confirmation could not be stored, try again");
        }
        LOG.log(Level.INFO, "app registration confirmed for shop " + confirmation.shopId());
        return RegistrationAnswer.of(Outcome.CONFIRMED, "registration confirmed");
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
