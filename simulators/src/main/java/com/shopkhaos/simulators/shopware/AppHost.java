package com.shopkhaos.simulators.shopware;

import com.shopkhaos.simulators.sim.RecentLog;
import com.shopkhaos.simulators.sim.SimJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shop's app system: installs apps (the registration handshake), keeps their integrations, and
 * delivers their webhooks the way Shopware 6.6 does, in one of two modes:
 * <ul>
 *   <li>{@code sync} (the default: admin worker on): sent during the request that caused the event, 5 s
 *   timeout, no retry, failures ignored;</li>
 *   <li>{@code queued} (message queue): 20 s timeout, retried 3 times after 1, 2 and 4 s; after 10
 *   messages in a row exhaust their retries the webhook is deactivated.</li>
 * </ul>
 */
final class AppHost {
    static final Duration SYNC_TIMEOUT = Duration.ofSeconds(5);
    static final Duration QUEUED_TIMEOUT = Duration.ofSeconds(20);
    static final long[] RETRY_DELAYS_MS = {1_000, 2_000, 4_000};
    static final int MAX_WEBHOOK_ERRORS = 10;
    private static final int LOG_LIMIT = 2_000;

    /** A webhook registration of an installed app. */
    static final class Webhook {
        final AppManifest.WebhookDefinition definition;
        volatile boolean active = true;
        final AtomicInteger errorCount = new AtomicInteger();

        Webhook(AppManifest.WebhookDefinition definition) {
            this.definition = definition;
        }
    }

    /** An installed, registered app. */
    record InstalledApp(AppManifest manifest, String shopSecret, OAuthServer.Integration integration, List<Webhook> webhooks) {
    }

    private final Clock clock;
    private final SimIds ids;
    private final SimFaults faults;
    private final OAuthServer oauth;
    private final String languageId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService worker = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "shopware-sim-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, InstalledApp> apps = new ConcurrentHashMap<>();
    private final RecentLog<WebhookDelivery> log = new RecentLog<>(LOG_LIMIT);
    private volatile String mode = "sync";
    private volatile double retryDelayScale = 1.0;
    private volatile String shopId;
    private volatile String shopUrl;
    /** The shop's {@code APP_URL} when it no longer matches the URL the apps were registered with; null when it does. */
    private volatile String changedAppUrl;
    private final ShopBehaviour behaviour;

    AppHost(Clock clock, SimIds ids, SimFaults faults, OAuthServer oauth, String languageId, String shopId,
            ShopBehaviour behaviour) {
        this.behaviour = behaviour;
        this.clock = clock;
        this.ids = ids;
        this.faults = faults;
        this.oauth = oauth;
        this.languageId = languageId;
        this.shopId = shopId;
    }

    void shopUrl(String url) {
        this.shopUrl = url;
    }

    String shopUrl() {
        return shopUrl;
    }

    String shopId() {
        return shopId;
    }

    void mode(String mode) {
        if (!mode.equals("sync") && !mode.equals("queued")) {
            throw SimulatorException.badRequest("SIMULATOR__BAD_MODE", "mode is sync or queued");
        }
        this.mode = mode;
    }

    String mode() {
        return mode;
    }

    void retryDelayScale(double scale) {
        if (scale < 0 || scale > 10) {
            throw SimulatorException.badRequest("SIMULATOR__BAD_SETTING", "retryDelayScale must be 0 to 10");
        }
        this.retryDelayScale = scale;
    }

    double retryDelayScale() {
        return retryDelayScale;
    }

    /** Installs (or reinstalls) the app: registration, proof check, integration, confirmation. */
    InstalledApp install(AppManifest manifest) {
        String changed = changedAppUrl;
        if (changed != null) {
            // AppRegistrationService asks ShopIdProvider::getShopId, which throws AppUrlChangeDetectedException
            throw new SimulatorException(ShopwareErrors.response(500, ShopwareErrors.error(500, "0", "Internal Server Error",
                    "Detected APP_URL change, was \"" + shopUrl + "\" and is now \"" + changed + "\".")));
        }
        return register(manifest);
    }

