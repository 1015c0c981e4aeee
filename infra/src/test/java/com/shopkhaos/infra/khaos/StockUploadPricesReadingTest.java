package com.shopkhaos.infra.khaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.khaos.CatalogueItem;
import com.shopkhaos.model.khaos.ItemListing;
import com.shopkhaos.model.khaos.TaxRateTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which of a KCC item's prices the audit holds a shop price against, read from a StockUpload as KCC sends it: the web
 * price where set, else the channel listing price, else the sell price; 0.0 is a price not set (the spec's own example).
 */
class StockUploadPricesReadingTest {
    private final JacksonKhaosMessageCodec codec = new JacksonKhaosMessageCodec();

    private Optional<ItemListing.KhaosPrice> priceOf(String prices) throws Exception {
        String json = "{\"Deleted\":[],\"Items\":[{\"StockCode\":\"MUG-STONE-BLU\",\"StockID\":\"7014\","
                + "\"ShortDescription\":\"Stoneware Mug, Blue\",\"TaxRate\":{\"Code\":\"1\",\"ID\":\"1\",\"Name\":\"Standard\"},"
                + "\"Options\":{\"PublishOnWeb\":true,\"StockControlled\":true}," + prices + "}]}";
        CatalogueItem item = codec.readStockUpload(json.getBytes(StandardCharsets.UTF_8), TaxRateTable.parse("1=20"),
                Instant.parse("2026-12-07T09:00:00Z")).items().get(0);
        return item.listing().orElseThrow().shopPrice();
    }

    @Test
    void aChannelListingPrice_isComparedBeforeTheSellPrice() throws Exception {
        assertThat(priceOf("\"SellPrice\":{\"Gross\":18.0},\"ChannelListingPrice\":{\"Gross\":16.5}"))
                .hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(ItemListing.PriceKind.CHANNEL_LISTING);
            assertThat(p.gross()).isEqualByComparingTo("16.5");
        });
    }

    @Test
    void theWebsitePrice_isComparedBeforeEitherOfTheOthers() throws Exception {
        assertThat(priceOf("\"SellPrice\":{\"Gross\":18.0},\"ChannelListingPrice\":{\"Gross\":16.5},"
                + "\"WebProperties\":{\"WebsitePrice\":{\"Gross\":15.0}}"))
                .hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(ItemListing.PriceKind.WEBSITE);
            assertThat(p.gross()).isEqualByComparingTo("15.0");
        });
    }

    @Test
    void aChannelOrWebPriceOfZero_isNoPrice_soTheSellPriceIsCompared() throws Exception {
        assertThat(priceOf("\"SellPrice\":{\"Gross\":18.0},\"ChannelListingPrice\":{\"Gross\":0.0},"
                + "\"WebProperties\":{\"WebsitePrice\":{\"Gross\":0.0}}"))
                .hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(ItemListing.PriceKind.SELL);
            assertThat(p.gross()).isEqualByComparingTo("18.0");
        });
    }
}
