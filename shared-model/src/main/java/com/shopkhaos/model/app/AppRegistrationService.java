package com.shopkhaos.model.app;

import com.shopkhaos.model.intake.UnreadableMessageException;
import com.shopkhaos.model.signing.HmacSignature;
import com.shopkhaos.model.web.EndpointAnswer;
import com.shopkhaos.model.web.JsonText;
import com.shopkhaos.model.web.RequestHeaders;
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
    public static final String APP_SIGNATURE = "shopware-app-signature";
    public static final String SHOP_SIGNATURE = "shopware-shop-signature";
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
     * @param rawQuery       the query string exactly as sent (the signature covers these bytes)
     * @param requestBaseUrl the base URL this request came to, e.g. {@code https://api.example.com}
     */
    public EndpointAnswer register(String rawQuery, RequestHeaders headers, String requestBaseUrl) {
        Optional<String> signature = headers.get(APP_SIGNATURE);
        // a rotated app secret is read afresh when the one held does not verify (at most once a minute)
        Optional<String> appSecret = rawQuery == null || signature.isEmpty() ? Optional.empty()
                : app.appSecret().admitting(s -> HmacSignature.verify(s, rawQuery.getBytes(StandardCharsets.UTF_8), signature.get()));
        if (appSecret.isEmpty()) {
            LOG.log(Level.WARNING, "app registration refused: missing or wrong " + APP_SIGNATURE);
            return EndpointAnswer.json(401, JsonText.object("error", "registration signature missing or wrong"));
        }
        Map<String, String> query = parseQuery(rawQuery);
        String shopId = query.get("shop-id");
        String shopUrl = query.get("shop-url");
        if (isBlank(shopId) || isBlank(shopUrl) || isBlank(query.get("timestamp"))) {
            return EndpointAnswer.json(400, JsonText.object("error", "shop-id, shop-url and timestamp are required"));
        }
        String shopSecret = secrets.issueFor(shopId);
        try {
            registry.save(ShopRegistration.pending(shopId, shopUrl, shopSecret, clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "app registration for shop " + shopId + " not stored: " + e);
            return EndpointAnswer.json(503, JsonText.object("error", "registration could not be stored, try again"));
        }
        String proof = HmacSignature.sign(appSecret.get(), shopId + shopUrl + app.appName());
        LOG.log(Level.INFO, "app registration started for shop " + shopId);
        return EndpointAnswer.json(200, codec.registrationAnswer(proof, shopSecret, app.confirmationUrl(requestBaseUrl)));
    }

    /** Step 2: the shop posts {@code {apiKey, secretKey, timestamp, shopUrl, shopId}}, signed with its shop secret. */
    public EndpointAnswer confirm(RequestHeaders headers, byte[] body) {
        RegistrationConfirmation confirmation;
        try {
            confirmation = codec.readConfirmation(body);
        } catch (UnreadableMessageException e) {
            return EndpointAnswer.json(400, JsonText.object("error", "confirmation unreadable: " + e.getMessage()));
        }
        Optional<ShopRegistration> known;
        try {
            known = registry.find(confirmation.shopId());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "shop registry unavailable during confirmation: " + e);
            return EndpointAnswer.json(503, JsonText.object("error", "registry unavailable, try again"));
        }
        Optional<String> signature = headers.get(SHOP_SIGNATURE);
        if (known.isPresent() && signature.isPresent() && !HmacSignature.verify(known.get().shopSecret(), body, signature.get())) {
            try {
                known = registry.findAfresh(confirmation.shopId());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "shop registry unavailable during confirmation: " + e);
                return EndpointAnswer.json(503, JsonText.object("error", "registry unavailable, try again"));
            }
        }
        if (known.isEmpty() || signature.isEmpty()
                || !HmacSignature.verify(known.get().shopSecret(), body, signature.get())) {
            LOG.log(Level.WARNING, "app confirmation refused for shop " + confirmation.shopId());
            return EndpointAnswer.json(401, JsonText.object("error", "unknown shop or wrong signature"));
        }
        if (isBlank(confirmation.apiKey()) || isBlank(confirmation.secretKey())) {
            return EndpointAnswer.json(400, JsonText.object("error", "apiKey and secretKey are required"));
        }
        String shopUrl = isBlank(confirmation.shopUrl()) ? known.get().shopUrl() : confirmation.shopUrl();
        try {
            registry.save(known.get().confirmed(shopUrl, confirmation.apiKey(), confirmation.secretKey(), clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "app confirmation for shop " + confirmation.shopId() + " not stored: " + e);
            return EndpointAnswer.json(503, JsonText.object("error", "confirmation could not be stored, try again"));
        }
        LOG.log(Level.INFO, "app registration confirmed for shop " + confirmation.shopId());
        return EndpointAnswer.empty(204);
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
