package com.shopkhaos.model.returns;

import com.shopkhaos.model.ledger.OrderLedgerEntry;
import java.util.Optional;

/**
 * Port: the customer's account in Khaos (its URN) for an order. Khaos never reports the URN it booked an order to, so it
 * is known only where we sent it with the order or a person entered it; never guessed.
 */
public interface CustomerUrns {

    Optional<String> urnFor(OrderLedgerEntry order);
}
