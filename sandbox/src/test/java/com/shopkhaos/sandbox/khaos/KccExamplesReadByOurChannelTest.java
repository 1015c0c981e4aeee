package com.shopkhaos.sandbox.khaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.infra.khaos.JacksonKhaosMessageCodec;
import com.shopkhaos.model.intake.UnreadableMessageException;
import com.shopkhaos.model.khaos.CatalogueChange;
import com.shopkhaos.model.khaos.TaxRateTable;
import com.shopkhaos.simulators.khaos.KccExamples;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Our channel (infra's KCC codec) reads KCC's example pushes: our own examples in KCC's shapes always, the vendor's
 * own when {@code $KCC_SPEC_README} names its README (the simulators' {@code KccExampleChecks} hold the simulator
 * to the same examples).
 */
class KccExamplesReadByOurChannelTest {
    private final JacksonKhaosMessageCodec codec = new JacksonKhaosMessageCodec();

    @Test
    void ourChannel_readsOurExamplePushes() throws Exception {
        readsThePushes(KccExamples.ours());
    }

    @Test
    void ourChannel_readsTheVendorsExamplePushes() throws Exception {
        readsThePushes(KccExamples.vendors());
    }

    private void readsThePushes(KccExamples.Examples examples) throws UnreadableMessageException {
        JsonNode stockItem = examples.stockUpload().path("Items").path(0);
        CatalogueChange change = codec.readStockUpload(bytes(examples.stockUpload()), TaxRateTable.parse("1=20,2=5,3=0"),
                Instant.now());
        assertThat(change.items()).singleElement().satisfies(i -> {
            assertThat(i.stockCode()).isEqualTo(stockItem.path("StockCode").asText());
            assertThat(i.description()).isEqualTo(stockItem.path("ShortDescription").asText());
            assertThat(i.taxRatePercent()).contains(new BigDecimal("20"));
            assertThat(i.listing()).as("prices and barcodes kept").hasValueSatisfying(l -> {
                assertThat(l.barcodes()).hasSize(stockItem.path("Barcodes").size());
                if (stockItem.path("SellPrice").path("Gross").asDouble() == 0) {
                    assertThat(l.sellGross()).as("0.0 is KCC's price not set").isEmpty();
                }
            });
        });
        var statuses = codec.readOrderStatuses(bytes(examples.orderStatus()));
        assertThat(statuses.unreadableEntries()).isEmpty();
        assertThat(statuses.statuses()).extracting(s -> s.associatedRef())
                .containsExactly(examples.orderStatus().path("Statuses").path(0).path("AssociatedRef").asText(),
                        examples.orderStatus().path("Statuses").path(1).path("AssociatedRef").asText());
        var levels = codec.readStockStatuses(bytes(examples.stockStatus()), Instant.now());
        assertThat(levels.unreadableEntries()).isEmpty();
        assertThat(levels.levels()).hasSize(examples.stockStatus().path("Statuses").size());
    }

    private static byte[] bytes(JsonNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
