package com.shopkhaos.model.onpremises;

import com.shopkhaos.model.exceptionledger.ExceptionLedger;
import com.shopkhaos.model.exceptionledger.ExceptionRecord;
import com.shopkhaos.model.exceptionledger.ExceptionSubject;
import com.shopkhaos.model.exceptionledger.ExceptionType;
import com.shopkhaos.model.khaos.KhaosOrderProgress;
import com.shopkhaos.model.khaos.KhaosOrderStatus;
import com.shopkhaos.model.khaos.KhaosOrderStatusRecorder;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.OrderState;
import com.shopkhaos.model.ordersync.Checkpoints;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends READY orders to Khaos Control on premises, which does not call us: each order exactly once into Khaos, or put
 * to a person with Khaos's reason, never blocking the orders behind it.
 *
 * <ul>
 *   <li>Before a call, each of its orders is marked on the ledger as sent in that call (a conditional write, so two
 *       senders never send one order). An order Khaos names imported moves to IMPORTED through the same rule a KCC
 *       status takes it ({@link KhaosOrderStatusRecorder}: its Khaos code recorded, its in-flight stock settled).</li>
 *   <li>An order Khaos skipped is QUARANTINED with {@code KHAOS_IMPORT_SKIPPED} and the reason; a person corrects it
 *       and retries it, as any held order.</li>
 *   <li>When the answer is lost (a timeout, an answer that cannot be read, a refusal of several orders at once), the
 *       orders stay marked: the next round asks Khaos for them by order number before anything is sent again, and sends
 *       the ones Khaos does not have one per call. A lost answer therefore never makes a second Khaos order.</li>
 *   <li>When Khaos is unavailable, nothing is sent until the back-off, kept in a checkpoint every sender reads, has
 *       passed: an on-premises server that is restarted or backed up at night gets waiting, not a storm of retries.</li>
 * </ul>
 */
public final class OnPremisesOrderSender {
    private static final System.Logger LOG = System.getLogger(OnPremisesOrderSender.class.getName());
    /** The mark on a READY order sent in a call whose answer is awaited (or was lost): this prefix and the call's id. */
    static final String SENT_IN = "onprem:";
    static final String BACK_OFF = "onprem-khaos-unavailable-until";

    /** What one round did. */
    public record Report(int sent, int imported, int skipped, int inDoubt, int foundInKhaos, boolean khaosUnavailable) {
    }

    /** What a round has done so far. */
    private static final class Tally {
        int sent;
        int imported;
        int skipped;
        int inDoubt;
        int found;

        Report report(boolean khaosUnavailable) {
            return new Report(sent, imported, skipped, inDoubt, found, khaosUnavailable);
        }
    }

    private final OrderLedger ledger;
    private final ExceptionLedger exceptions;
    private final OnPremisesKhaos khaos;
    private final KhaosOrderStatusRecorder statuses;
    private final Checkpoints checkpoints;
    private final int batchSize;
    private final int perRound;
    private final Duration backOff;
    private final Clock clock;

    /**
     * @param batchSize orders per ImportOrders call (1 by default: the only size Keystone's own client is seen to use)
     * @param perRound  READY orders taken per round, oldest first
     * @param backOff   how long nothing is sent after Khaos was unavailable
     */
    public OnPremisesOrderSender(OrderLedger ledger, ExceptionLedger exceptions, OnPremisesKhaos khaos,
                                 KhaosOrderStatusRecorder statuses, Checkpoints checkpoints, int batchSize, int perRound,
                                 Duration backOff, Clock clock) {
        if (batchSize < 1 || perRound < 1) {
            throw new IllegalArgumentException("batch size and orders per round are at least 1");
        }
        this.ledger = ledger;
        this.exceptions = exceptions;
        this.khaos = khaos;
        this.statuses = statuses;
        this.checkpoints = checkpoints;
        this.batchSize = batchSize;
        this.perRound = perRound;
        this.backOff = backOff;
        this.clock = clock;
    }