    private InstalledApp register(AppManifest manifest) {
        if (manifest.registrationUrl().isEmpty() || manifest.secret().isEmpty()) {
            throw SimulatorException.badRequest("SIMULATOR__APP_WITHOUT_BACKEND",
                    "the manifest needs <setup><registrationUrl> and <secret>");
        }
        InstalledApp previous = apps.remove(manifest.name());
        if (previous != null) {
            oauth.removeIntegration(previous.integration().accessKey());
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        // Guzzle's withQueryValues leaves ':' and '/' of the shop URL as they are
        String query = "shop-id=" + shopId + "&shop-url=" + shopUrl + "&timestamp=" + timestamp;
        String registrationUrl = manifest.registrationUrl() + (manifest.registrationUrl().contains("?") ? "&" : "?") + query;
        String signedQuery = URI.create(registrationUrl).getRawQuery();
        JsonNode answer;
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(registrationUrl)).GET()
                    .timeout(SYNC_TIMEOUT)
                    .header("shopware-app-signature", ShopwareSignature.sign(manifest.secret(), signedQuery))
                    .header("sw-version", behaviour.version().full()).header("sw-context-language", languageId)
                    .header("sw-user-language", "en-GB").build(), HttpResponse.BodyHandlers.ofByteArray());
            answer = SimJson.read(response.body());
            if (answer.path("error").isTextual()) {
                throw registrationFailed(manifest, answer.path("error").asText());
            }
            if (response.statusCode() / 100 != 2) {
                throw registrationFailed(manifest, "registration answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw registrationFailed(manifest, "JSON response could not be decoded (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw registrationFailed(manifest, "interrupted");
        }
        if (!answer.path("proof").isTextual()) {
            throw registrationFailed(manifest, "The app server provided no proof");
        }
        byte[] proven = (shopId + shopUrl + manifest.name()).getBytes(StandardCharsets.UTF_8);
        if (!ShopwareSignature.matches(manifest.secret(), proven, answer.path("proof").asText())) {
            throw registrationFailed(manifest, "The app server provided an invalid proof");
        }
        String shopSecret = answer.path("secret").asText("");
        String confirmationUrl = answer.path("confirmation_url").asText("");
        OAuthServer.Integration integration = oauth.createIntegration(manifest.name(), manifest.privileges());
        ObjectNode confirmation = SimJson.object().put("apiKey", integration.accessKey())
                .put("secretKey", integration.secretKey()).put("timestamp", Long.toString(clock.instant().getEpochSecond()))
                .put("shopUrl", shopUrl).put("shopId", shopId);
        String body = SimJson.php(confirmation);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(confirmationUrl))
                    .timeout(SYNC_TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json")
                    .header("shopware-shop-signature", ShopwareSignature.sign(shopSecret, body))
                    .header("sw-version", behaviour.version().full()).header("sw-context-language", languageId)
                    .header("sw-user-language", "en-GB").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                oauth.removeIntegration(integration.accessKey());
                throw registrationFailed(manifest, "confirmation answered HTTP " + response.statusCode());
            }
        } catch (IOException | IllegalArgumentException e) {
            oauth.removeIntegration(integration.accessKey());
            throw registrationFailed(manifest, "confirmation failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw registrationFailed(manifest, "interrupted");
        }
        InstalledApp app = new InstalledApp(manifest, shopSecret, integration,
                manifest.webhooks().stream().map(Webhook::new).toList());
        apps.put(manifest.name(), app);
        return app;
    }

    /**
     * Uninstalls the app as Shopware does: the app and its integration (our Admin API credentials) go, then its own
     * {@code app.deleted} webhooks get {@code {"keepUserData": …}}, signed with the shop secret the app had (Shopware
     * carries that secret in the webhook message because the app is gone by then: changelog 6.4.3.0, NEXT-16175) and
     * sent like every other webhook, in the current mode and with the current faults.
     *
     * @return the app uninstalled; empty when it was not installed
     */
    Optional<InstalledApp> uninstall(String name, boolean keepUserData) {
        InstalledApp app = apps.remove(name);
        if (app == null) {
            return Optional.empty();
        }
        oauth.removeIntegration(app.integration().accessKey());
        JsonNode payload = SimJson.object().put("keepUserData", keepUserData);
        for (Webhook webhook : app.webhooks()) {
            if (webhook.active && webhook.definition.event().equals("app.deleted")) {
                deliver(app, webhook, "app.deleted", payload);
            }
        }
        return Optional.of(app);
    }

