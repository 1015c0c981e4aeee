package com.shopkhaos.model.returns;

import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.ledger.ReadAgainOnConflict;
import com.shopkhaos.model.ops.OpsAction;
import com.shopkhaos.model.ops.OpsActionLog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The console's "create the return in Khaos": a person (customer service, finance) picks the items coming back from a
 * refunded order and, where we do not know it, names the customer's account in Khaos; the return is made as the shop's
 * own would be (never more than left the warehouse and has not come back), recorded with who and when, and noted on
 * the order's timeline. The same pick sent twice (a double click) makes one return.
 */
public final class ReturnsByPerson {

    /** One picked line: the shop's order line and the units coming back. */
    public record Pick(String lineItemId, BigDecimal quantity) {
    }

    /** What became of a person's return. */
    public sealed interface Result {
        /** Made: served at Khaos's next return download. */
        record Made(CustomerReturn customerReturn, String words) implements Result {
        }

        /** Not made, and why in words the person can act on. */
        record Refused(String why) implements Result {
        }

        /** We never heard of the order. */
        record NotFound(String orderNumber) implements Result {
        }
    }

    private final OrderLedger ledger;
    private final ReturnRequests requests;
    private final OpsActionLog actions;
    private final Clock clock;

    public ReturnsByPerson(OrderLedger ledger, ReturnRequests requests, OpsActionLog actions, Clock clock) {
        this.ledger = ledger;
        this.requests = requests;
        this.actions = actions;
        this.clock = clock;
    }

    /** The order as the person picks from it; empty when we never heard of it. */
    public Optional<ReturnRequests.Returnable> returnable(String orderNumber) {
        return ledger.findByOrderNumber(orderNumber.strip()).flatMap(e -> requests.returnable(e.orderId()));
    }

    /**
     * @param picks the lines and units coming back (a line named twice is refused; a quantity of 0 is left out)
     * @param urn   the customer's account in Khaos the person found ("" to use the one we know)
     * @param who   the person, as the console signed them in
     */
    public Result create(String orderNumber, List<Pick> picks, String urn, String who) {
        return create(orderNumber, picks, urn, who, OptionalInt.empty());
    }

    /**
     * @param returnsSeen how many returns of the order the person's form showed: the same pick from a form that saw more
     *                    is a new return; without it, the same pick by the same person is always the same return
     */
    public Result create(String orderNumber, List<Pick> picks, String urn, String who, OptionalInt returnsSeen) {
        Optional<OrderLedgerEntry> found = ledger.findByOrderNumber(orderNumber.strip());
        if (found.isEmpty()) {
            return new Result.NotFound(orderNumber);
        }
        OrderLedgerEntry entry = found.get();
        Map<String, String> skus = new LinkedHashMap<>();
        requests.returnable(entry.orderId()).orElseThrow().lines().forEach(l -> skus.put(l.lineItemId(), l.sku()));
        Map<String, BigDecimal> wanted = new LinkedHashMap<>();
        for (Pick pick : picks) {
            if (pick.lineItemId() == null || !skus.containsKey(pick.lineItemId())) {
                throw new ReturnPickRefusedException("order " + entry.orderNumber() + " has no line " + pick.lineItemId());
            }
            if (pick.quantity() == null || pick.quantity().signum() < 0 || pick.quantity().stripTrailingZeros().scale() > 0) {
                throw new ReturnPickRefusedException("a quantity is a whole number of units, 0 or more; was " + pick.quantity());
            }
            if (wanted.put(pick.lineItemId(), pick.quantity()) != null) {
                throw new ReturnPickRefusedException("line " + pick.lineItemId() + " is named twice");
            }
        }
        List<ReturnLine> lines = new ArrayList<>();
        wanted.forEach((line, quantity) -> {
            if (quantity.signum() > 0) {
                lines.add(new ReturnLine(line, skus.get(line), quantity));
            }
        });
        List<String> before = requests.returnable(entry.orderId()).orElseThrow().returns().stream().map(CustomerReturn::associatedRef)
                .toList();
        // one pick is one request: the same lines and account again from a form that saw the same returns (a double
        // click) find the return it made; picked again from a form that saw that return, it is a second return
        String requestedBy = "console " + who + returnsSeen.stream().mapToObj(n -> " after " + n + " return(s)").findFirst().orElse("")
                + ": " + lines.stream().map(l -> l.lineItemId() + "×" + l.quantity().stripTrailingZeros().toPlainString()).toList()
                + " " + urn.strip();
        ReturnRequests.Outcome outcome = requests.requestByPerson(entry.orderId(), lines, Optional.of(urn), requestedBy);
        String words = RefundReturns.words(outcome);
        Instant now = clock.instant();
        actions.record(new OpsAction("order:" + entry.orderNumber(), "create return", who, words, now));
        if (!(outcome instanceof ReturnRequests.Outcome.Made made)) {
            return new Result.Refused(outcome instanceof ReturnRequests.Outcome.PersonPicksLines pick ? pick.why() : words);
        }
        if (!before.contains(made.customerReturn().associatedRef())) {
            ReadAgainOnConflict.run(() -> ledger.find(entry.orderId())
                    .ifPresent(e -> ledger.update(e.noted("return requested by " + who, words, now))));
        }
        return new Result.Made(made.customerReturn(), words);
    }
}
