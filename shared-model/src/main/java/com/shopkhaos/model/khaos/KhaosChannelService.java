package com.shopkhaos.model.khaos;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.intake.UnreadableMessageException;
import com.shopkhaos.model.secrets.RotatingSecret;
import com.shopkhaos.model.web.EndpointAnswer;
import com.shopkhaos.model.web.JsonText;
import com.shopkhaos.model.web.RequestHeaders;
import com.shopkhaos.model.stock.StockChangePublisher;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Our channel's front door for Khaos Control Cloud, which calls us: the {@code EndpointConfig} file,
 * {@code OrderDownload}, and the pushes ({@code OrderStatusUpload}, {@code StockStatusUpload},
 * {@code StockUpload}). Every call needs the channel's Basic auth. A push is answered 200 only once it
 * is safely stored; anything else makes KCC send it again.
 */
public final class KhaosChannelService {
    public static final String CONFIG_PATH = "/khaos/config.json";
    public static final String ORDERS_PATH = "/khaos/orders";
    public static final String ORDER_STATUS_PATH = "/khaos/order-status";
    public static final String STOCK_STATUS_PATH = "/khaos/stock-status";
    public static final String STOCK_PATH = "/khaos/stock";
    public static final String CONTINUATION_HEADER = "Sirion-Continuation";
    public static final String SPECIFIC_IDS_HEADER = "SpecificIDs";
    private static final System.Logger LOG = System.getLogger(KhaosChannelService.class.getName());

    private final RotatingSecret<ChannelCredentials> credentials;
    private final KhaosMessageCodec codec;
    private final KhaosInbox inbox;
    private final KhaosCatalogue catalogue;
    private final ExceptionLedger exceptions;
    private final TaxRateTable taxRates;
    private final KhaosOrderFeed feed;
    private final OrderStatusHandler statuses;
    private final KhaosStockLevels stock;
    private final StockChangePublisher stockChanges;
    private final int orderDownloadFrequencyMinutes;
    private final Optional<String> publicBaseUrl;
    private final Clock clock;

    public KhaosChannelService(ChannelCredentials credentials, KhaosMessageCodec codec, KhaosInbox inbox,
                               KhaosCatalogue catalogue, ExceptionLedger exceptions, TaxRateTable taxRates,
                               KhaosOrderFeed feed, OrderStatusHandler statuses, KhaosStockLevels stock,
                               StockChangePublisher stockChanges,
                               int orderDownloadFrequencyMinutes, Optional<String> publicBaseUrl, Clock clock) {
        this(RotatingSecret.fixed(credentials), codec, inbox, catalogue, exceptions, taxRates, feed, statuses, stock,
                stockChanges, orderDownloadFrequencyMinutes, publicBaseUrl, clock);
    }

    /** @param credentials the channel's credentials, read again after a TTL and when a caller's do not match (rotation) */
    public KhaosChannelService(RotatingSecret<ChannelCredentials> credentials, KhaosMessageCodec codec, KhaosInbox inbox,
                               KhaosCatalogue catalogue, ExceptionLedger exceptions, TaxRateTable taxRates,
                               KhaosOrderFeed feed, OrderStatusHandler statuses, KhaosStockLevels stock,
                               StockChangePublisher stockChanges,
                               int orderDownloadFrequencyMinutes, Optional<String> publicBaseUrl, Clock clock) {
        this.credentials = credentials;
        this.codec = codec;
        this.inbox = inbox;
        this.catalogue = catalogue;
        this.exceptions = exceptions;
        this.taxRates = taxRates;
        this.feed = feed;
        this.statuses = statuses;
        this.stock = stock;
        this.stockChanges = stockChanges;
        this.orderDownloadFrequencyMinutes = orderDownloadFrequencyMinutes;
        this.publicBaseUrl = publicBaseUrl.filter(s -> !s.isBlank());
        this.clock = clock;
    }

    /** Basic auth with the channel's credentials; a rotated password is read afresh at most once a minute. */
    private boolean admitted(RequestHeaders headers) {
        Optional<String> authorization = headers.get("Authorization");
        return authorization.isPresent() && credentials.admitting(c -> c.admits(authorization)).isPresent();
    }

    /** {@code GET /khaos/config.json}: the EndpointConfig a retailer points KCC's "Configuration URL" at. */
    public EndpointAnswer config(RequestHeaders headers, String requestBaseUrl) {
        if (!admitted(headers)) {
            return unauthorised();
        }
        String base = publicBaseUrl.orElse(requestBaseUrl).replaceAll("/+$", "");
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("OrderDownload", base + ORDERS_PATH);
        urls.put("OrderStatusUpload", base + ORDER_STATUS_PATH);
        urls.put("StockStatusUpload", base + STOCK_STATUS_PATH);
        urls.put("StockUpload", base + STOCK_PATH);
        return EndpointAnswer.json(200, codec.endpointConfig(urls, orderDownloadFrequencyMinutes));
    }

