package com.shopkhaos.simulators.khaos;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A stock item in the simulated Khaos Control. Mutable only through the simulator (under its lock).
 *
 * @param components for a build item: stock id → quantity of each component; empty otherwise
 */
final class KccItem {
    final String stockId;
    String stockCode;
    String description;
    String otherRef;
    List<String> barcodes;
    String taxCode;
    BigDecimal sellGross;
    /** {@code ChannelListingPrice} (gross): the channel's list price, where the channel setup sets one; null when not */
    BigDecimal channelListingGross;
    /** {@code WebProperties.WebsitePrice} (gross): the price for the website only; null when not set */
    BigDecimal websiteGross;
    String stockType1;
    String stockType2;
    boolean publishOnWeb = true;
    boolean discontinued;
    boolean runToZero;
    boolean stockControlled = true;
    boolean nonPhysical;
    final Map<String, Integer> components;

    KccItem(String stockId, String stockCode, String description, String otherRef, List<String> barcodes, String taxCode,
            BigDecimal sellGross, String stockType1, String stockType2, Map<String, Integer> components) {
        this.stockId = stockId;
        this.stockCode = stockCode;
        this.description = description;
        this.otherRef = otherRef;
        this.barcodes = barcodes;
        this.taxCode = taxCode;
        this.sellGross = sellGross;
        this.stockType1 = stockType1;
        this.stockType2 = stockType2;
        this.components = components;
    }

    boolean isBuild() {
        return !components.isEmpty();
    }
}