    private static SimulatorException registrationFailed(AppManifest manifest, String reason) {
        return new SimulatorException(ShopwareErrors.response(500, ShopwareErrors.error(500,
                "FRAMEWORK__APP_REGISTRATION_FAILED", "Internal Server Error",
                "App registration for \"" + manifest.name() + "\" failed: " + reason)));
    }

    Optional<InstalledApp> app(String name) {
        return Optional.ofNullable(apps.get(name));
    }

    List<InstalledApp> apps() {
        return List.copyOf(apps.values());
    }

    /**
     * Sends {@code event} with {@code payload} to every active webhook that subscribes to it, if its app may read what the
     * event carries (below).
     */
    void dispatch(String event, JsonNode payload) {
        for (InstalledApp app : apps.values()) {
            for (Webhook webhook : app.webhooks()) {
                if (webhook.active && webhook.definition.event().equals(event)) {
                    Optional<String> missing = readPrivilegeMissing(app, event);
                    if (missing.isPresent()) {
                        record(new WebhookDelivery(ids.next(), event, webhook.definition.name(), webhook.definition.url(), mode,
                                1, 0, 0, "withheld", "the app lacks " + missing.get() + " (WebhookDispatcher::isEventDispatchingAllowed)",
                                clock.instant()));
                        continue;
                    }
                    deliver(app, webhook, event, payload);
                }
            }
        }
    }

    /**
     * The read privilege {@code event} needs that the app's role lacks, as {@code WebhookDispatcher::isEventDispatchingAllowed}
     * checks it (shopware/shopware, {@code src/Core/Framework/Webhook/WebhookDispatcher.php}): an entity-written or -deleted
     * event needs {@code <entity>:read} ({@code Hookable/HookableEntityWrittenEvent.php}); a business event needs read on
     * every entity its available data holds ({@code Hookable/HookableBusinessEvent.php}): {@code checkout.order.placed}
     * ({@code CheckoutOrderPlacedEvent}) and the {@code state_enter.*}/{@code state_leave.*} order events
     * ({@code OrderStateMachineStateChangeEvent}) carry the order: {@code order:read}. App lifecycle events go to their own app.
     */
    static Optional<String> readPrivilegeMissing(InstalledApp app, String event) {
        String needed;
        if (event.startsWith("app.")) {
            return Optional.empty();
        } else if (event.equals("checkout.order.placed") || event.startsWith("state_enter.order")
                || event.startsWith("state_leave.order")) {
            needed = "order:read";
        } else if (event.endsWith(".written") || event.endsWith(".deleted")) {
            needed = event.substring(0, event.lastIndexOf('.')) + ":read";
        } else {
            return Optional.empty();
        }
        return app.integration().privileges().contains(needed) ? Optional.empty() : Optional.of(needed);
    }