    /** One round: the orders whose answer was lost looked up, then every READY order sent. */
    public Report sendReady() {
        Instant now = clock.instant();
        Optional<Instant> until = checkpoints.get(BACK_OFF);
        if (until.isPresent() && now.isBefore(until.get())) {
            return new Report(0, 0, 0, 0, 0, true);
        }
        List<OrderLedgerEntry> ready = ledger.inStateChangedBefore(OrderState.READY, now.plusSeconds(1), perRound);
        List<OrderLedgerEntry> inDoubt = ready.stream().filter(e -> e.khaos().servedPage().startsWith(SENT_IN)).toList();
        List<OrderLedgerEntry> fresh = new ArrayList<>(ready.stream().filter(e -> !e.khaos().servedPage().startsWith(SENT_IN)).toList());
        Tally counts = new Tally();
        try {
            List<OrderLedgerEntry> alone = new ArrayList<>();
            if (!inDoubt.isEmpty()) {
                Map<String, String> found = khaos.imported(inDoubt.stream().map(OrderLedgerEntry::orderNumber).toList());
                for (OrderLedgerEntry e : inDoubt) {
                    if (found.containsKey(e.orderNumber())) {
                        imported(e, found.get(e.orderNumber()));
                        counts.found++;
                    } else {
                        alone.add(e);
                    }
                }
            }
            for (OrderLedgerEntry e : alone) {
                send(List.of(e), counts);
            }
            for (int i = 0; i < fresh.size(); i += batchSize) {
                send(fresh.subList(i, Math.min(fresh.size(), i + batchSize)), counts);
            }
        } catch (OnPremisesKhaos.UnavailableException e) {
            Instant next = now.plus(backOff);
            checkpoints.advance(BACK_OFF, until, next);
            LOG.log(Level.WARNING, "Khaos on premises is unavailable; nothing is sent before " + next + ": " + e.getMessage());
            return counts.report(true);
        }
        return counts.report(false);
    }

    private void send(List<OrderLedgerEntry> batch, Tally counts) {
        String call = SENT_IN + UUID.randomUUID();
        Instant now = clock.instant();
        List<OrderLedgerEntry> marked = new ArrayList<>();
        for (OrderLedgerEntry e : batch) {
            try {
                OrderLedgerEntry sent = e.withKhaos(e.khaos().servedIn(call), now, "sent to Khaos", "ImportOrders call " + call);
                ledger.update(sent);
                marked.add(sent);
            } catch (RuntimeException conflict) {
                // another sender, or a change of the order, came first: it is taken next round
                LOG.log(Level.INFO, "order " + e.orderNumber() + " not sent this round: " + conflict.getMessage());
            }
        }
        if (marked.isEmpty()) {
            return;
        }
        counts.sent += marked.size();
        OnPremisesKhaos.Answer answer;
        try {
            answer = khaos.importOrders(marked.stream().map(e -> e.khaos().salesOrder()).toList());
        } catch (OnPremisesKhaos.NoAnswerException e) {
            counts.inDoubt += marked.size();
            LOG.log(Level.WARNING, marked.size() + " order(s) sent, answer lost; looked up next round: " + e.getMessage());
            return;
        } catch (OnPremisesKhaos.RefusedException e) {
            if (marked.size() > 1) {
                counts.inDoubt += marked.size();
                LOG.log(Level.WARNING, marked.size() + " order(s) refused together; looked up, then sent one by one: " + e.getMessage());
                return;
            }
            skipped(marked.get(0), "Khaos refused it: " + e.getMessage());
            counts.skipped++;
            return;
        }
        for (OrderLedgerEntry e : marked) {
            String code = answer.imported().get(e.orderNumber());
            String reason = answer.skipped().get(e.orderNumber());
            if (code != null) {
                imported(e, code);
                counts.imported++;
            } else if (reason != null) {
                skipped(e, reason);
                counts.skipped++;
            } else {
                // Khaos said nothing of it (it took only part of the call): it stays marked and is looked up next round
                counts.inDoubt++;
            }
        }
    }

    private void imported(OrderLedgerEntry entry, String khaosOrderCode) {
        statuses.apply(new KhaosOrderStatus(khaosOrderCode, "", "Imported", KhaosOrderProgress.RECEIVED, entry.orderNumber(),
                entry.orderId(), List.of()));
    }

    private void skipped(OrderLedgerEntry entry, String reason) {
        Instant now = clock.instant();
        ExceptionRecord problem = ExceptionRecord.open(ExceptionType.KHAOS_IMPORT_SKIPPED, ExceptionSubject.order(entry.orderNumber()),
                "Khaos Control did not import order " + entry.orderNumber() + ": " + reason, "", now);
        exceptions.raise(problem);
        ledger.change(entry.orderId(), e -> e.state() == OrderState.READY
                ? e.quarantined(List.of(problem.id()), now, "Khaos skipped it: " + reason) : e);
    }
}
