package com.shopkhaos.model.intake;

import com.shopkhaos.model.app.ShopRegistration;
import com.shopkhaos.model.app.ShopRegistry;
import com.shopkhaos.model.events.OrderEvent;
import com.shopkhaos.model.events.OrderEventType;
import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.ReadAgainOnConflict;
import com.shopkhaos.model.signing.HmacSignature;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Shopware webhook intake: verify, dedupe, enqueue, record. Takes the raw body and the shop's signature of it, answers
 * what became of it. The shop retries (when it retries at all) only on a failure, so this answers
 * {@link IntakeOutcome#NOT_STORED} exactly when the event is not yet safely on the queue.
 */
public final class WebhookIntakeService {
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(WebhookIntakeService.class.getName());

    private final WebhookReader reader;
    private final ShopRegistry shops;
    private final OrderLedger ledger;
    private final ExceptionLedger exceptions;
    private final OrderEventPublisher publisher;
    private final Clock clock;
    private final IntakeCounters counters = new IntakeCounters();

    public WebhookIntakeService(WebhookReader reader, ShopRegistry shops,
                                OrderLedger ledger, ExceptionLedger exceptions, OrderEventPublisher publisher,
                                Clock clock) {
        this.reader = reader;
        this.shops = shops;
        this.ledger = ledger;
        this.exceptions = exceptions;
        this.publisher = publisher;
        this.clock = clock;
    }

    public IntakeCounters counters() {
        return counters;
    }

    /** @param signature the shop's HMAC of the body, as sent; empty when it sent none */
    public IntakeAnswer handle(byte[] body, Optional<String> signature) {
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > MAX_BODY_BYTES) {
            return answer(IntakeOutcome.TOO_LARGE, "body over " + MAX_BODY_BYTES + " bytes", null);
        }
        IncomingWebhook webhook = null;
        String unreadableBecause = null;
        Optional<String> shopId;
        try {
            webhook = reader.read(body);
            shopId = Optional.ofNullable(webhook.shopId());
        } catch (UnreadableMessageException e) {
            unreadableBecause = e.getMessage();
            shopId = reader.findShopId(body);
        }
        signature = signature == null ? Optional.empty() : signature;
        if (shopId.isEmpty() || signature.isEmpty()) {
            LOG.log(Level.WARNING, "webhook refused: no shop id or no signature");
            return answer(IntakeOutcome.UNAUTHENTICATED, "signature missing or shop unknown", null);
        }
        // the app can be uninstalled before its registration was confirmed: then the pending shop's secret verifies it
        // The app's uninstall: we remove the shop's secret whatever the shop says about keeping its own data, since our
        // Admin API credentials die with the app's integration and a new install registers afresh with a new shop secret.
        boolean appDeleted = webhook != null && webhook.appDeleted();
        Predicate<ShopRegistration> usable = appDeleted ? r -> true : ShopRegistration::isConfirmed;
        Optional<ShopRegistration> shop;
        try {
            shop = shops.find(shopId.get()).filter(usable);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "shop registry unavailable: " + e);
            return answer(IntakeOutcome.NOT_STORED, "shop registry unavailable, try again", null);
        }
        if (shop.isPresent() && !HmacSignature.verify(shop.get().shopSecret(), body, signature.get())) {
            // the shop may have registered again (a new shop secret) since we cached it: read it afresh, at most once a minute
            try {
                shop = shops.findAfresh(shopId.get()).filter(usable);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "shop registry unavailable: " + e);
                return answer(IntakeOutcome.NOT_STORED, "shop registry unavailable, try again", null);
            }
        }
        if (appDeleted && shop.isEmpty()) {
            // a replay after we removed the shop (or a shop we never knew): nothing to do and nothing to verify with;
            // 200 so Shopware does not retry it, and nothing is done on the word of an unverified request
            LOG.log(Level.INFO, "app.deleted for a shop not registered (already removed?): " + shopId.get());
            return answer(IntakeOutcome.APP_DELETED, "shop not registered, nothing to remove", null);
        }
        if (shop.isEmpty() || !HmacSignature.verify(shop.get().shopSecret(), body, signature.get())) {
            LOG.log(Level.WARNING, "webhook refused: unknown shop or wrong signature, shop " + shopId.get());
            return answer(IntakeOutcome.UNAUTHENTICATED, "signature missing or shop unknown", null);
        }
        if (appDeleted) {
            return removeShop(shopId.get());
        }
        if (unreadableBecause != null) {
            return keepUnreadable(ExceptionType.WEBHOOK_UNREADABLE, body, "not readable: " + unreadableBecause);
        }
        if (webhook.eventId() == null || webhook.eventId().isBlank()) {
            return keepUnreadable(ExceptionType.WEBHOOK_WITHOUT_EVENT_ID, body,
                    "event " + webhook.eventName() + " has no source.eventId");
        }
        Optional<OrderEventType> type = webhook.orderEvent();
        if (type.isEmpty()) {
            counters.countIgnored(webhook.eventName());
            LOG.log(Level.INFO, "webhook ignored: event=" + webhook.eventName() + " eventId=" + webhook.eventId());
            return answer(IntakeOutcome.IGNORED_EVENT, "event not handled", webhook.eventId());
        }
        if (webhook.orderId() == null || webhook.orderId().isBlank()) {
            return keepUnreadable(ExceptionType.WEBHOOK_UNREADABLE, body,
                    "event " + webhook.eventName() + " " + webhook.eventId() + " names no order");
        }
        return accept(webhook, type.get());
    }

    /**
     * The order's ledger entry is the receipt: one read and one write per webhook (the placed event: one write, a
     * conditional create, read first only when it is refused). The event is noted on the entry, then
     * queued, so order-sync, which may take it at once, never finds its own event's note still to come (a note landing
     * between its read and its write would make it decide again). A queue that refuses the event takes the note back
     * (the shop's retry is then taken afresh); should that write fail too, the retry is answered as a duplicate and the
     * order is left to the sweep, which feeds again an order still RECEIVED after its grace and every order changed in
     * the shop. Two deliveries of one event at the same moment: one note wins, the other reads again and finds it seen.
     */
    private IntakeAnswer accept(IncomingWebhook webhook, OrderEventType type) {
        Instant now = clock.instant();
        String where = "eventId=" + webhook.eventId() + " order=" + orDash(webhook.orderNumber());
        boolean noted;
        try {
            // an order's placed event is nearly always its first: the entry is created without a read, and read only
            // when it exists already (a redelivery, or a payment event that came first)
            Optional<OrderLedgerEntry> first = type == OrderEventType.ORDER_PLACED ? Optional.empty() : ledger.find(webhook.orderId());
            noted = ReadAgainOnConflict.run(first, () -> ledger.find(webhook.orderId()), read -> recordOnLedger(webhook, read, now));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "webhook not stored: " + where + " cause=" + e);
            return answer(IntakeOutcome.NOT_STORED, "not stored, try again", webhook.eventId());
        }
        if (!noted) {
            LOG.log(Level.INFO, "webhook duplicate, already queued: " + where);
            return answer(IntakeOutcome.DUPLICATE, "already received", webhook.eventId());
        }
        try {
            Instant sentAt = webhook.sentAt() == null ? now : webhook.sentAt();
            publisher.publish(OrderEvent.of(webhook.eventId(), webhook.shopId(), type, webhook.orderId(),
                    webhook.orderNumber(), sentAt));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "webhook noted but not queued, waiting for the shop's retry: " + where + " cause=" + e);
            takeBack(webhook, where);
            return answer(IntakeOutcome.NOT_STORED, "not queued, try again", webhook.eventId());
        }
        LOG.log(Level.INFO, "webhook accepted: event=" + webhook.eventName() + " " + where);
        return answer(IntakeOutcome.ACCEPTED, "accepted", webhook.eventId());
    }

    /** The queue refused the event: its note is taken back so the shop's retry is not taken for a duplicate. */
    private void takeBack(IncomingWebhook webhook, String where) {
        try {
            ReadAgainOnConflict.run(() -> ledger.find(webhook.orderId()).filter(e -> e.hasSeen(webhook.eventId()))
                    .ifPresent(e -> ledger.update(e.withoutWebhook(webhook.eventId(), webhook.eventName(), clock.instant()))));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "webhook neither queued nor taken back: the shop's retry will be answered as a duplicate "
                    + "and the sweep feeds the order again: " + where + " cause=" + e);
        }
    }

    /** {@code app.deleted}, verified: the shop's secrets go; the answer is 200 unless the store could not be reached. */
    private IntakeAnswer removeShop(String shopId) {
        boolean removed;
        try {
            removed = shops.remove(shopId);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "app.deleted: the secrets of shop " + shopId + " could not be removed, asking to retry: " + e);
            return answer(IntakeOutcome.NOT_STORED, "shop not removed, try again", null);
        }
        LOG.log(Level.INFO, "app.deleted: the app was uninstalled from shop " + shopId
                + (removed ? "; its secrets are removed" : "; it had no secrets left"));
        return answer(IntakeOutcome.APP_DELETED, removed ? "shop removed" : "shop not registered, nothing to remove", null);
    }

    /**
     * Creates the order's ledger entry (RECEIVED) or notes the webhook on its timeline; answers false when the entry
     * has seen the event already.
     */
    private boolean recordOnLedger(IncomingWebhook webhook, Optional<OrderLedgerEntry> existing, Instant now) {
        if (existing.isEmpty()) {
            ledger.create(OrderLedgerEntry.received(webhook.shopId(), webhook.orderId(),
                    webhook.orderNumber(), webhook.eventId(), webhook.eventName(), now));
            return true;
        }
        if (existing.get().hasSeen(webhook.eventId())) {
            return false;
        }
        ledger.update(existing.get().withWebhook(webhook.eventId(), webhook.eventName(), webhook.orderNumber(), now));
        return true;
    }

    /** A signed message we cannot act on: keep it whole in the exception ledger so nothing is lost. */
    private IntakeAnswer keepUnreadable(ExceptionType type, byte[] body, String reason) {
        String subject = "webhook-" + sha256(body).substring(0, 20);
        try {
            exceptions.raise(ExceptionRecord.open(type, ExceptionSubject.other(subject), reason,
                    new String(body, StandardCharsets.UTF_8), clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "unreadable webhook could not be kept, asking the shop to retry: " + e);
            return answer(IntakeOutcome.NOT_STORED, "could not be kept, try again", null);
        }
        LOG.log(Level.WARNING, "webhook kept as exception " + ExceptionRecord.idFor(type, subject) + ": " + reason);
        return answer(IntakeOutcome.UNREADABLE, reason, null);
    }

    private IntakeAnswer answer(IntakeOutcome outcome, String message, String eventId) {
        counters.count(outcome);
        return new IntakeAnswer(outcome, message, Optional.ofNullable(eventId));
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
