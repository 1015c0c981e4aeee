package com.shopkhaos.simulators.khaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shopkhaos.simulators.sim.SettingChoice;
import com.shopkhaos.simulators.sim.SimClock;
import com.shopkhaos.simulators.sim.SimJson;
import com.shopkhaos.simulators.sim.SimRequest;
import com.shopkhaos.simulators.sim.SimResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Khaos Control Cloud, simulated from its web services spec (khaoscontrol/kcc-web-services): it reads
 * our channel's EndpointConfig, pulls OrderDownload every few seconds with {@code Sirion-Continuation},
 * validates and imports sales orders (allocating stock), keeps physical and allocated stock per site,
 * despatches and cancels orders, and pushes StockUpload, StockStatusUpload and OrderStatusUpload,
 * resending anything not answered 200. Framework-free: its control API is {@link #handle}.
 */
public final class KhaosSimulator implements AutoCloseable {
    public static final int API_VERSION = 1000;
    static final DateTimeFormatter FIRST_CONTINUATION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    static final int STATUS_BATCH = 100;
    static final int STOCK_UPLOAD_BATCH = 50;
    private static final System.Logger LOG = System.getLogger(KhaosSimulator.class.getName());

    /** How the simulated KCC is set up for our channel. */
    public record Settings(long seed, String configUrl, ChannelLogin login, Duration pollInterval,
                           Duration autoDespatchAfter, String channelId) {
    }

    /** An order KCC could not import, with its reasons, until a retry imports it. */
    record Rejection(String associatedRef, List<String> reasons, Instant at, int attempts, JsonNode order) {
        ObjectNode toJson() {
            ObjectNode r = SimJson.object().put("associatedRef", associatedRef).put("at", at.toString()).put("attempts", attempts);
            ArrayNode list = r.putArray("reasons");
            reasons.forEach(list::add);
            r.set("order", order);
            return r;
        }
    }

    final SimClock clock;
    final KccCatalogue catalogue = new KccCatalogue();
    final KccStock stock = new KccStock(catalogue);
    final KccFaults faults;
    final KccPushes pushes;
    private final SalesOrderValidator validator = new SalesOrderValidator(catalogue, stock);
    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    final Map<String, KccOrder> orders = new LinkedHashMap<>();
    final Map<String, Rejection> rejected = new LinkedHashMap<>();
    /** Per "code#site": the figure of the StockStatusUpload the channel stored that was sent last. */
    private final Map<String, LastPushed> lastPushed = new HashMap<>();
    private final KhaosControlApi controlApi;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> pollLoop;
    private ChannelConfig config;
    private String configProblem = "not connected yet";
    private String continuation;
    private ObjectNode lastPoll = SimJson.object();
    private volatile Duration pollInterval;
    private volatile Duration autoDespatchAfter;
    private volatile DuplicateAssociatedRef duplicateAssociatedRef = DuplicateAssociatedRef.REJECT;
    private volatile ContinuationEcho continuationEcho = ContinuationEcho.AFTER_IMPORT;
    private volatile double downloadTimeoutRate;
    private volatile SpecificIdsFormat specificIdsFormat = SpecificIdsFormat.PLAIN;
    private volatile Lifecycle lifecycle = Lifecycle.SHORT;
    final AtomicInteger downloadsTimedOut = new AtomicInteger();
    /** How long a status waits for others to share its post. */
    static final long STATUS_LINGER_MS = 300;
    private final List<ObjectNode> gatheredStatuses = new ArrayList<>();
    private int statusesPerPost = 1;
    private int nextOrderId = 5001;
    /** Imported customer returns by AssociatedRef (a repeat imported under its return code). */
    final Map<String, KccReturns.KccReturn> returns = new LinkedHashMap<>();
    final Map<String, Rejection> rejectedReturns = new LinkedHashMap<>();
    /** Customer accounts: URN → name; an order's invoice contact email finds its account again. */
    final Map<String, String> accounts = new LinkedHashMap<>();
    private final Map<String, String> urnByEmail = new HashMap<>();
    private final KccReturns returnChecks = new KccReturns(catalogue);
    private volatile KccReturns.SourceShape returnSourceShape = KccReturns.SourceShape.EITHER;
    private String returnsContinuation;
    private ObjectNode lastReturnPoll;
    private int nextReturnId = 7001;
    private int nextUrn = 1;
    private int nextItemId = 1;
    private int nextShipment = 1;
    private long nextConsignment = 14600001L;
    private int nextInvoice = 106;

    public KhaosSimulator(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    public KhaosSimulator(Settings settings, Clock baseClock) {
        this.settings = settings;
        this.clock = new SimClock(baseClock);
        this.faults = new KccFaults(KccFaults.Settings.none(settings.seed()));
        this.pushes = new KccPushes(settings.login(), faults, clock);
        this.pollInterval = settings.pollInterval();
        this.autoDespatchAfter = settings.autoDespatchAfter();
        this.continuation = FIRST_CONTINUATION.format(clock.instant());
        this.returnsContinuation = continuation;
        this.controlApi = new KhaosControlApi(this);
    }

    public SimResponse handle(SimRequest request) {
        return controlApi.handle(request);
    }

    // ------------------------------------------------------------------ connection and polling

    /** Reads the channel's EndpointConfig (KCC caches it daily); on success pushes the catalogue and all stock levels. */
    public ObjectNode connect() {
        ChannelConfig read;
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(settings.configUrl()))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", settings.login().basicAuthorization()).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            read = ChannelConfig.read(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (ChannelConfig.Refused e) {
            return refuseConfig(e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return refuseConfig("the Configuration URL could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuseConfig("interrupted");
        }
        boolean first;
        synchronized (this) {
            first = config == null;
            config = read;
            configProblem = null;
        }
        if (first) {
            pushCatalogue(catalogueSnapshot(), List.of());
            pushStockStatus(allStockIds());
        }
        return connection();
    }

    private synchronized ObjectNode refuseConfig(String problem) {
        configProblem = problem;
        LOG.log(System.Logger.Level.WARNING, "KCC simulator refused the channel config: " + problem);
        return connection();
    }

    synchronized ObjectNode connection() {
        ObjectNode c = SimJson.object().put("connected", config != null).put("configUrl", settings.configUrl())
                .put("problem", configProblem).put("continuation", continuation);
        if (config != null) {
            c.set("endpoints", config.toJson());
        }
        return c;
    }

    /** Starts the poll loop (every poll interval) and the auto-despatch check (every second). */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "khaos-sim-poll");
            t.setDaemon(true);
            return t;
        });
        schedulePolling();
        scheduler.scheduleWithFixedDelay(this::autoDespatch, 1, 1, TimeUnit.SECONDS);
    }

    private void schedulePolling() {
        if (pollLoop != null) {
            pollLoop.cancel(false);
        }
        if (pollInterval.isZero()) {
            return;
        }
        long millis = pollInterval.toMillis();
        pollLoop = scheduler.scheduleWithFixedDelay(() -> {
            try {
                boolean connected;
                synchronized (this) {
                    connected = config != null;
                }
                if (!connected) {
                    connect();
                } else {
                    poll(List.of());
                    boolean returnsToo;
                    synchronized (this) {
                        returnsToo = config != null && config.returnDownloadUrl() != null;
                    }
                    if (returnsToo) {
                        pollReturns(List.of());
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "KCC simulator poll failed: " + e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    synchronized void pollInterval(Duration interval) {
        this.pollInterval = interval;
        if (scheduler != null) {
            schedulePolling();
        }
    }

    Duration pollInterval() {
        return pollInterval;
    }

    void autoDespatchAfter(Duration after) {
        this.autoDespatchAfter = after;
    }

    Duration autoDespatchAfter() {
        return autoDespatchAfter;
    }

    /**
     * What KCC does with an order whose AssociatedRef it imported from this channel before. The spec says only that the
     * ref "must be unique per channel" (a duty on the integrator); it never says KCC refuses a repeat. {@code reject}
     * (the default) refuses it as a failed import; {@code import} takes it as a second Khaos order with its own code.
     */
    enum DuplicateAssociatedRef implements SettingChoice {
        REJECT("reject"), IMPORT("import");

        private final String setting;

        DuplicateAssociatedRef(String setting) {
            this.setting = setting;
        }

        @Override
        public String setting() {
            return setting;
        }
    }

    /** How KCC writes the refs of a {@code SpecificIDs} retry: {@code plain}, or {@code quoted} as the spec's example. */
    enum SpecificIdsFormat implements SettingChoice {
        PLAIN("plain"), QUOTED("quoted");

        private final String setting;

        SpecificIdsFormat(String setting) {
            this.setting = setting;
        }

        @Override
        public String setting() {
            return setting;
        }
    }

    /**
     * How a shipment moves through Khaos's Sales Invoice Manager. {@code short}: Staging (or ManualHold), then at
     * despatch straight to Archived with its parcels. {@code full}: the stages in turn, one push each (Picking, Packing,
     * Shipping, Invoicing, Issue, Archived), the order's status {@code Shipping} until the last; the Staging shipment
     * carries a package naming only the courier (as the spec's own Staging example does), consignments appear at
     * Shipping (labels printed), the shipment's {@code Code} changes when the invoice is raised at Invoicing, and the
     * order status is sent under the spec's field name {@code OrderStatus} instead of the examples' {@code Status}.
     */
    enum Lifecycle implements SettingChoice {
        SHORT("short"), FULL("full");

        /** The stages a despatched shipment is pushed at under {@code full}, in order. */
        static final List<String> FULL_STAGES = List.of("Picking", "Packing", "Shipping", "Invoicing", "Issue", "Archived");

        private final String setting;

        Lifecycle(String setting) {
            this.setting = setting;
        }

        @Override
        public String setting() {
            return setting;
        }
    }

    void lifecycle(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    Lifecycle lifecycle() {
        return lifecycle;
    }

    /**
     * When KCC sends back the {@code Sirion-Continuation} we answered with. The spec says only that the rest come "at
     * the next scheduled poll"; it is silent on failures. {@code after-import} (the default): only after a 200 with a
     * valid envelope that KCC read whole. {@code always}: whatever became of the answer (refused, unreadable, timed
     * out), so orders it never imported are acknowledged. {@code never-on-timeout}: as after-import, but when KCC timed
     * out after reading the orders it imports them and still sends the previous cursor again, so the page is served
     * again.
     */
    enum ContinuationEcho implements SettingChoice {
        AFTER_IMPORT("after-import"), ALWAYS("always"), NEVER_ON_TIMEOUT("never-on-timeout");

        private final String setting;

        ContinuationEcho(String setting) {
            this.setting = setting;
        }

        @Override
        public String setting() {
            return setting;
        }
    }

    void continuationEcho(ContinuationEcho echo) {
        this.continuationEcho = echo;
    }

    ContinuationEcho continuationEcho() {
        return continuationEcho;
    }

    /** How often KCC stops reading an OrderDownload answer after we produced it (0 to 1; drawn from the fault seed). */
    void downloadTimeoutRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("downloadTimeoutRate must be between 0 and 1, was " + rate);
        }
        this.downloadTimeoutRate = rate;
    }

    double downloadTimeoutRate() {
        return downloadTimeoutRate;
    }

    void specificIdsFormat(SpecificIdsFormat format) {
        this.specificIdsFormat = format;
    }

    SpecificIdsFormat specificIdsFormat() {
        return specificIdsFormat;
    }

    void duplicateAssociatedRef(DuplicateAssociatedRef d) {
        this.duplicateAssociatedRef = d;
    }

    DuplicateAssociatedRef duplicateAssociatedRef() {
        return duplicateAssociatedRef;
    }

    /**
     * One OrderDownload: a normal poll sends the last {@code Sirion-Continuation}; a retry of named orders
     * sends {@code SpecificIDs} and keeps the continuation as it was.
     */
    public ObjectNode poll(List<String> specificIds) {
        ChannelConfig current;
        String sentContinuation;
        synchronized (this) {
            current = config;
            sentContinuation = continuation;
        }
        ObjectNode result = SimJson.object().put("at", clock.instant().toString()).put("sentContinuation", sentContinuation);
        if (current == null) {
            return result.put("status", "not connected: " + configProblem);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(current.orderDownloadUrl())).timeout(Duration.ofSeconds(60))
                .header("Authorization", settings.login().basicAuthorization())
                .header("Sirion-Continuation", sentContinuation).GET();
        if (!specificIds.isEmpty()) {
            String refs = String.join(",", specificIds);
            request.header("SpecificIDs", specificIdsFormat == SpecificIdsFormat.QUOTED ? "\"" + refs + "\"" : refs);
            result.put("specificIds", String.join(",", specificIds));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | IllegalArgumentException e) {
            return remember(result.put("status", "download failed: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result.put("status", "interrupted");
        }
        Optional<String> nextContinuation = response.headers().firstValue("Sirion-Continuation");
        if (response.statusCode() != 200) {
            return remember(echoAnyway(specificIds, nextContinuation, result)
                    .put("status", "download answered HTTP " + response.statusCode()));
        }
        ContinuationEcho echo = continuationEcho;
        boolean timedOut = downloadTimeoutRate > 0 && faults.roll(downloadTimeoutRate);
        result.put("timedOut", timedOut);
        if (timedOut) {
            downloadsTimedOut.incrementAndGet();
        }
        if (timedOut && echo != ContinuationEcho.NEVER_ON_TIMEOUT) {
            // KCC stopped reading our answer: it has not got the orders
            return remember(echoAnyway(specificIds, nextContinuation, result)
                    .put("status", "download timed out: nothing imported"));
        }
        JsonNode download;
        try {
            download = SimJson.read(response.body());
        } catch (IOException e) {
            return remember(echoAnyway(specificIds, nextContinuation, result).put("status", "download is not JSON"));
        }
        List<String> envelopeProblems = new ArrayList<>();
        if (!download.path("Orders").isArray()) {
            envelopeProblems.add("Orders is required (a list of SalesOrder)");
        }
        if (!download.path("ApiVersion").isIntegralNumber() || download.path("ApiVersion").asInt() != API_VERSION) {
            envelopeProblems.add("ApiVersion must be " + API_VERSION + ", was " + download.path("ApiVersion"));
        }
        envelopeProblems.addAll(SalesOrderValidator.checkConfig(download.path("Config")));
        if (!envelopeProblems.isEmpty()) {
            ArrayNode problems = echoAnyway(specificIds, nextContinuation, result).put("status", "download refused")
                    .putArray("problems");
            envelopeProblems.forEach(problems::add);
            return remember(result);
        }
        ArrayNode imported = result.putArray("imported");
        ArrayNode refused = result.putArray("rejected");
        for (JsonNode order : download.path("Orders")) {
            String ref = order.path("Header").path("AssociatedRef").asText("");
            Optional<KccOrder> done = importOrder(order, download.path("Config"), refused);
            done.ifPresent(o -> imported.addObject().put("associatedRef", o.associatedRef).put("orderCode", o.orderCode)
                    .put("held", o.held));
            if (done.isEmpty() && ref.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "KCC simulator rejected an order without AssociatedRef");
            }
        }
        if (timedOut) {
            // never-on-timeout: the orders had arrived and were imported, but KCC counts the download as failed and
            // sends the cursor it sent this time again
            synchronized (this) {
                result.put("nextContinuation", continuation);
            }
            return remember(result.put("status", "download timed out after the orders were read: imported, cursor kept"));
        }
        synchronized (this) {
            if (specificIds.isEmpty() && nextContinuation.isPresent()) {
                continuation = nextContinuation.get();
            }
            result.put("nextContinuation", continuation);
        }
        return remember(result.put("status", "ok"));
    }

    /**
     * The customer account an order is booked to: the {@code Customer.URN} the channel sent, else the account of the same
     * invoice email, else a new one. Khaos makes a new account's URN by its administrator's rule (the spec is silent);
     * the simulator's is the surname's first letters and a number.
     */
    private String accountFor(JsonNode received) {
        String sent = received.path("Customer").path("URN").asText("");
        JsonNode contact = received.path("InvoiceContact");
        String email = KccReturns.normalisedEmail(contact);
        String name = (contact.path("Forename").asText("") + " " + contact.path("Surname").asText("")).strip();
        if (!sent.isBlank()) {
            accounts.putIfAbsent(sent, name);
            return sent;
        }
        if (!email.isEmpty() && urnByEmail.containsKey(email)) {
            return urnByEmail.get(email);
        }
        String letters = contact.path("Surname").asText(contact.path("Forename").asText("CUST")).replaceAll("[^A-Za-z]", "")
                .toUpperCase(Locale.ROOT);
        String urn = (letters.isEmpty() ? "CUST" : letters.substring(0, Math.min(4, letters.length()))) + String.format("%04d", nextUrn++);
        accounts.put(urn, name);
        if (!email.isEmpty()) {
            urnByEmail.put(email, urn);
        }
        return urn;
    }

    KccReturns.SourceShape returnSourceShape() {
        return returnSourceShape;
    }

    void returnSourceShape(KccReturns.SourceShape shape) {
        this.returnSourceShape = shape;
    }

    synchronized ObjectNode lastReturnPoll() {
        return lastReturnPoll == null ? SimJson.object() : lastReturnPoll.deepCopy();
    }

    /**
     * One CReturnDownload, as the order download: GET with Basic auth, our last {@code Sirion-Continuation} (its own cursor,
     * starting at the first-contact date), or {@code SpecificIDs} for a retry of named returns; the same faults
     * ({@code downloadTimeoutRate}, {@code continuationEcho}, {@code importErrorRate}, {@code duplicateAssociatedRef}). The
     * spec does not say KCC sends either header to this endpoint; the simulator does, as for orders.
     */
    public ObjectNode pollReturns(List<String> specificIds) {
        ChannelConfig current;
        String sentContinuation;
        synchronized (this) {
            current = config;
            sentContinuation = returnsContinuation;
        }
        ObjectNode result = SimJson.object().put("at", clock.instant().toString()).put("sentContinuation", sentContinuation);
        if (current == null || current.returnDownloadUrl() == null) {
            return rememberReturns(result.put("status", current == null ? "not connected: " + configProblem
                    : "the channel's EndpointConfig has no CReturnDownload"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(current.returnDownloadUrl())).timeout(Duration.ofSeconds(60))
                .header("Authorization", settings.login().basicAuthorization())
                .header("Sirion-Continuation", sentContinuation).GET();
        if (!specificIds.isEmpty()) {
            String refs = String.join(",", specificIds);
            request.header("SpecificIDs", specificIdsFormat == SpecificIdsFormat.QUOTED ? "\"" + refs + "\"" : refs);
            result.put("specificIds", refs);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | IllegalArgumentException e) {
            return rememberReturns(result.put("status", "download failed: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result.put("status", "interrupted");
        }
        Optional<String> next = response.headers().firstValue("Sirion-Continuation");
        if (response.statusCode() != 200) {
            return rememberReturns(moveReturnsCursorAnyway(specificIds, next, result)
                    .put("status", "download answered HTTP " + response.statusCode()));
        }
        ContinuationEcho echo = continuationEcho;
        boolean timedOut = downloadTimeoutRate > 0 && faults.roll(downloadTimeoutRate);
        result.put("timedOut", timedOut);
        if (timedOut && echo != ContinuationEcho.NEVER_ON_TIMEOUT) {
            return rememberReturns(moveReturnsCursorAnyway(specificIds, next, result).put("status", "download timed out: nothing imported"));
        }
        JsonNode download;
        try {
            download = SimJson.read(response.body());
        } catch (IOException e) {
            return rememberReturns(moveReturnsCursorAnyway(specificIds, next, result).put("status", "download is not JSON"));
        }
        List<String> envelope = new ArrayList<>();
        if (!download.path("Returns").isArray()) {
            envelope.add("Returns is required (a list of CustomerReturn)");
        }
        if (!download.path("ApiVersion").isIntegralNumber() || download.path("ApiVersion").asInt() != API_VERSION) {
            envelope.add("ApiVersion must be " + API_VERSION + ", was " + download.path("ApiVersion"));
        }
        envelope.addAll(KccReturns.checkConfig(download.path("Config")));
        if (!envelope.isEmpty()) {
            ArrayNode problems = moveReturnsCursorAnyway(specificIds, next, result).put("status", "download refused").putArray("problems");
            envelope.forEach(problems::add);
            return rememberReturns(result);
        }
        ArrayNode imported = result.putArray("imported");
        ArrayNode refused = result.putArray("rejected");
        for (JsonNode ret : download.path("Returns")) {
            importReturn(ret, refused).ifPresent(r -> imported.addObject().put("associatedRef", r.associatedRef)
                    .put("returnCode", r.returnCode).put("processed", r.processedAt != null));
        }
        synchronized (this) {
            if (timedOut) {
                result.put("nextContinuation", returnsContinuation);
                return rememberReturns(result.put("status", "download timed out after the returns were read: imported, cursor kept"));
            }
            if (specificIds.isEmpty() && next.isPresent()) {
                returnsContinuation = next.get();
            }
            result.put("nextContinuation", returnsContinuation);
        }
        return rememberReturns(result.put("status", "ok"));
    }

    private ObjectNode moveReturnsCursorAnyway(List<String> specificIds, Optional<String> next, ObjectNode result) {
        synchronized (this) {
            if (continuationEcho == ContinuationEcho.ALWAYS && specificIds.isEmpty() && next.isPresent()) {
                returnsContinuation = next.get();
            }
            result.put("nextContinuation", returnsContinuation);
        }
        return result;
    }

    private synchronized ObjectNode rememberReturns(ObjectNode result) {
        lastReturnPoll = result;
        return result;
    }

    Optional<KccReturns.KccReturn> importReturn(JsonNode received, ArrayNode refused) {
        String ref = received.path("AssociatedRef").asText("");
        KccReturns.KccReturn imported;
        Set<String> touched = new LinkedHashSet<>();
        synchronized (this) {
            Map<String, Double> returned = new HashMap<>();
            returns.values().forEach(r -> r.items.stream().filter(i -> i.sourceOrder() != null)
                    .forEach(i -> returned.merge(i.sourceOrder().orderCode + "#" + i.stockId(), i.quantity(), Double::sum)));
            boolean repeat = duplicateAssociatedRef == DuplicateAssociatedRef.REJECT && returns.containsKey(ref);
            KccReturns.Decision decision = returnChecks.check(received, repeat, accounts.keySet(), orders.values(), returned,
                    returnSourceShape);
            List<String> reasons = new ArrayList<>(decision.problems());
            if (reasons.isEmpty() && faults.roll(faults.settings().importErrorRate())) {
                reasons.add("Khaos could not import the return (simulated internal error); retry it");
            }
            if (!reasons.isEmpty()) {
                Rejection before = rejectedReturns.get(ref);
                rejectedReturns.put(ref, new Rejection(ref, reasons, clock.instant(), before == null ? 1 : before.attempts() + 1, received));
                ArrayNode list = refused.addObject().put("associatedRef", ref).putArray("reasons");
                reasons.forEach(list::add);
                return Optional.empty();
            }
            rejectedReturns.remove(ref);
            imported = new KccReturns.KccReturn(Integer.toString(nextReturnId), String.format("RT%05d", nextReturnId), ref,
                    received.path("URN").asText(), clock.instant(), received);
            nextReturnId++;
            imported.items.addAll(decision.items());
            returns.put(returns.containsKey(ref) ? imported.returnCode : ref, imported);
            if (received.path("ProcessReturn").asBoolean(false)) {
                touched.addAll(process(imported));
            }
        }
        pushStockStatus(touched);
        return Optional.of(imported);
    }

    /** Processes a return (caller holds the lock): its units go back into stock where they left from; answers the items touched. */
    private Set<String> process(KccReturns.KccReturn ret) {
        Set<String> touched = new LinkedHashSet<>();
        if (ret.processedAt != null) {
            return touched;
        }
        ret.processedAt = clock.instant();
        for (KccReturns.Item item : ret.items) {
            stock.level(item.stockId(), item.site()).physical += (int) item.quantity();
            touched.add(item.stockId());
        }
        return touched;
    }

    /** A warehouse person processes a return that was imported unprocessed. */
    KccReturns.KccReturn processReturn(String key) {
        KccReturns.KccReturn ret;
        Set<String> touched;
        synchronized (this) {
            ret = returns.get(key);
            if (ret == null) {
                ret = returns.values().stream().filter(r -> r.returnCode.equalsIgnoreCase(key)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no imported return " + key));
            }
            touched = process(ret);
        }
        pushStockStatus(touched);
        return ret;
    }

    /** Under {@code continuationEcho=always}, a normal download's cursor moves on whatever became of the answer. */
    private ObjectNode echoAnyway(List<String> specificIds, Optional<String> nextContinuation, ObjectNode result) {
        synchronized (this) {
            if (continuationEcho == ContinuationEcho.ALWAYS && specificIds.isEmpty() && nextContinuation.isPresent()) {
                continuation = nextContinuation.get();
            }
            result.put("nextContinuation", continuation);
        }
        return result;
    }

    private synchronized ObjectNode remember(ObjectNode pollResult) {
        lastPoll = pollResult;
        return pollResult;
    }

    Optional<KccOrder> importOrder(JsonNode received, JsonNode importConfig, ArrayNode refused) {
        String ref = received.path("Header").path("AssociatedRef").asText("");
        KccOrder order;
        Set<String> touched = new LinkedHashSet<>();
        synchronized (this) {
            boolean refusesRepeats = duplicateAssociatedRef == DuplicateAssociatedRef.REJECT;
            SalesOrderValidator.Decision decision = validator.check(received, importConfig,
                    refusesRepeats ? orders::containsKey : r -> false);
            List<String> reasons = new ArrayList<>(decision.problems());
            if (reasons.isEmpty() && faults.roll(faults.settings().importErrorRate())) {
                reasons.add("Khaos could not import the order (simulated internal error); retry it");
            }
            if (!reasons.isEmpty()) {
                Rejection before = rejected.get(ref);
                rejected.put(ref, new Rejection(ref, reasons, clock.instant(), before == null ? 1 : before.attempts() + 1, received));
                ObjectNode r = refused.addObject().put("associatedRef", ref);
                ArrayNode list = r.putArray("reasons");
                reasons.forEach(list::add);
                return Optional.empty();
            }
            rejected.remove(ref);
            order = new KccOrder(Integer.toString(nextOrderId), String.format("SO%05d", nextOrderId), ref,
                    received.path("Header").path("CustomData").asText(""), decision.site(), clock.instant(), received,
                    decision.courier());
            nextOrderId++;
            order.urn = accountFor(received);
            order.held = decision.hold();
            order.skippedSkus.addAll(decision.skipped());
            price(order, received, decision);
            for (KccOrder.Line line : order.lines) {
                if (line.allocates) {
                    stock.level(line.stockId, line.site).allocated += (int) Math.ceil(line.quantity);
                    touched.add(line.stockId);
                }
            }
            order.shipments.add(pendingShipment(order, "S" + nextShipment++));
            // a second order for one ref (duplicateAssociatedRef=import) is kept under its own order code
            orders.put(orders.containsKey(ref) ? order.orderCode : ref, order);
        }
        pushOrderStatus(order);
        pushStockStatus(touched);
        return Optional.of(order);
    }

    /** Line and order totals as KCC would hold them (gross), with the rounding correction GrossTotal allows. */
    /**
     * Totals as Khaos works them out. {@code CalcMethod} 1 (Net): each line's net, its VAT rounded per line, added on;
     * 2 (Gross): each line's gross; 0 or absent (Auto): gross where the prices were sent gross, else net (the spec
     * lets the customer's classification decide; B2C gross, B2B net). A {@code DeliveryCharge} left out is Khaos's own
     * charge for the courier ("If omitted, the system will calculate delivery").
     */
    private void price(KccOrder order, JsonNode received, SalesOrderValidator.Decision decision) {
        JsonNode header = received.path("Header");
        int calcMethod = header.path("CalcMethod").asInt(0);
        boolean sentGross = decision.lines().stream().allMatch(a -> a.item().path("UnitPrice").path("Gross").isNumber());
        order.calcNet = calcMethod == 1 || (calcMethod != 2 && !sentGross);
        BigDecimal highestRate = BigDecimal.ZERO;
        for (SalesOrderValidator.AcceptedLine accepted : decision.lines()) {
            JsonNode item = accepted.item();
            BigDecimal rate = catalogue.taxRates.get(accepted.stock().taxCode).percent();
            highestRate = highestRate.max(rate);
            BigDecimal[] unit = netAndGross(item.path("UnitPrice"), rate);
            BigDecimal quantity = BigDecimal.valueOf(accepted.quantity());
            BigDecimal line = (order.calcNet ? unit[0] : unit[1]).multiply(quantity);
            if (item.path("PercentDiscount").isNumber()) {
                line = line.subtract(line.multiply(item.path("PercentDiscount").decimalValue()).divide(BigDecimal.valueOf(100), 2,
                        RoundingMode.HALF_UP));
            }
            if (item.path("ValueDiscount").isNumber()) {
                line = line.subtract(item.path("ValueDiscount").decimalValue());
            }
            line = line.setScale(2, RoundingMode.HALF_UP);
            if (order.calcNet) {
                line = line.add(line.multiply(rate).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP));
            }
            boolean allocates = accepted.stock().stockControlled && !accepted.stock().nonPhysical;
            order.lines.add(new KccOrder.Line("OI" + String.format("%06d", nextItemId++), item.path("SKU").asText(),
                    accepted.stock().stockId, accepted.stock().stockCode, accepted.site(), accepted.quantity(), unit[0], unit[1],
                    line, item.path("ImportRef").asText(""), item.path("WebItemRef").asText(""), allocates));
            order.goodsGross = order.goodsGross.add(line);
        }
        if (header.has("DeliveryCharge")) {
            order.deliveryGross = netAndGross(header.path("DeliveryCharge"), highestRate)[1];
        } else {
            order.deliveryGross = courierOf(order).charge();
            order.deliveryCalculated = true;
        }
        BigDecimal total = order.goodsGross.add(order.deliveryGross);
        if (header.path("ValueDiscount").isNumber()) {
            total = total.subtract(header.path("ValueDiscount").decimalValue());
        }
        order.total = total.setScale(2, RoundingMode.HALF_UP);
        if (header.path("GrossTotal").isNumber()) {
            order.grossTotalSent = header.path("GrossTotal").decimalValue().setScale(2, RoundingMode.HALF_UP);
            order.roundingCorrection = order.grossTotalSent.subtract(order.total);
        }
    }

    private static BigDecimal[] netAndGross(JsonNode price, BigDecimal rate) {
        BigDecimal factor = BigDecimal.ONE.add(rate.divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP));
        if (price.path("Gross").isNumber()) {
            BigDecimal gross = price.path("Gross").decimalValue();
            return new BigDecimal[] {gross.divide(factor, 4, RoundingMode.HALF_UP), gross};
        }
        BigDecimal net = price.path("Net").decimalValue();
        return new BigDecimal[] {net, net.multiply(factor).setScale(4, RoundingMode.HALF_UP)};
    }

    private KccOrder.Shipment pendingShipment(KccOrder order, String id) {
        List<KccOrder.ShipmentItem> items = new ArrayList<>();
        for (KccOrder.Line line : order.lines) {
            if (line.remaining() > 0) {
                items.add(new KccOrder.ShipmentItem(line.orderItemId, "SI" + line.orderItemId.substring(2) + "-" + id, line.sku,
                        line.remaining(), line.importRef, line.webItemRef));
            }
        }
        List<KccOrder.ShipmentPackage> packages = lifecycle == Lifecycle.FULL
                ? List.of(new KccOrder.ShipmentPackage("", courierOf(order), null)) : List.of();
        return new KccOrder.Shipment(id, "INV" + id.substring(1), order.held ? "ManualHold" : "Staging", items, packages);
    }

    private KccCatalogue.Courier courierOf(KccOrder order) {
        return Optional.ofNullable(order.courier).orElse(catalogue.couriers.get(0));
    }

    /** Not yet despatched: the part of the order still waiting in the warehouse. */
    private static boolean pending(KccOrder.Shipment shipment) {
        return !shipment.status().equals("Archived");
    }

    // ------------------------------------------------------------------ despatch and cancellation

    /**
     * A despatch request: which lines (empty: all that remain) in which parcels (empty: one, with the order's courier).
     * A parcel's consignment ref: null makes one up (as label printing does), "" sends none (an untracked service).
     */
    record DespatchLine(String sku, double quantity) {
    }

    record Parcel(String consignmentRef, String courier) {
    }

    synchronized Optional<KccOrder> order(String refOrCode) {
        KccOrder byRef = orders.get(refOrCode);
        if (byRef != null) {
            return Optional.of(byRef);
        }
        return orders.values().stream().filter(o -> o.orderCode.equals(refOrCode) || o.orderId.equals(refOrCode)).findFirst();
    }

    /** Despatches lines of an order in one shipment; stock leaves the warehouse (physical and allocation drop). */
    KccOrder despatch(String refOrCode, List<DespatchLine> lines, List<Parcel> parcels) {
        KccOrder order;
        Set<String> touched = new LinkedHashSet<>();
        synchronized (this) {
            order = order(refOrCode).orElseThrow(() -> new IllegalArgumentException("no order " + refOrCode));
            if (order.status.equals("Cancelled") || order.fullyDespatched()) {
                throw new IllegalStateException("order " + order.orderCode + " is " + order.status + "; nothing to despatch");
            }
            Map<KccOrder.Line, Double> take = new LinkedHashMap<>();
            if (lines.isEmpty()) {
                order.lines.stream().filter(l -> l.remaining() > 0).forEach(l -> take.put(l, l.remaining()));
            } else {
                for (DespatchLine wanted : lines) {
                    KccOrder.Line line = order.lines.stream()
                            .filter(l -> (l.sku.equalsIgnoreCase(wanted.sku()) || l.stockCode.equalsIgnoreCase(wanted.sku()))
                                    && l.remaining() > 0).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("order " + order.orderCode + " has nothing left of " + wanted.sku()));
                    if (wanted.quantity() <= 0 || wanted.quantity() > line.remaining()) {
                        throw new IllegalArgumentException("can despatch 1 to " + line.remaining() + " of " + wanted.sku());
                    }
                    take.merge(line, wanted.quantity(), Double::sum);
                }
            }
            String shipmentId = "S" + nextShipment++;
            List<KccOrder.ShipmentItem> items = new ArrayList<>();
            take.forEach((line, quantity) -> {
                line.despatched += quantity;
                items.add(new KccOrder.ShipmentItem(line.orderItemId, "SI" + line.orderItemId.substring(2) + "-" + shipmentId,
                        line.sku, quantity, line.importRef, line.webItemRef));
                if (line.allocates) {
                    KccStock.Level level = stock.level(line.stockId, line.site);
                    level.physical -= (int) Math.ceil(quantity);
                    level.allocated -= (int) Math.ceil(quantity);
                    touched.add(line.stockId);
                }
            });
            List<KccOrder.ShipmentPackage> packages = new ArrayList<>();
            List<Parcel> wanted = parcels.isEmpty() ? List.of(new Parcel(null, null)) : parcels;
            for (Parcel parcel : wanted) {
                KccCatalogue.Courier courier = parcel.courier() == null || parcel.courier().isBlank()
                        ? Optional.ofNullable(order.courier).orElse(catalogue.couriers.get(0))
                        : catalogue.courier(parcel.courier(), parcel.courier(), parcel.courier())
                        .orElseThrow(() -> new IllegalArgumentException("no courier " + parcel.courier()));
                // none given: the courier's label printing makes one; "" given: an untracked service, no reference
                String consignment = parcel.consignmentRef() == null
                        ? "JD" + String.format("%012d", nextConsignment++) + "GB" : parcel.consignmentRef().trim();
                packages.add(new KccOrder.ShipmentPackage(consignment, courier, clock.instant()));
            }
            order.shipments.removeIf(KhaosSimulator::pending);
            String code = "INV" + shipmentId.substring(1);
            if (lifecycle == Lifecycle.FULL) {
                // each stage before the last its own push; the invoice (and the shipment's Code) is raised at Invoicing
                List<KccOrder.ShipmentPackage> courierOnly = packages.stream()
                        .map(p -> new KccOrder.ShipmentPackage("", p.courier(), null)).toList();
                List<String> stages = Lifecycle.FULL_STAGES;
                String invoiced = "INV" + nextInvoice++;
                for (String stage : stages.subList(0, stages.size() - 1)) {
                    boolean labelled = stages.indexOf(stage) >= stages.indexOf("Shipping");
                    boolean invoice = stages.indexOf(stage) >= stages.indexOf("Invoicing");
                    order.shipments.removeIf(sh -> sh.id().equals(shipmentId));
                    order.shipments.add(new KccOrder.Shipment(shipmentId, invoice ? invoiced : code, stage, items,
                            labelled ? packages : courierOnly));
                    order.status = "Shipping";
                    pushOrderStatus(order);
                }
                order.shipments.removeIf(sh -> sh.id().equals(shipmentId));
                code = invoiced;
            }
            order.shipments.add(new KccOrder.Shipment(shipmentId, code, "Archived", items, packages));
            if (!order.fullyDespatched()) {
                order.shipments.add(pendingShipment(order, "S" + nextShipment++));
            }
            order.status = order.fullyDespatched() ? "Complete" : "PartialShip";
        }
        pushOrderStatus(order);
        pushStockStatus(touched);
        return order;
    }

    /** Cancels what is left of an order in Khaos; its allocation is released. */
    KccOrder cancel(String refOrCode) {
        KccOrder order;
        Set<String> touched = new LinkedHashSet<>();
        synchronized (this) {
            order = order(refOrCode).orElseThrow(() -> new IllegalArgumentException("no order " + refOrCode));
            if (order.status.equals("Cancelled") || order.status.equals("Complete")) {
                throw new IllegalStateException("order " + order.orderCode + " is " + order.status + " and cannot be cancelled");
            }
            for (KccOrder.Line line : order.lines) {
                if (line.allocates && line.remaining() > 0) {
                    stock.level(line.stockId, line.site).allocated -= (int) Math.ceil(line.remaining());
                    touched.add(line.stockId);
                }
            }
            order.shipments.removeIf(KhaosSimulator::pending);
            order.status = "Cancelled";
        }
        pushOrderStatus(order);
        pushStockStatus(touched);
        return order;
    }

    private void autoDespatch() {
        Duration after = autoDespatchAfter;
        if (after.isZero()) {
            return;
        }
        List<String> due = new ArrayList<>();
        synchronized (this) {
            Instant cutoff = clock.instant().minus(after);
            orders.values().stream().filter(o -> !o.held && (o.status.equals("Received") || o.status.equals("PartialShip"))
                    && o.importedAt.isBefore(cutoff)).forEach(o -> due.add(o.associatedRef));
        }
        for (String ref : due) {
            try {
                despatch(ref, List.of(), List.of());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "auto-despatch of " + ref + " failed: " + e.getMessage());
            }
        }
    }

    // ------------------------------------------------------------------ stock and catalogue changes

    /** Sets an item's physical stock at a site (a stock take or adjustment). */
    void setPhysical(String code, int site, int physical, Integer onOrder) {
        KccItem item = itemByCode(code);
        synchronized (this) {
            requireSite(site);
            KccStock.Level level = stock.level(item.stockId, site);
            level.physical = physical;
            if (onOrder != null) {
                level.onOrder = onOrder;
            }
        }
        pushStockStatus(List.of(item.stockId));
    }

    /** Another sales channel (a marketplace, the shop floor) sells some of an item at a site. */
    void consume(String code, int site, int quantity) {
        KccItem item = itemByCode(code);
        synchronized (this) {
            requireSite(site);
            if (quantity <= 0) {
                throw new IllegalArgumentException("quantity must be 1 or more");
            }
            stock.level(item.stockId, site).physical -= quantity;
        }
        pushStockStatus(List.of(item.stockId));
    }

    /** Changes an item's options or code in Khaos; the catalogue is pushed again for it. */
    void updateItem(String code, JsonNode patch) {
        KccItem item = itemByCode(code);
        synchronized (this) {
            // prices first: a patch with a bad one changes nothing
            BigDecimal sell = price(patch, "sellPrice", item.sellGross);
            BigDecimal listing = price(patch, "channelListingPrice", item.channelListingGross);
            BigDecimal web = price(patch, "websitePrice", item.websiteGross);
            if (patch.has("stockCode")) {
                item.stockCode = patch.path("stockCode").asText(item.stockCode);
            }
            item.discontinued = patch.path("discontinued").asBoolean(item.discontinued);
            item.runToZero = patch.path("runToZero").asBoolean(item.runToZero);
            item.publishOnWeb = patch.path("publishOnWeb").asBoolean(item.publishOnWeb);
            item.description = patch.path("description").asText(item.description);
            item.stockControlled = patch.path("stockControlled").asBoolean(item.stockControlled);
            if (patch.has("barcodes")) {
                List<String> barcodes = new ArrayList<>();
                patch.path("barcodes").forEach(b -> barcodes.add(b.asText()));
                item.barcodes = List.copyOf(barcodes);
            }
            item.sellGross = sell;
            item.channelListingGross = listing;
            item.websiteGross = web;
            if (patch.has("taxCode")) {
                String taxCode = patch.path("taxCode").asText();
                if (!catalogue.taxRates.containsKey(taxCode)) {
                    throw new IllegalArgumentException("tax codes are " + catalogue.taxRates.keySet());
                }
                item.taxCode = taxCode;
            }
        }
        pushCatalogue(List.of(item), List.of());
    }

    /** A gross price from a control patch: a number sets it, null clears it (not for the sell price), absent keeps it. */
    private static BigDecimal price(JsonNode patch, String field, BigDecimal current) {
        if (!patch.has(field)) {
            return current;
        }
        JsonNode value = patch.get(field);
        if (value.isNull() && !field.equals("sellPrice")) {
            return null;
        }
        if (!value.isNumber() || value.decimalValue().signum() < 0) {
            throw new IllegalArgumentException(field + " must be a gross price (a number, 0 or more)"
                    + (field.equals("sellPrice") ? "" : ", or null for none"));
        }
        return value.decimalValue().setScale(2, RoundingMode.HALF_UP);
    }

    /** Deletes an item in Khaos; the channel gets its id in {@code Deleted}. */
    void deleteItem(String code) {
        KccItem item = itemByCode(code);
        synchronized (this) {
            catalogue.byId.remove(item.stockId);
        }
        pushCatalogue(List.of(), List.of(item.stockId));
    }

    synchronized KccItem itemByCode(String code) {
        return catalogue.byCode(code).orElseThrow(() -> new IllegalArgumentException("no stock item " + code));
    }

    private void requireSite(int site) {
        if (catalogue.sites.stream().noneMatch(s -> s.id() == site)) {
            throw new IllegalArgumentException("sites are " + catalogue.sites);
        }
    }

    // ------------------------------------------------------------------ pushes

    private synchronized List<KccItem> catalogueSnapshot() {
        return List.copyOf(catalogue.byId.values());
    }

    private synchronized List<String> allStockIds() {
        return List.copyOf(catalogue.byId.keySet());
    }

    private void pushCatalogue(List<KccItem> items, List<String> deleted) {
        String url;
        List<String> bodies = new ArrayList<>();
        synchronized (this) {
            if (config == null) {
                return;
            }
            url = config.stockUrl();
            for (int from = 0; from < Math.max(1, items.size()); from += STOCK_UPLOAD_BATCH) {
                List<KccItem> batch = items.subList(Math.min(from, items.size()), Math.min(items.size(), from + STOCK_UPLOAD_BATCH));
                bodies.add(KccMessages.stockUpload(catalogue, batch, from == 0 ? deleted : List.of()));
            }
        }
        bodies.forEach(body -> pushes.push("StockUpload", url, body));
    }

    /**
     * Pushes the channel's price list ({@code PriceListUpload}, 500 items a POST) when the channel's EndpointConfig
     * declares one; answers how many POSTs, or refuses when it does not.
     */
    int pushPriceLists() {
        String url;
        List<String> bodies = new ArrayList<>();
        synchronized (this) {
            if (config == null || config.priceListUrl() == null) {
                throw new IllegalStateException("the channel's EndpointConfig declares no PriceListUpload");
            }
            url = config.priceListUrl();
            List<KccItem> items = new ArrayList<>(catalogue.byId.values());
            for (int from = 0; from < items.size(); from += 500) {
                bodies.add(KccMessages.priceLists(items.subList(from, Math.min(items.size(), from + 500))));
            }
        }
        bodies.forEach(body -> pushes.push("PriceListUpload", url, body));
        return bodies.size();
    }

    /** Pushes the levels of these items, and of the build items made from them: one entry per site, 100 per POST. */
    private void pushStockStatus(Collection<String> stockIds) {
        if (stockIds.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (config == null) {
                return;
            }
            String url = config.stockStatusUrl();
            Set<KccItem> affected = new LinkedHashSet<>();
            List<KccItem> builds = catalogue.byId.values().stream().filter(KccItem::isBuild).toList();
            for (String id : stockIds) {
                Optional.ofNullable(catalogue.byId.get(id)).ifPresent(affected::add);
                builds.stream().filter(i -> i.components.containsKey(id)).forEach(affected::add);
            }
            List<ObjectNode> entries = new ArrayList<>();
            for (KccItem item : affected) {
                for (KccCatalogue.Site site : catalogue.sites) {
                    if (item.stockControlled || item.isBuild()) {
                        entries.add(KccMessages.stockStatus(item, site.id(), stock));
                    }
                }
            }
            for (int from = 0; from < entries.size(); from += STATUS_BATCH) {
                List<ObjectNode> batch = entries.subList(from, Math.min(entries.size(), from + STATUS_BATCH));
                Map<String, Double> figures = new HashMap<>();
                for (ObjectNode e : batch) {
                    JsonNode figure = e.has("Levels") ? e.path("Levels").path("Available")
                            : e.path("RelationshipPotential").path("FromChildren");
                    figures.put(e.path("StockCode").asText() + "#" + e.path("SiteID").asInt(), figure.asDouble());
                }
                // queued under the lock, so pushes leave in the order the stock changed
                pushes.push("StockStatusUpload", url, KccMessages.statuses(batch), sentAs -> delivered(figures, sentAs));
            }
        }
    }

    /** The figures a push the channel stored carried, unless a push sent after it was stored first. */
    private void delivered(Map<String, Double> figures, long sentAs) {
        synchronized (lastPushed) {
            figures.forEach((key, figure) -> lastPushed.merge(key, new LastPushed(figure, sentAs),
                    (was, now) -> now.sentAs() > was.sentAs() ? now : was));
        }
    }

    /** What Khaos last told the channel of a code at a site (by the order its pushes were sent), if anything. */
    Optional<Double> lastPushed(String stockCode, int site) {
        synchronized (lastPushed) {
            return Optional.ofNullable(lastPushed.get(stockCode + "#" + site)).map(LastPushed::figure);
        }
    }

    private record LastPushed(double figure, long sentAs) {
    }

    /**
     * Queues the order's status as it is now. With {@code statusesPerPost} n > 1, statuses are gathered into one post
     * of up to n (sent when full, or {@value #STATUS_LINGER_MS} ms after the first): the spec's own example carries
     * two, and a post is answered, and sent again, as a whole.
     */
    private void pushOrderStatus(KccOrder order) {
        synchronized (this) {
            if (config == null || config.orderStatusUrl() == null) {
                return;
            }
            gatheredStatuses.add(KccMessages.orderStatus(order, settings.channelId(),
                    lifecycle == Lifecycle.FULL ? "OrderStatus" : "Status"));
            if (gatheredStatuses.size() >= statusesPerPost) {
                // queued under the lock: no moment when the status is neither gathered nor a pending push
                pushes.push("OrderStatusUpload", config.orderStatusUrl(), takeGatheredStatuses());
            } else if (gatheredStatuses.size() == 1) {
                pushes.later(this::pushGatheredStatuses, STATUS_LINGER_MS);
            }
        }
    }

    private void pushGatheredStatuses() {
        synchronized (this) {
            if (gatheredStatuses.isEmpty() || config == null || config.orderStatusUrl() == null) {
                return;
            }
            pushes.push("OrderStatusUpload", config.orderStatusUrl(), takeGatheredStatuses());
        }
    }

    private String takeGatheredStatuses() {
        String body = KccMessages.statuses(gatheredStatuses);
        gatheredStatuses.clear();
        return body;
    }

    /** Nothing waiting to be pushed: no push queued or retried, and no status gathered for a post. */
    boolean pushesIdle() {
        synchronized (this) {
            if (!gatheredStatuses.isEmpty()) {
                return false;
            }
        }
        return pushes.idle();
    }

    void statusesPerPost(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("statusesPerPost must be 1 or more, was " + n);
        }
        synchronized (this) {
            statusesPerPost = n;
        }
    }

    synchronized int statusesPerPost() {
        return statusesPerPost;
    }

    /** Pushes every item's levels again (as after a stock take). */
    void pushAllStock() {
        pushStockStatus(allStockIds());
    }

    /**
     * Adds {@code count} plain items ({@code prefix0000001} …) with {@code physical} units at site 1, for scale runs,
     * and pushes them: the catalogue, then their stock levels.
     */
    ObjectNode generateItems(String prefix, int count, int physical) {
        List<String> ids = new ArrayList<>();
        synchronized (this) {
            Set<String> existing = new HashSet<>();
            catalogue.byId.values().forEach(item -> existing.add(item.stockCode.toUpperCase(Locale.ROOT)));
            for (int i = 1; i <= count; i++) {
                String code = prefix + String.format("%07d", i);
                if (existing.contains(code.toUpperCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("item " + code + " exists already");
                }
                String id = catalogue.add(code, "Generated item " + i, physical);
                stock.level(id, 1).physical = physical;
                ids.add(id);
            }
        }
        List<KccItem> items;
        synchronized (this) {
            items = ids.stream().map(catalogue.byId::get).toList();
        }
        pushCatalogue(items, List.of());
        pushStockStatus(new LinkedHashSet<>(ids));
        return SimJson.object().put("generated", count).put("first", prefix + String.format("%07d", 1))
                .put("last", prefix + String.format("%07d", count));
    }

    /** Pushes the whole catalogue again (as when the channel's stock upload is first linked). */
    void pushWholeCatalogue() {
        pushCatalogue(catalogueSnapshot(), List.of());
    }

    synchronized ObjectNode lastPoll() {
        return lastPoll.deepCopy();
    }

    String channelId() {
        return settings.channelId();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
        pushes.close();
    }
}
