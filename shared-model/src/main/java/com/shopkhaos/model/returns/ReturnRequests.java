package com.shopkhaos.model.returns;

import com.shopkhaos.model.despatch.ShipmentBook;
import com.shopkhaos.model.despatch.ShippedUnits;
import com.shopkhaos.model.despatch.ShopDeliveries;
import com.shopkhaos.model.ledger.OrderLedger;
import com.shopkhaos.model.ledger.OrderLedgerEntry;
import com.shopkhaos.model.order.SalesOrderValues;
import com.shopkhaos.model.ordersync.OrderMappings;
import com.shopkhaos.model.ordersync.SalesOrderFormat;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private final OrderMappings mappings;
    private final Clock clock;

    /** @param reasonCode Khaos's {@code ReturnReason} for returns the shop gives no reason for (the retailer's default) */
    public ReturnRequests(OrderLedger ledger, ShipmentBook shipments, CustomerReturns returns, CustomerUrns urns, SalesOrderFormat format,
                          String reasonCode, Clock clock) {
        this(ledger, shipments, returns, urns, format, reasonCode, null, clock);
    }

    /**
     * @param reasonCode Khaos's {@code ReturnReason} where no {@code RETURN_REASON} mapping names one for the cause
     * @param mappings   the people's {@code RETURN_REASON} mappings, cause → Khaos reason (null: none)
     */
    public ReturnRequests(OrderLedger ledger, ShipmentBook shipments, CustomerReturns returns, CustomerUrns urns, SalesOrderFormat format,
                          String reasonCode, OrderMappings mappings, Clock clock) {
        if (reasonCode == null || reasonCode.isBlank()) {
            throw new IllegalArgumentException("a default Khaos return reason is required");
        }
        this.ledger = ledger;
        this.shipments = shipments;
        this.returns = returns;
        this.urns = urns;
        this.format = format;
        this.reasonCode = reasonCode;
        this.mappings = mappings;
        this.clock = clock;
    }

    /**
     * @param requestedBy the shop's event (or the person) asking; the same one again makes nothing new
     * @param shopSays    for a partial refund, the lines and units the shop's own returns name for the order in all
     *                      (earlier returns to Khaos are taken off: only what is new comes back)
     */
    public Outcome request(String orderId, ReturnCause cause, Optional<List<ReturnLine>> shopSays, String requestedBy) {
        return request(orderId, cause, shopSays, requestedBy, Optional.empty(), Map.of(), true);
    }

    /**
     * As {@link #request(String, ReturnCause, Optional, String)}, with the reasons the shop gave (its returns' reason key
     * per order line): the reason of the first line coming back now that has one is mapped ({@code RETURN_REASON}
     * {@code reason:<key>}) before the cause.
     */
    public Outcome request(String orderId, ReturnCause cause, Optional<List<ReturnLine>> shopSays, String requestedBy,
                           Map<String, String> shopReasons) {
        return request(orderId, cause, shopSays, requestedBy, Optional.empty(), shopReasons, true);
    }

    /**
     * A person's return, from the console: the lines and units they picked, and the customer's account in Khaos when
     * they found it (else the one we know). Checked as a shop's partial refund is: never more than left the warehouse
     * and has not come back.
     *
     * @param requestedBy what the person acted on (the same again makes nothing new)
     */
    public Outcome requestByPerson(String orderId, List<ReturnLine> picked, Optional<String> urnFound, String requestedBy) {
        if (picked.isEmpty()) {
            return new Outcome.PersonPicksLines("no items were picked");
        }
        return request(orderId, ReturnCause.PICKED_BY_PERSON, Optional.of(picked), requestedBy,
                urnFound.map(String::strip).filter(u -> !u.isEmpty()), Map.of(), false);
    }

    /** @param inAll {@code shopSays} counts every unit of the order's returns so far, not only this one's */
    private Outcome request(String orderId, ReturnCause cause, Optional<List<ReturnLine>> shopSays, String requestedBy,
                            Optional<String> urnFound, Map<String, String> shopReasons, boolean inAll) {
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
        List<ShopDeliveries.OrderedLine> lines = sentLines(entry);
        Map<String, BigDecimal> shipped = shipped(orderId, lines);
        Map<String, BigDecimal> returned = returned(earlier);
        Optional<List<ReturnLine>> named = shopSays.map(said -> named(said, lines, inAll ? returned : Map.of()));
        if (inAll && shopSays.isPresent() && !shopSays.get().isEmpty() && named.get().isEmpty()) {
            return new Outcome.NotAReturn("every unit the shop's returns name is back in Khaos already");
        }
        ReturnDecision decision = ReturnRules.decide(entry.state(), lines, shipped, returned, cause, named);
        if (decision instanceof ReturnDecision.NoReturn no) {
            return new Outcome.NotAReturn(no.why());
        }
        if (decision instanceof ReturnDecision.PersonPicksLines pick) {
            return new Outcome.PersonPicksLines(pick.why());
        }
        List<ReturnLine> back = ((ReturnDecision.ReturnGoods) decision).lines();
        Optional<String> urn = urnFound.or(() -> urns.urnFor(entry));
        if (urn.isEmpty()) {
            return new Outcome.CustomerUnknownInKhaos(entry.orderNumber());
        }
        int sequence = earlier.stream().mapToInt(CustomerReturn::sequence).max().orElse(0) + 1;
        String reason = reasonFor(cause, back.stream().map(l -> shopReasons.getOrDefault(l.lineItemId(), ""))
                .filter(r -> !r.isBlank()).findFirst());
        CustomerReturn made = CustomerReturn.ready(entry.shopId(), orderId, entry.orderNumber(), sequence, cause, back, urn.get(),
                reason, clock.instant(), requestedBy);
        if (!returns.add(made)) {
            // another request took this sequence meanwhile: what it made stands, and this one is asked again by its caller
            throw new ReturnRaceException(made.associatedRef());
        }
        return new Outcome.Made(made);
    }

    /** Khaos's reason: mapped for the shop's reason, else for the cause, else the retailer's default. */
    private String reasonFor(ReturnCause cause, Optional<String> shopReason) {
        Map<String, String> mapped = mappings == null ? Map.of() : mappings.current().returnReasons();
        return shopReason.filter(r -> !r.isBlank()).map(r -> mapped.get(ReturnCause.shopReasonKey(r)))
                .or(() -> Optional.ofNullable(mapped.get(cause.key()))).orElse(reasonCode);
    }

    /** One line of an order as a person picking a return sees it. */
    public record ReturnableLine(String lineItemId, String sku, int ordered, BigDecimal despatched, BigDecimal returned) {
        /** Units that left the warehouse and have not come back. */
        public BigDecimal returnable() {
            return despatched.subtract(returned).max(BigDecimal.ZERO);
        }
    }

    /** An order as a person picking a return sees it: its lines, the account we know in Khaos, its returns so far. */
    public record Returnable(String orderId, String orderNumber, String state, Optional<String> urn, List<ReturnableLine> lines,
                             List<CustomerReturn> returns) {
    }

    /** What a person needs to pick a return of the order; empty when we never heard of it. */
    public Optional<Returnable> returnable(String orderId) {
        Optional<OrderLedgerEntry> found = ledger.find(orderId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        OrderLedgerEntry entry = found.get();
        List<CustomerReturn> earlier = returns.forOrder(orderId);
        List<ShopDeliveries.OrderedLine> lines = sentLines(entry);
        Map<String, BigDecimal> shipped = shipped(orderId, lines);
        Map<String, BigDecimal> returned = returned(earlier);
        List<ReturnableLine> view = lines.stream().map(l -> new ReturnableLine(l.lineItemId(), l.sku(), l.quantity(),
                shipped.getOrDefault(l.lineItemId(), BigDecimal.ZERO).min(BigDecimal.valueOf(l.quantity())),
                returned.getOrDefault(l.lineItemId(), BigDecimal.ZERO))).toList();
        return Optional.of(new Returnable(orderId, entry.orderNumber(), entry.state().name(), urns.urnFor(entry), view, earlier));
    }

    /**
     * The lines named, each with the SKU Khaos was sent for it, less what earlier returns brought back ({@code minus});
     * a line the order does not have is kept as named, so the rules refuse it.
     */
    private static List<ReturnLine> named(List<ReturnLine> said, List<ShopDeliveries.OrderedLine> lines, Map<String, BigDecimal> minus) {
        Map<String, String> skus = new HashMap<>();
        lines.forEach(l -> skus.put(l.lineItemId(), l.sku()));
        Map<String, BigDecimal> wanted = new LinkedHashMap<>();
        said.forEach(l -> wanted.merge(l.lineItemId(), l.quantity(), BigDecimal::add));
        List<ReturnLine> out = new ArrayList<>();
        wanted.forEach((line, quantity) -> {
            BigDecimal left = quantity.subtract(minus.getOrDefault(line, BigDecimal.ZERO));
            if (left.signum() > 0) {
                String sku = skus.getOrDefault(line, said.stream().filter(l -> l.lineItemId().equals(line)).findFirst().map(ReturnLine::sku)
                        .orElse(""));
                out.add(new ReturnLine(line, sku, left));
            }
        });
        return out;
    }

    /** The order's product lines as Khaos was sent them. */
    private List<ShopDeliveries.OrderedLine> sentLines(OrderLedgerEntry entry) {
        return format.values(entry.khaos().salesOrder()).map(SalesOrderValues::lines).orElse(List.of()).stream()
                .map(l -> new ShopDeliveries.OrderedLine(l.lineId(), l.sku(), l.quantity())).toList();
    }

    /** Units Khaos's shipments took out, per line. */
    private Map<String, BigDecimal> shipped(String orderId, List<ShopDeliveries.OrderedLine> lines) {
        return ShippedUnits.count(lines, shipments.forOrder(orderId).values().stream().map(ShipmentBook.Kept::shipment).toList(),
                sku -> sku).shipped();
    }

    /** Units earlier returns brought back, per line. */
    private static Map<String, BigDecimal> returned(List<CustomerReturn> earlier) {
        Map<String, BigDecimal> returned = new HashMap<>();
        earlier.forEach(r -> r.lines().forEach(l -> returned.merge(l.lineItemId(), l.quantity(), BigDecimal::add)));
        return returned;
    }

    /** Two requests for one order made a return each at once: the loser is asked again (its queue delivers it again). */
    public static final class ReturnRaceException extends RuntimeException {
        public ReturnRaceException(String associatedRef) {
            super("return " + associatedRef + " was made by another request at the same moment; asked again");
        }
    }
}
