package com.shopkhaos.infra.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.infra.config.SecretSettings;
import com.shopkhaos.infra.config.ShopAppSettings;
import com.shopkhaos.infra.json.InfraJson;
import com.shopkhaos.model.app.RegistrationStatus;
import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.secrets.RotatingSecret;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Shops that installed the app, one Secrets Manager secret each ({@code <prefix><shopId>}, JSON).
 * Confirmed shops are cached for the secrets' TTL (5 minutes unless {@link SecretSettings} says otherwise); an
 * unknown shop for seconds (so a flood of forged shop ids does not become a flood of Secrets Manager calls); a
 * pending one is always read again. When a cached registration fails a check, {@link #findAfresh} reads it again
 * at most once a minute per shop.
 */
@Singleton
public class SecretsManagerShopRegistry implements ShopRegistry {
    static final Duration UNKNOWN_TTL = Duration.ofSeconds(10);
    /** Shopware's shop ids are 16 letters and digits; anything else is not looked up. */
    private static final Pattern SHOP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private record Cached(Optional<ShopRegistration> registration, Instant readAt) {
    }

    private final SecretsManagerClient secrets;
    private final String prefix;
    private final Clock clock;
    private final Duration confirmedTtl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** The last listing of the shops' ids, forgotten when a shop is saved or removed here. */
    private volatile ListedIds listed;
    /** When each shop was last read because its cached registration failed a check. */
    private final Map<String, Instant> forcedReads = new ConcurrentHashMap<>();

    @Inject
    public SecretsManagerShopRegistry(SecretsManagerClient secrets, ShopAppSettings app, Clock clock, SecretSettings settings) {
        this(secrets, app.shopSecrets(), clock, settings.ttl());
    }

    public SecretsManagerShopRegistry(SecretsManagerClient secrets, String prefix, Clock clock) {
        this(secrets, prefix, clock, RotatingSecret.DEFAULT_TTL);
    }

    public SecretsManagerShopRegistry(SecretsManagerClient secrets, String prefix, Clock clock, Duration confirmedTtl) {
        this.secrets = secrets;
        this.prefix = prefix;
        this.clock = clock;
        this.confirmedTtl = confirmedTtl;
    }

    @Override
    public Optional<ShopRegistration> find(String shopId) {
        if (shopId == null || !SHOP_ID.matcher(shopId).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Cached cached = cache.get(shopId);
        if (cached != null) {
            boolean confirmed = cached.registration().map(ShopRegistration::isConfirmed).orElse(false);
            Duration ttl = cached.registration().isEmpty() ? UNKNOWN_TTL : confirmed ? confirmedTtl : Duration.ZERO;
            if (cached.readAt().plus(ttl).isAfter(now)) {
                return cached.registration();
            }
        }
        Optional<ShopRegistration> read = read(shopId);
        cache.put(shopId, new Cached(read, now));
        return read;
    }

    @Override
    public Optional<ShopRegistration> findAfresh(String shopId) {
        if (shopId == null || !SHOP_ID.matcher(shopId).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        boolean[] due = {false};
        forcedReads.compute(shopId, (id, last) -> {
            due[0] = last == null || !now.isBefore(last.plus(RotatingSecret.FORCED_READ_INTERVAL));
            return due[0] ? now : last;
        });
        if (!due[0]) {
            return find(shopId);
        }
        Optional<ShopRegistration> read = read(shopId);
        cache.put(shopId, new Cached(read, now));
        return read;
    }

    private Optional<ShopRegistration> read(String shopId) {
        try {
            String json = secrets.getSecretValue(b -> b.secretId(prefix + shopId)).secretString();
            return Optional.of(fromJson(json));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void save(ShopRegistration registration) {
        if (!SHOP_ID.matcher(registration.shopId()).matches()) {
            throw new IllegalArgumentException("shop id has characters a secret name cannot hold");
        }
        String name = prefix + registration.shopId();
        String json = toJson(registration);
        try {
            secrets.createSecret(b -> b.name(name).secretString(json)
                    .description("Shopware shop " + registration.shopId() + ": shop secret and Admin API credentials"));
        } catch (ResourceExistsException e) {
            secrets.putSecretValue(b -> b.secretId(name).secretString(json));
        }
        cache.put(registration.shopId(), new Cached(Optional.of(registration), clock.instant()));
        listed = null;
    }

    /**
     * DeleteSecret with ForceDeleteWithoutRecovery. A recovery window would keep the name "scheduled for deletion"
     * for 7 to 30 days, during which CreateSecret and PutSecretValue of that name fail, so a merchant installing the
     * app again within the window could not register; and there is nothing worth recovering: the shop secret and
     * Admin API credentials are void once the app is uninstalled (a new install issues new ones).
     */
    @Override
    public boolean remove(String shopId) {
        if (shopId == null || !SHOP_ID.matcher(shopId).matches()) {
            return false;
        }
        boolean removed;
        try {
            secrets.deleteSecret(b -> b.secretId(prefix + shopId).forceDeleteWithoutRecovery(true));
            removed = true;
        } catch (ResourceNotFoundException e) {
            removed = false;
        }
        cache.put(shopId, new Cached(Optional.empty(), clock.instant()));
        forcedReads.remove(shopId);
        listed = null;
        return removed;
    }

    /**
     * The shops' ids, listed at most once per TTL (one ListSecrets call): stock pushes ask on every batch, and a shop
     * installing or leaving through this registry is seen at once.
     */
    @Override
    public List<String> shopIds() {
        ListedIds listed = this.listed;
        Instant now = clock.instant();
        if (listed != null && listed.readAt().plus(confirmedTtl).isAfter(now)) {
            return listed.ids();
        }
        List<String> ids = List.copyOf(listShopIds());
        this.listed = new ListedIds(ids, now);
        return ids;
    }

    private record ListedIds(List<String> ids, Instant readAt) {
    }

    private List<String> listShopIds() {
        List<String> ids = new ArrayList<>();
        secrets.listSecretsPaginator(b -> b.filters(f -> f.key(FilterNameStringType.NAME).values(prefix)))
.stream().flatMap(page -> page.secretList().stream()).forEach(s -> {
                    String id = s.name().substring(Math.min(prefix.length(), s.name().length()));
                    if (s.name().startsWith(prefix) && SHOP_ID.matcher(id).matches()) {
                        ids.add(id);
                    }
                });
        return ids;
    }

    static String toJson(ShopRegistration r) {
        ObjectNode node = InfraJson.mapper().createObjectNode()
                .put("shopId", r.shopId()).put("shopUrl", r.shopUrl()).put("shopSecret", r.shopSecret())
                .put("apiKey", r.apiKey()).put("secretKey", r.secretKey()).put("status", r.status().name())
                .put("registeredAt", r.registeredAt().toString());
        if (r.confirmedAt() != null) {
            node.put("confirmedAt", r.confirmedAt().toString());
        }
        try {
            return InfraJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ShopRegistration fromJson(String json) {
        try {
            JsonNode n = InfraJson.mapper().readTree(json);
            return new ShopRegistration(n.path("shopId").asText(), n.path("shopUrl").asText(), n.path("shopSecret").asText(),
                    n.path("apiKey").asText(""), n.path("secretKey").asText(""),
                    RegistrationStatus.valueOf(n.path("status").asText()), Instant.parse(n.path("registeredAt").asText()),
                    n.hasNonNull("confirmedAt") ? Instant.parse(n.path("confirmedAt").asText()) : null);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("shop registration secret is not readable", e);
        }
    }
}
