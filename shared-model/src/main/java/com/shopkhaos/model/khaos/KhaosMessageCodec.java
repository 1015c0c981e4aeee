package com.shopkhaos.model.khaos;

import com.shopkhaos.model.intake.UnreadableMessageException;
import java.util.Map;

/** Port: the KCC web services' JSON (their shapes stay in infra). */
public interface KhaosMessageCodec {

    /** Our {@code EndpointConfig} file (JSON format) naming each endpoint's URL. */
    String endpointConfig(Map<String, String> urlByEndpoint, int orderDownloadFrequencyMinutes);

    /** An {@code OrderDownload} answer with no orders: {@code {"Orders":[],"ApiVersion":1000}}. */
    String emptyOrderDownload();

    /** Reads a {@code StockUpload}; tax rate codes are turned into percentages by {@code taxRates}. */
    CatalogueChange readStockUpload(byte[] body, TaxRateTable taxRates, java.time.Instant at) throws UnreadableMessageException;

    /** Checks an {@code OrderStatusUpload} or {@code StockStatusUpload} is JSON with a {@code Statuses} list. */
    void checkStatusUpload(byte[] body) throws UnreadableMessageException;
}
