package com.shopkhaos.model.khaos;

import com.shopkhaos.model.intake.UnreadableMessageException;
import java.time.Instant;

/** Port: reads what Khaos Control Cloud pushes to us (the KCC web services' shapes stay in infra). */
public interface KhaosMessageCodec {

    /**
     * Reads an {@code OrderStatusUpload}. An entry without the fields needed to find the order is set aside
     * (as its JSON) for a person; a body that is not JSON with a {@code Statuses} list is unreadable.
     */
    OrderStatusUpload readOrderStatuses(byte[] body) throws UnreadableMessageException;

    /**
     * Reads a {@code StockStatusUpload}: each entry's stock code, site and available figure; an entry without
     * them (or with a figure that is not a finite number) is set aside for a person.
     */
    StockStatusUpload readStockStatuses(byte[] body, Instant at) throws UnreadableMessageException;

    /** Reads a {@code StockUpload}; tax rate codes are turned into percentages by {@code taxRates}. */
    CatalogueChange readStockUpload(byte[] body, TaxRateTable taxRates, Instant at) throws UnreadableMessageException;

    /** A {@code PriceListUpload}: how many stock prices its price lists carry; unreadable without its list of price lists. */
    int readPriceLists(byte[] body) throws UnreadableMessageException;
}
