package com.shopkhaos.model.returns;

import com.shopkhaos.model.despatch.ShipmentBook;
import com.shopkhaos.model.despatch.ShippedUnits;
import com.shopkhaos.model.despatch.ShopDeliveries;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.order.SalesOrderValues;
import com.shopkhaos.model.ordersync.SalesOrderFormat;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a refund, chargeback or cancellation in the shop into a customer return for Khaos, once: the order's lines as
 * Khaos was sent them, the units Khaos's shipments took out, the units earlier returns brought back, and
 * {@link ReturnRules}. A return needs the customer's account in Khaos ({@link CustomerUrns}); without it nothing is
 * made and the caller puts it to a person. The same request again (its {@code requestedBy}) makes nothing new.
 */
public final class ReturnRequests {

    /** What became of a request. */
    public sealed interface Outcome {
        /** A return was made (or had been, for this request), ready for Khaos's next return download. */
        record Made(CustomerReturn customerReturn) implements Outcome {
        }

        /** Not a return; {@code why} in words for the order's timeline. */
        record NotAReturn(String why) implements Outcome {
        }

        /** Goods come back, but which the shop does not say: a person picks them. */
        record PersonPicksLines(String why) implements Outcome {
        }

        /** Goods come back, but the customer's account in Khaos is not known: a person finds it. */
        record CustomerUnknownInKhaos(String orderNumber) implements Outcome {
        }
    }

    private final OrderLedger ledger;
    private final ShipmentBook shipments;
    private final CustomerReturns returns;
    private final CustomerUrns urns;
    private final SalesOrderFormat format;
    private final String reasonCode;
    private final Clock clock;

    /** @param reasonCode Khaos's {@code ReturnReason} for returns the shop gives no reason for (the retailer's default) */
    public ReturnRequests(OrderLedger ledger, ShipmentBook shipments, CustomerReturns returns, CustomerUrns urns, SalesOrderFormat format,
                          String reasonCode, Clock clock) {
        if (reasonCode == null || reasonCode.isBlank()) {
            throw new IllegalArgumentException("a default Khaos return reason is required");
        }
        this.ledger = ledger;
        this.shipments = shipments;
        this.returns = returns;
        this.urns = urns;
        this.format = format;
        this.reasonCode = reasonCode;
        this.clock = clock;
    }

    /**
     * @param requestedBy the shop's event (or the person) asking; the same one again makes nothing new
     * @param shopSays    for a partial refund, the lines and units the shop says come back
     */
    public Outcome request(String orderId, ReturnCause cause, Optional<List<ReturnLine>> shopSays, String requestedBy) {
        Optional<OrderLedgerEntry> found = ledger.find(orderId);
        if (found.isEmpty()) {
            return new Outcome.NotAReturn("we never heard of the order, so neither did Khaos");
        }
        OrderLedgerEntry entry = found.get();
        List<CustomerReturn> earlier = returns.forOrder(orderId);
        Optional<CustomerReturn> same = earlier.stream().filter(r -> !requestedBy.isEmpty() && r.requestedBy().equals(requestedBy))
                .findFirst();
        if (same.isPresent()) {
            return new Outcome.Made(same.get());
        }
        List<ShopDeliveries.OrderedLine> lines = format.values(entry.khaos().salesOrder()).map(SalesOrderValues::lines)
                .orElse(List.of()).stream().map(l -> new ShopDeliveries.OrderedLine(l.lineId(), l.sku(), l.quantity())).toList();
        Map<String, BigDecimal> shipped = ShippedUnits.count(lines, shipments.forOrder(orderId).values().stream()
                .map(ShipmentBook.Kept::shipment).toList(), sku -> sku).shipped();
        Map<String, BigDecimal> returned = new HashMap<>();
        earlier.forEach(r -> r.lines().forEach(l -> returned.merge(l.lineItemId(), l.quantity(), BigDecimal::add)));
        ReturnDecision decision = ReturnRules.decide(entry.state(), lines, shipped, returned, cause, shopSays);
        if (decision instanceof ReturnDecision.NoReturn no) {
            return new Outcome.NotAReturn(no.why());
        }
        if (decision instanceof ReturnDecision.PersonPicksLines pick) {
            return new Outcome.PersonPicksLines(pick.why());
        }
        List<ReturnLine> back = ((ReturnDecision.ReturnGoods) decision).lines();
        Optional<String> urn = urns.urnFor(entry);
        if (urn.isEmpty()) {
            return new Outcome.CustomerUnknownInKhaos(entry.orderNumber());
        }
        int sequence = earlier.stream().mapToInt(CustomerReturn::sequence).max().orElse(0) + 1;
        CustomerReturn made = CustomerReturn.ready(entry.shopId(), orderId, entry.orderNumber(), sequence, cause, back, urn.get(),
                reasonCode, clock.instant(), requestedBy);
        if (!returns.add(made)) {
            // another request took this sequence meanwhile: what it made stands, and this one is asked again by its caller
            throw new ReturnRaceException(made.associatedRef());
        }
        return new Outcome.Made(made);
    }

    /** Two requests for one order made a return each at once: the loser is asked again (its queue delivers it again). */
    public static final class ReturnRaceException extends RuntimeException {
        public ReturnRaceException(String associatedRef) {
            super("return " + associatedRef + " was made by another request at the same moment; asked again");
        }
    }
}
