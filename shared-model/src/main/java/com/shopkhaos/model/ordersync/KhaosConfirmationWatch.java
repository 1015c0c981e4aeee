package com.shopkhaos.model.ordersync;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Khaos never reports an order it failed to import; it reports statuses only as orders move through its
 * Sales Invoice Manager. So an order Khaos downloaded and has said nothing about for a while
 * ({@code KHAOS_CONFIRMATION_HOURS}) is put in front of a person once: NOT_CONFIRMED_BY_KHAOS.
 */
public final class KhaosConfirmationWatch {
    static final int BATCH = 500;

    private final OrderLedger ledger;
    private final ExceptionLedger exceptions;
    private final Duration allowed;
    private final Clock clock;

    public KhaosConfirmationWatch(OrderLedger ledger, ExceptionLedger exceptions, Duration allowed, Clock clock) {
        this.ledger = ledger;
        this.exceptions = exceptions;
        this.allowed = allowed;
        this.clock = clock;
    }

    static String readable(Duration d) {
        return d.toMinutes() >= 120 && d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() >= 1 ? d.toMinutes() + " min"
                : d.toSeconds() + " s";
    }

    /** Raises an exception for each order downloaded longer ago than allowed and not confirmed; answers their numbers. */
    public List<String> check() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(allowed);
        List<String> raised = new ArrayList<>();
        for (OrderLedgerEntry entry : ledger.inStateChangedBefore(OrderState.DOWNLOADED, cutoff, BATCH)) {
            Instant downloaded = entry.khaos().downloadedAt() == null ? entry.updatedAt() : entry.khaos().downloadedAt();
            String id = ExceptionRecord.idFor(ExceptionType.NOT_CONFIRMED_BY_KHAOS, entry.orderNumber());
            if (downloaded.isAfter(cutoff) || exceptions.find(id).isPresent()) {
                continue;
            }
            exceptions.raise(ExceptionRecord.open(ExceptionType.NOT_CONFIRMED_BY_KHAOS, ExceptionSubject.order(entry.orderNumber()),
                    "Khaos downloaded order " + entry.orderNumber() + " at " + downloaded + " and has not reported it since "
 + "(allowed: " + readable(allowed) + "). Look for AssociatedRef " + entry.orderNumber()
                            + " in Khaos.", "", now));
            // noted on the entry as it is now (a status may have arrived meanwhile: the exception stands for a person)
            ledger.change(entry.orderId(), e -> e.noted("not confirmed by Khaos", "no status " + readable(allowed)
                    + " after download", now));
            raised.add(entry.orderNumber());
        }
        return raised;
    }
}