    private void deliver(InstalledApp app, Webhook webhook, String event, JsonNode payload) {
        String eventId = ids.next();
        SimFaults.Settings f = faults.settings();
        String deliveryMode = mode;
        if (changedAppUrl != null) {
            // getPayloadForWebhook asks ShopIdProvider::getShopId; on AppUrlChangeDetectedException nothing is sent
            record(new WebhookDelivery(eventId, event, webhook.definition.name(), webhook.definition.url(), deliveryMode,
                    1, 0, 0, "withheld", "APP_URL change detected, not resolved", clock.instant()));
            return;
        }
        if (faults.roll(f.webhookDropRate())) {
            record(new WebhookDelivery(eventId, event, webhook.definition.name(), webhook.definition.url(), deliveryMode,
                    1, 0, 0, "dropped", "fault: webhook never sent", clock.instant()));
            return;
        }
        int copies = f.webhookCopies() + (faults.roll(f.webhookDuplicateRate()) ? 1 : 0);
        long holdBack = faults.roll(f.webhookOutOfOrderRate()) ? f.webhookOutOfOrderDelayMs() : 0;
        for (int copy = 1; copy <= copies; copy++) {
            int thisCopy = copy;
            Runnable send = deliveryMode.equals("queued")
                    ? () -> attemptQueued(app, webhook, event, payload, eventId, thisCopy, 1)
                    : () -> sendOnce(app, webhook, event, payload, eventId, thisCopy, 1, "sync", SYNC_TIMEOUT);
            if (holdBack > 0 || deliveryMode.equals("queued")) {
                worker.schedule(send, holdBack, TimeUnit.MILLISECONDS);
            } else {
                send.run();
            }
        }
    }

    private void attemptQueued(InstalledApp app, Webhook webhook, String event, JsonNode payload, String eventId,
                               int copy, int attempt) {
        if (!webhook.active) {
            return;
        }
        boolean ok = sendOnce(app, webhook, event, payload, eventId, copy, attempt, "queued", QUEUED_TIMEOUT);
        if (ok) {
            webhook.errorCount.set(0);
            return;
        }
        if (attempt <= RETRY_DELAYS_MS.length) {
            long delay = Math.round(RETRY_DELAYS_MS[attempt - 1] * retryDelayScale);
            worker.schedule(() -> attemptQueued(app, webhook, event, payload, eventId, copy, attempt + 1), delay,
                    TimeUnit.MILLISECONDS);
            return;
        }
        if (webhook.errorCount.incrementAndGet() >= MAX_WEBHOOK_ERRORS) {
            webhook.errorCount.set(0);
            webhook.active = false;
        }
    }

