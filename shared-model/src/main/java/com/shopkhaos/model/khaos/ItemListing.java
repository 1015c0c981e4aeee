package com.shopkhaos.model.khaos;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Khaos says of an item's selling, as its {@code StockUpload} carries it (kcc-web-services README {@code StockItem}
 * L746–781, {@code WebProperties} L798–809, {@code StockBarcode} L833–840): its gross prices and its barcodes.
 *
 * @param sellGross           {@code SellPrice}: "the general selling price of the item to a customer"
 * @param channelListingGross {@code ChannelListingPrice}: "if set against the channel setup, … the channel list price"
 * @param websiteGross        {@code WebProperties.WebsitePrice}: "the price for the website only"
 * @param barcodes            {@code Barcodes[].Barcode}, as Khaos holds them
 */
public record ItemListing(Optional<BigDecimal> sellGross, Optional<BigDecimal> channelListingGross, Optional<BigDecimal> websiteGross,
                          List<String> barcodes) {

    public ItemListing {
        Objects.requireNonNull(sellGross, "sellGross");
        Objects.requireNonNull(channelListingGross, "channelListingGross");
        Objects.requireNonNull(websiteGross, "websiteGross");
        barcodes = List.copyOf(barcodes);
    }

    /** Which of Khaos's prices a shop's price is held against. */
    public enum PriceKind {
        WEBSITE, CHANNEL_LISTING, SELL
    }

    /** A price of the item, and which one it is. */
    public record KhaosPrice(PriceKind kind, BigDecimal gross) {
    }

    /**
     * The price the shop should be selling at, as Khaos has it: the website price where set (it is the web's own), else the
     * channel's listing price (the price for this channel), else the general sell price; empty when Khaos sent none.
     */
    public Optional<KhaosPrice> shopPrice() {
        if (websiteGross.isPresent()) {
            return Optional.of(new KhaosPrice(PriceKind.WEBSITE, websiteGross.get()));
        }
        if (channelListingGross.isPresent()) {
            return Optional.of(new KhaosPrice(PriceKind.CHANNEL_LISTING, channelListingGross.get()));
        }
        return sellGross.map(p -> new KhaosPrice(PriceKind.SELL, p));
    }
}
