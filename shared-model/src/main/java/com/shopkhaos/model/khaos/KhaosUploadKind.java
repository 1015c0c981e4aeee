package com.shopkhaos.model.khaos;

/** What Khaos Control Cloud posts to our channel. */
public enum KhaosUploadKind {
    /** {@code OrderStatusUpload}: an order we sent moved through Khaos's invoice manager (despatches, cancellations). */
    ORDER_STATUS,
    /** {@code StockStatusUpload}: stock levels changed, per stock code and site. */
    STOCK_STATUS,
    /** {@code StockUpload}: the catalogue (items, options, tax rates, prices, barcodes, deletions). */
    STOCK,
    /** {@code PriceListUpload}: Khaos's price lists (quantity breaks, per list), kept as they came for the catalogue audit. */
    PRICE_LIST
}