    /** One HTTP attempt; the body gets a fresh timestamp (and so a fresh signature) each time, the eventId stays. */
    private boolean sendOnce(InstalledApp app, Webhook webhook, String event, JsonNode payload, String eventId, int copy,
                             int attempt, String deliveryMode, Duration timeout) {
        ObjectNode envelope = SimJson.object();
        ObjectNode data = envelope.putObject("data");
        data.set("payload", payload);
        data.put("event", event);
        envelope.putObject("source").put("url", shopUrl).put("eventId", eventId).put("shopId", shopId)
                .put("appVersion", app.manifest().version());
        envelope.put("timestamp", clock.instant().getEpochSecond());
        String body = SimJson.php(envelope);
        int status = 0;
        String error = null;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(webhook.definition.url()))
                    .timeout(timeout).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .header("Content-Type", "application/json")
                    .header("sw-version", behaviour.version().full()).header("sw-context-language", languageId)
                    .header("sw-user-language", "en-GB")
                    .header("shopware-shop-signature", ShopwareSignature.sign(app.shopSecret(), body))
                    .build(), HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        boolean ok = status / 100 == 2;
        String outcome = ok ? "success"
                : deliveryMode.equals("queued") && attempt <= RETRY_DELAYS_MS.length ? "retrying" : "failed";
        record(new WebhookDelivery(eventId, event, webhook.definition.name(), webhook.definition.url(), deliveryMode, copy,
                attempt, status, outcome, error, clock.instant()));
        return ok;
    }

    private void record(WebhookDelivery delivery) {
        log.add(delivery);
    }

    List<WebhookDelivery> deliveries() {
        return log.all();
    }

    ArrayNode appsJson() {
        ArrayNode list = SimJson.array();
        for (InstalledApp app : apps.values()) {
            ObjectNode a = list.addObject().put("name", app.manifest().name()).put("version", app.manifest().version())
                    .put("active", true).put("shopId", shopId).put("integrationAccessKey", app.integration().accessKey());
            ArrayNode privileges = a.putArray("privileges");
            app.integration().privileges().forEach(privileges::add);
            ArrayNode hooks = a.putArray("webhooks");
            app.webhooks().forEach(w -> hooks.addObject().put("name", w.definition.name()).put("event", w.definition.event())
                    .put("url", w.definition.url()).put("active", w.active).put("errorCount", w.errorCount.get()));
        }
        return list;
    }

    // ---------------------------------------------------------------- APP_URL changes

    /**
     * The shop's {@code APP_URL} changes to {@code newUrl}. As {@code ShopIdProvider::getShopId} (shopware/shopware,
     * {@code src/Core/Framework/App/ShopId/ShopIdProvider.php}): with no app installed the shop simply takes the new URL;
     * with apps installed the change is detected and, until it is resolved, no webhook is sent and no app can be
     * installed. Changing back to the registered URL ends it.
     *
     * @return true when a change is now pending
     */
    synchronized boolean appUrlChange(String newUrl) {
        if (newUrl.equals(shopUrl)) {
            changedAppUrl = null;
        } else if (apps.isEmpty()) {
            shopUrl = newUrl;
            changedAppUrl = null;
        } else {
            changedAppUrl = newUrl;
        }
        return changedAppUrl != null;
    }

    Optional<String> changedAppUrl() {
        return Optional.ofNullable(changedAppUrl);
    }

    /** Shopware's strategies ({@code src/Core/Framework/App/AppUrlChangeResolver/}), by their names. */
    static final List<String> STRATEGIES = List.of("move-shop-permanently", "reinstall-apps", "uninstall-apps");

    /**
     * Resolves a pending APP_URL change with one of Shopware's strategies:
     * <ul>
     *   <li>{@code move-shop-permanently} ({@code MoveShopPermanentlyStrategy}): the shop id stays, the new URL is stored,
     *   and every app is registered again ({@code AbstractAppUrlChangeStrategy::reRegisterApp}): a new integration
     *   (access key and secret: the old ones stop working), a new registration handshake with the new shop URL, so a new
     *   shop secret;</li>
     *   <li>{@code reinstall-apps} ({@code ReinstallAppsStrategy}): the shop id is deleted, so a new one is made; every app
     *   is registered again under it, as above, and gets {@code app.installed};</li>
     *   <li>{@code uninstall-apps} ({@code UninstallAppsStrategy}): the shop id is deleted and every app is removed without
     *   telling it (no {@code app.deleted}: it still runs for the old shop); their integrations go.</li>
     * </ul>
     */
    synchronized ObjectNode resolveAppUrlChange(String strategy) {
        if (!STRATEGIES.contains(strategy)) {
            throw SimulatorException.badRequest("FRAMEWORK__APP_URL_CHANGE_RESOLVER_NOT_FOUND",
                    "Unable to find AppUrlChangeResolver with name: \"" + strategy + "\". Use one of " + STRATEGIES);
        }
        String newUrl = changedAppUrl;
        if (newUrl == null) {
            // MoveShopPermanentlyStrategy: "no resolution needed"; the others act anyway, but there is nothing to move to
            return SimJson.object().put("strategy", strategy).put("resolved", false).put("reason", "no APP_URL change pending");
        }
        changedAppUrl = null;
        shopUrl = newUrl;
        List<InstalledApp> installed = List.copyOf(apps.values());
        switch (strategy) {
            case "move-shop-permanently" -> installed.forEach(app -> register(app.manifest()));
            case "reinstall-apps" -> {
                shopId = ids.alphanumeric(16);
                for (InstalledApp app : installed) {
                    InstalledApp again = register(app.manifest());
                    for (Webhook webhook : again.webhooks()) {
                        if (webhook.active && webhook.definition.event().equals("app.installed")) {
                            deliver(again, webhook, "app.installed", SimJson.object().put("appVersion", again.manifest().version()));
                        }
                    }
                }
            }
            default -> {
                shopId = ids.alphanumeric(16);
                for (InstalledApp app : installed) {
                    apps.remove(app.manifest().name());
                    oauth.removeIntegration(app.integration().accessKey());
                }
            }
        }
        return SimJson.object().put("strategy", strategy).put("resolved", true).put("shopId", shopId).put("shopUrl", shopUrl);
    }

    void close() {
        worker.shutdownNow();
    }
}
