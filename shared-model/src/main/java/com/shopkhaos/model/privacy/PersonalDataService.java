package com.shopkhaos.model.privacy;

import com.shopkhaos.model.ledger.LedgerVersionConflictException;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.ReadAgainOnConflict;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Keeps a customer's personal data no longer than {@link PersonalDataRetention#personalData()}: the daily {@link #sweep()}
 * erases it from every order and exception that has not changed for that long, and {@link #erase(ErasureRequest)} erases
 * one customer's at once, on request. What stays is the money skeleton finance needs (order number, dates, totals, VAT,
 * states, Khaos codes); the whole entry goes after {@link PersonalDataRetention#finance()} (the stores' own expiry).
 * Erasing is marked on each entry, so a second run erases nothing; it never logs what it erased, only how many.
 */
public class PersonalDataService {
    private static final System.Logger LOG = System.getLogger(PersonalDataService.class.getName());
    /** Entries read and erased at a time. */
    static final int BATCH = 100;
    /** At most this many entries of a kind in one run (the rest the next day), so a run ends within its time limit. */
    static final int MAX_PER_RUN = 5_000;

    /** How many entries of each kind had personal data erased. */
    public record Result(Map<PersonalDataKind, Integer> erased) {
        public Result {
            EnumMap<PersonalDataKind, Integer> all = new EnumMap<>(PersonalDataKind.class);
            for (PersonalDataKind kind : PersonalDataKind.values()) {
                all.put(kind, erased.getOrDefault(kind, 0));
            }
            erased = Collections.unmodifiableMap(all);
        }

        public int of(PersonalDataKind kind) {
            return erased.get(kind);
        }

        public int total() {
            return erased.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final OrderLedger ledger;
    private final PersonalDataStores stores;
    private final SalesOrderRedaction redaction;
    private final PersonalDataRetention retention;
    private final Clock clock;

    public PersonalDataService(OrderLedger ledger, PersonalDataStores stores, SalesOrderRedaction redaction,
                               PersonalDataRetention retention, Clock clock) {
        this.ledger = ledger;
        this.stores = stores;
        this.redaction = redaction;
        this.retention = retention;
        this.clock = clock;
    }

    public PersonalDataRetention retention() {
        return retention;
    }

    /** Erases the personal data of every order and exception unchanged for longer than the retention. */
    public Result sweep() {
        Instant now = clock.instant();
        Instant before = now.minus(retention.personalData());
        String why = "kept " + retention.personalData().toDays() + " days (PersonalDataRetentionDays)";
        Map<PersonalDataKind, Integer> erased = new EnumMap<>(PersonalDataKind.class);
        erased.put(PersonalDataKind.ORDER, inBatches(limit -> stores.ordersHoldingPersonalData(before, limit),
                id -> eraseOrder(id, now, why)));
        erased.put(PersonalDataKind.EXCEPTION, inBatches(limit -> stores.exceptionsHoldingPersonalData(before, limit),
                id -> stores.eraseExceptionEvidence(id, now)));
        Result result = new Result(erased);
        LOG.log(Level.INFO, "personal data sweep (unchanged since " + before + "): erased " + result.erased());
        return result;
    }

    /**
     * Erases one customer's personal data now, whatever its age: every order naming their email address (or the order
     * with that number), the exceptions whose evidence mentions the address or one of those orders, and Khaos's kept
     * uploads that do.
     */
    public Result erase(ErasureRequest request) {
        Instant now = clock.instant();
        Set<String> orderIds = new LinkedHashSet<>();
        request.email().ifPresent(email -> orderIds.addAll(stores.ordersOfCustomer(email)));
        request.orderNumber().flatMap(ledger::findByOrderNumber).ifPresent(e -> orderIds.add(e.orderId()));

        Set<String> needles = new LinkedHashSet<>();
        request.email().ifPresent(needles::add);
        request.orderNumber().ifPresent(needles::add);
        int orders = 0;
        for (String id : orderIds) {
            Optional<OrderLedgerEntry> entry = ledger.find(id);
            entry.map(OrderLedgerEntry::orderNumber).filter(n -> !n.isEmpty()).ifPresent(needles::add);
            if (entry.isPresent() && entry.get().khaos().holdsPersonalData()) {
                needles.addAll(redaction.emails(entry.get().khaos().salesOrder()));
            }
            if (eraseOrder(id, now, "erased on the customer's request")) {
                orders++;
            }
        }
        int exceptions = 0;
        for (String id : stores.exceptionsMentioning(needles)) {
            if (stores.eraseExceptionEvidence(id, now)) {
                exceptions++;
            }
        }
        int uploads = stores.eraseUploadsMentioning(needles, now);
        Result result = new Result(Map.of(PersonalDataKind.ORDER, orders, PersonalDataKind.EXCEPTION, exceptions,
                PersonalDataKind.KHAOS_UPLOAD, uploads));
        LOG.log(Level.INFO, request + ": " + orderIds.size() + " order(s) found, erased " + result.erased());
        return result;
    }

    /** Erases one order's personal data with a conditional write, reading it again if it changed meanwhile. */
    private boolean eraseOrder(String orderId, Instant now, String why) {
        try {
            return ReadAgainOnConflict.run(() -> {
                Optional<OrderLedgerEntry> current = ledger.find(orderId);
                if (current.isEmpty() || !current.get().khaos().holdsPersonalData()) {
                    return false;
                }
                OrderLedgerEntry entry = current.get();
                ledger.update(entry.withPersonalDataErased(redaction.withoutPersonalData(entry.khaos().salesOrder()), now, why));
                return true;
            });
        } catch (LedgerVersionConflictException e) {
            LOG.log(Level.WARNING, "order " + orderId + " kept changing; its personal data is erased on the next run");
            return false;
        }
    }

    private static int inBatches(IntFunction<List<String>> find, Predicate<String> erase) {
        int erased = 0;
        while (erased < MAX_PER_RUN) {
            List<String> ids = find.apply(BATCH);
            int now = 0;
            for (String id : ids) {
                if (erase.test(id)) {
                    now++;
                }
            }
            erased += now;
            if (ids.size() < BATCH || now == 0) {
                break;
            }
        }
        return erased;
    }
}