    /**
     * {@code GET /khaos/orders}: the next page of READY orders (acknowledging the page named by
     * {@code Sirion-Continuation}), or exactly the orders named in {@code SpecificIDs}. When the ledger cannot
     * be read, 503 and nothing changes: Khaos asks again at its next download.
     */
    public EndpointAnswer orderDownload(RequestHeaders headers) {
        if (!admitted(headers)) {
            return unauthorised();
        }
        Optional<String> continuation = headers.get(CONTINUATION_HEADER).filter(c -> !c.isBlank());
        List<String> specific = specificIds(headers.get(SPECIFIC_IDS_HEADER).orElse(""));
        KhaosOrderFeed.Download download;
        try {
            download = specific.isEmpty() ? feed.next(continuation) : feed.specific(specific, continuation);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "order download failed, Khaos will ask again: " + e);
            return EndpointAnswer.json(503, JsonText.object("error", "orders unavailable, ask again"));
        }
        EndpointAnswer answer = EndpointAnswer.json(200, codec.orderDownload(download.salesOrders()));
        return download.continuation().map(c -> answer.withHeader(CONTINUATION_HEADER, c)).orElse(answer);
    }

    /** {@code SpecificIDs: "A1,A2"}: comma-separated AssociatedRefs; the spec shows them quoted, so quotes are dropped. */
    static List<String> specificIds(String header) {
        List<String> ids = new ArrayList<>();
        for (String part : header.split(",")) {
            String id = part.strip().replaceAll("^\"+|\"+$", "").strip();
            if (!id.isEmpty() && !ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** {@code POST} of an upload: checked, kept raw (and, for the catalogue, applied), then 200. */
    public EndpointAnswer upload(KhaosUploadKind kind, RequestHeaders headers, byte[] body) {
        if (!admitted(headers)) {
            return unauthorised();
        }
        Instant now = clock.instant();
        CatalogueChange change = null;
        OrderStatusUpload orderStatuses = null;
        StockStatusUpload stockStatuses = null;
        try {
            if (kind == KhaosUploadKind.STOCK) {
                change = codec.readStockUpload(body, taxRates, now);
            } else if (kind == KhaosUploadKind.ORDER_STATUS) {
                orderStatuses = codec.readOrderStatuses(body);
            } else {
                stockStatuses = codec.readStockStatuses(body, now);
            }
        } catch (UnreadableMessageException e) {
            return unreadable(kind, body, e.getMessage(), now);
        }
        try {
            inbox.keep(new KhaosUpload(UUID.randomUUID().toString(), kind, now, new String(body, StandardCharsets.UTF_8)));
            if (change != null) {
                catalogue.apply(change, now);
                reportUnknownTaxCodes(change, now);
            }
            if (orderStatuses != null) {
                applyOrderStatuses(orderStatuses, now);
            }
            if (stockStatuses != null) {
                stockChanges.changed(stock.record(stockStatuses.levels()), "Khaos stock push", now);
                setAside(stockStatuses.unreadableEntries(), "stock_status", "a stock level", now);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, kind + " upload not stored, Khaos will send it again: " + e);
            return EndpointAnswer.json(500, JsonText.object("error", "not stored, send again"));
        }
        LOG.log(Level.INFO, kind + " upload stored (" + body.length + " bytes"
                + (change == null ? "" : ", " + change.items().size() + " items, " + change.deletedStockIds().size() + " deleted")
                + ")");
        return EndpointAnswer.json(200, JsonText.object("stored", kind.name()));
    }

    private void applyOrderStatuses(OrderStatusUpload upload, Instant now) {
        Map<KhaosOrderStatusRecorder.Effect, Integer> effects = new java.util.EnumMap<>(KhaosOrderStatusRecorder.Effect.class);
        for (KhaosOrderStatus status : upload.statuses()) {
            effects.merge(statuses.apply(status), 1, Integer::sum);
        }
        setAside(upload.unreadableEntries(), "order_status", "an order status", now);
        LOG.log(Level.INFO, "order statuses applied: " + effects + (upload.unreadableEntries().isEmpty() ? ""
                : ", " + upload.unreadableEntries().size() + " unreadable"));
    }

    private void setAside(List<String> entries, String kind, String what, Instant now) {
        for (String entry : entries) {
            exceptions.raise(ExceptionRecord.open(ExceptionType.KHAOS_UPLOAD_UNREADABLE,
                    kind + "-entry-" + sha256(entry.getBytes(StandardCharsets.UTF_8)).substring(0, 20),
                    what + " in a push from Khaos could not be read (the others were applied)", entry, now));
        }
    }

    private void reportUnknownTaxCodes(CatalogueChange change, Instant now) {
        TreeSet<String> unknown = new TreeSet<>();
        change.items().stream().filter(i -> i.taxRatePercent().isEmpty()).forEach(i -> unknown.add(i.taxRateCode()));
        for (String code : unknown) {
            long items = change.items().stream().filter(i -> i.taxRateCode().equals(code)).count();
            exceptions.raise(ExceptionRecord.open(ExceptionType.UNKNOWN_TAX_RATE_CODE, "tax-rate-" + (code.isEmpty() ? "blank" : code),
                    "Khaos tax rate code \"" + code + "\" on " + items + " item(s) has no percentage in KHAOS_TAX_RATES "
                            + "(configured: " + taxRates.asMap().keySet() + ")", "", now));
        }
    }

    private EndpointAnswer unreadable(KhaosUploadKind kind, byte[] body, String reason, Instant now) {
        String subject = kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + sha256(body).substring(0, 20);
        try {
            exceptions.raise(ExceptionRecord.open(ExceptionType.KHAOS_UPLOAD_UNREADABLE, subject,
                    kind + " upload not readable: " + reason, new String(body, StandardCharsets.UTF_8), now));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "unreadable " + kind + " upload could not be kept: " + e);
            return EndpointAnswer.json(500, JsonText.object("error", "could not be kept, send again"));
        }
        LOG.log(Level.WARNING, kind + " upload unreadable, kept as exception: " + reason);
        return EndpointAnswer.json(400, JsonText.object("error", reason));
    }

    private static EndpointAnswer unauthorised() {
        return EndpointAnswer.json(401, JsonText.object("error", "channel user name or password missing or wrong"))
                .withHeader("WWW-Authenticate", "Basic realm=\"Khaos channel\"");
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
