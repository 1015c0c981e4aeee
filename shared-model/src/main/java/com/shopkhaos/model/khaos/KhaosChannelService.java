package com.shopkhaos.model.khaos;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.intake.UnreadableMessageException;
import com.shopkhaos.model.secrets.RotatingSecret;
import com.shopkhaos.model.stock.StockChangePublisher;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Our channel for Khaos Control Cloud, which calls us: where our endpoints are, the order download, and the pushes
 * (order statuses, stock statuses, the stock catalogue). Every caller must present the channel's credentials
 * ({@link #admits}). A push is {@link ChannelAnswer.Stored} only once it is safely stored; anything else makes Khaos
 * send it again.
 */
public final class KhaosChannelService {
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

    /** True when the caller presented the channel's credentials; a rotated password is read afresh at most once a minute. */
    public boolean admits(String user, String password) {
        return credentials.admitting(c -> c.admits(user, password)).isPresent();
    }

    /** Where KCC finds our endpoints (our public base URL, else the one the caller used) and how often to download. */
    public ChannelAnswer.ChannelSetup config(String requestBaseUrl) {
        return new ChannelAnswer.ChannelSetup(publicBaseUrl.orElse(requestBaseUrl).replaceAll("/+$", ""),
                orderDownloadFrequencyMinutes);
    }

    /**
     * The next page of READY orders (acknowledging the page named by {@code continuation}), or exactly the orders whose
     * AssociatedRefs are {@code specificRefs}. When the ledger cannot be read nothing changes: Khaos asks again at its
     * next download.
     */
    public ChannelAnswer orderDownload(Optional<String> continuation, List<String> specificRefs) {
        Optional<String> page = continuation.filter(c -> !c.isBlank());
        try {
            return new ChannelAnswer.Orders(specificRefs.isEmpty() ? feed.next(page) : feed.specific(specificRefs, page));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "order download failed, Khaos will ask again: " + e);
            return new ChannelAnswer.OrdersUnavailable("orders unavailable, ask again");
        }
    }

    /** A push: checked, kept raw (and applied), then {@link ChannelAnswer.Stored}. */
    public ChannelAnswer upload(KhaosUploadKind kind, byte[] body) {
        Instant now = clock.instant();
        CatalogueChange change = null;
        OrderStatusUpload orderStatuses = null;
        StockStatusUpload stockStatuses = null;
        int prices = -1;
        try {
            if (kind == KhaosUploadKind.PRICE_LIST) {
                prices = codec.readPriceLists(body);
            } else if (kind == KhaosUploadKind.STOCK) {
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
            return new ChannelAnswer.NotStored("not stored, send again");
        }
        LOG.log(Level.INFO, kind + " upload stored (" + body.length + " bytes"
                + (change == null ? "" : ", " + change.items().size() + " items, " + change.deletedStockIds().size() + " deleted")
                + (prices < 0 ? "" : ", " + prices + " stock prices kept as they came")
                + ")");
        return new ChannelAnswer.Stored(kind);
    }

    private void applyOrderStatuses(OrderStatusUpload upload, Instant now) {
        Map<KhaosOrderStatusRecorder.Effect, Integer> effects = new EnumMap<>(KhaosOrderStatusRecorder.Effect.class);
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
                    ExceptionSubject.other(kind + "-entry-" + sha256(entry.getBytes(StandardCharsets.UTF_8)).substring(0, 20)),
                    what + " in a push from Khaos could not be read (the others were applied)", entry, now));
        }
    }

    private void reportUnknownTaxCodes(CatalogueChange change, Instant now) {
        TreeSet<String> unknown = new TreeSet<>();
        change.items().stream().filter(i -> i.taxRatePercent().isEmpty()).forEach(i -> unknown.add(i.taxRateCode()));
        for (String code : unknown) {
            long items = change.items().stream().filter(i -> i.taxRateCode().equals(code)).count();
            exceptions.raise(ExceptionRecord.open(ExceptionType.UNKNOWN_TAX_RATE_CODE,
                    ExceptionSubject.other("tax-rate-" + (code.isEmpty() ? "blank" : code)),
                    "Khaos tax rate code \"" + code + "\" on " + items + " item(s) has no percentage in KHAOS_TAX_RATES "
                            + "(configured: " + taxRates.asMap().keySet() + ")", "", now));
        }
    }

    private ChannelAnswer unreadable(KhaosUploadKind kind, byte[] body, String reason, Instant now) {
        String subject = kind.name().toLowerCase(Locale.ROOT) + "-" + sha256(body).substring(0, 20);
        try {
            exceptions.raise(ExceptionRecord.open(ExceptionType.KHAOS_UPLOAD_UNREADABLE, ExceptionSubject.other(subject),
                    kind + " upload not readable: " + reason, new String(body, StandardCharsets.UTF_8), now));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "unreadable " + kind + " upload could not be kept: " + e);
            return new ChannelAnswer.NotStored("could not be kept, send again");
        }
        LOG.log(Level.WARNING, kind + " upload unreadable, kept as exception: " + reason);
        return new ChannelAnswer.Unreadable(reason);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
