package com.shopkhaos.model.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.model.khaos.StockLevel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Sellable = max(0, Available − buffer − in-flight): the rule that keeps the shop from selling what Khaos cannot ship. */
class SellableStockTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration SETTLE = Duration.ofMinutes(5);
    private static final StockBufferPolicy NO_BUFFER = new StockBufferPolicy(BufferRule.NONE, List.of());

    private static StockLevel level(int site, String available, Instant at) {
        return new StockLevel("MUG", "9", site, new BigDecimal(available), at);
    }

    private static InFlightHold hold(int quantity, Instant importedAt) {
        return new InFlightHold("MUG", "o" + quantity + importedAt, "1000" + quantity, quantity, NOW.minusSeconds(60), importedAt);
    }

    @ParameterizedTest(name = "buffer \"{0}\" on {1} available holds back {2}")
    @CsvSource({"'', 10, 0", "2, 10, 2", "10%, 10, 1", "10%, 11, 2", "'10%,min2', 5, 2", "'10%,min2', 50, 5", "25%, 0, 0",
            "min3, 0, 3", "10 %, 30, 3"})
    void bufferRules_holdBackUnitsOrAShareRoundedUp(String rule, int available, int units) {
        assertThat(BufferRule.parse(rule, "STOCK_BUFFER").unitsFor(BigDecimal.valueOf(available))).isEqualTo(units);
    }

    @ParameterizedTest
    @CsvSource({"ten", "-1", "120%", "10%%"})
    void aBufferThatIsNotOne_isRefusedWithTheFormsAllowed(String rule) {
        assertThatThrownBy(() -> BufferRule.parse(rule, "STOCK_BUFFER")).hasMessageContaining("10%,min2");
    }

    @Test
    void sellable_isAvailableAtTheWebSites_lessBufferAndInFlight_neverBelowZero() {
        List<StockLevel> levels = List.of(level(1, "12.0", NOW), level(2, "5.0", NOW), level(3, "100", NOW));
        StockBufferPolicy buffer = new StockBufferPolicy(BufferRule.parse("2", "x"), List.of());
        StockPosition position = StockPosition.of("MUG", levels, List.of(hold(3, null), hold(1, null)),
                WebSites.parse("1,2"), buffer, null, NOW, SETTLE);
        assertThat(position.available()).contains(new BigDecimal("17.0"));
        assertThat(position.inFlight()).isEqualTo(4);
        assertThat(position.buffer()).isEqualTo(2);
        assertThat(position.sellable()).isEqualTo(11);

        assertThat(StockPosition.of("MUG", List.of(level(1, "3", NOW)), List.of(hold(5, null)), WebSites.parse("1"), buffer, null,
                NOW, SETTLE).sellable()).isZero();
        assertThat(StockPosition.of("MUG", List.of(level(1, "-4", NOW)), List.of(), WebSites.parse("1"), NO_BUFFER, null, NOW,
                SETTLE)).satisfies(p -> {
                    assertThat(p.sellable()).isZero();
                    assertThat(p.negative()).isTrue();
                });
        assertThat(StockPosition.of("MUG", List.of(level(1, "2.9", NOW)), List.of(), WebSites.parse("1"), NO_BUFFER, null, NOW,
                SETTLE).sellable()).as("a fraction of a unit cannot be sold").isEqualTo(2);
    }

    @Test
    void withNoFigureAtAWebSite_nothingIsSoldOnAGuess() {
        StockPosition position = StockPosition.of("MUG", List.of(level(2, "40", NOW)), List.of(), WebSites.parse("1"), NO_BUFFER,
                null, NOW, SETTLE);
        assertThat(position.available()).isEmpty();
        assertThat(position.sellable()).isZero();
    }

    @Test
    void anImportedOrder_countsUntilKhaossFigureIsLaterThanTheImport_orTheSettleTimePassed() {
        Instant imported = NOW.minusSeconds(30);
        InFlightHold held = hold(3, imported);
        assertThat(StockPosition.of("MUG", List.of(level(1, "10", imported.minusSeconds(1))), List.of(held), WebSites.parse("1"),
                NO_BUFFER, null, NOW, SETTLE).sellable()).as("the figure predates the import: still in flight").isEqualTo(7);
        assertThat(StockPosition.of("MUG", List.of(level(1, "7", imported.plusSeconds(1))), List.of(held), WebSites.parse("1"),
                NO_BUFFER, null, NOW, SETTLE).sellable()).as("Khaos's figure includes it now").isEqualTo(7);
        assertThat(StockPosition.of("MUG", List.of(level(1, "7", imported.minusSeconds(1))), List.of(held), WebSites.parse("1"),
                NO_BUFFER, null, NOW.plus(SETTLE), SETTLE).sellable())
                .as("no newer figure within the settle time: the one sent before the status already had it").isEqualTo(7);
    }

    @Test
    void aPeakRule_raisesButNeverLowersAProductsBuffer_andOnlyWhileInForce() {
        List<StockBufferPolicy.PeakRule> peaks = StockBufferPolicy.parsePeaks(
                "2026-11-23T00:00:00Z/2026-12-01T00:00:00Z=10%,min2");
        StockBufferPolicy policy = new StockBufferPolicy(BufferRule.parse("1", "x"), peaks);
        BigDecimal fifty = BigDecimal.valueOf(50);
        assertThat(policy.unitsFor(fifty, null, NOW)).isEqualTo(5);
        assertThat(policy.unitsFor(BigDecimal.valueOf(5), null, NOW)).isEqualTo(2);
        assertThat(policy.unitsFor(fifty, BufferRule.parse("8", "x"), NOW)).as("the product's own, larger").isEqualTo(8);
        assertThat(policy.unitsFor(fifty, null, Instant.parse("2026-12-01T00:00:00Z"))).as("over").isEqualTo(1);
        assertThatThrownBy(() -> StockBufferPolicy.parsePeaks("2026-12-01T00:00:00Z/2026-11-23T00:00:00Z=2"))
                .hasMessageContaining("ends before it starts");
    }

    @Test
    void webSites_areOneOrSeveralSiteIds_orEveryOneWhenEmpty() {
        assertThat(WebSites.parse("").counts(7)).isTrue();
        assertThat(WebSites.parse("1, 2").counts(2)).isTrue();
        assertThat(WebSites.parse("1").counts(2)).isFalse();
        assertThatThrownBy(() -> WebSites.parse("main", "KHAOS_WEB_SITES")).hasMessageContaining("KHAOS_WEB_SITES");
    }

    private static InFlightHold orderHold(String orderId, int quantity) {
        return new InFlightHold("MUG", orderId, orderId, quantity, NOW.minusSeconds(30), null);
    }

    @Test
    void aCodeSellingFastAtLowStock_holdsBackOneMoreUnit_whileTheLongTailKeepsEveryUnitOnSale() {
        StockBufferPolicy hot = new StockBufferPolicy(BufferRule.NONE, List.of(), HotStockRule.parse("1,orders2,atmost5", "STOCK_HOT_BUFFER"));
        List<StockLevel> six = List.of(level(1, "6", NOW));

        StockPosition fast = StockPosition.of("MUG", six, List.of(orderHold("o1", 1), orderHold("o2", 1)), WebSites.parse("1"), hot,
                null, NOW, SETTLE);
        assertThat(fast.sellable()).as("4 left with 2 orders in flight: one held back").isEqualTo(3);
        assertThat(fast.buffer()).isEqualTo(1);

        assertThat(StockPosition.of("MUG", six, List.of(orderHold("o1", 2)), WebSites.parse("1"), hot, null, NOW, SETTLE).sellable())
                .as("one order in flight: not selling fast").isEqualTo(4);
        assertThat(StockPosition.of("MUG", List.of(level(1, "20", NOW)), List.of(orderHold("o1", 1), orderHold("o2", 1)),
                WebSites.parse("1"), hot, null, NOW, SETTLE).sellable()).as("18 left: not low").isEqualTo(18);
        assertThat(StockPosition.of("MUG", six, List.of(orderHold("o1", 3), orderHold("o2", 3)), WebSites.parse("1"), hot, null, NOW,
                SETTLE).sellable()).as("nothing left to hold back").isZero();
        assertThat(StockPosition.of("MUG", six, List.of(orderHold("o1", 1), orderHold("o2", 1)), WebSites.parse("1"), NO_BUFFER, null,
                NOW, SETTLE).sellable()).as("off by default").isEqualTo(4);
    }

    @Test
    void aHotStockRuleThatIsNotOne_isRefusedWithTheFormAllowed() {
        assertThat(HotStockRule.parse("", "STOCK_HOT_BUFFER").off()).isTrue();
        assertThat(HotStockRule.parse("2, Orders3, ATMOST4", "STOCK_HOT_BUFFER")).isEqualTo(new HotStockRule(2, 3, 4));
        for (String bad : List.of("one", "orders2", "1,orders0", "-1", "1,atmost-2")) {
            assertThatThrownBy(() -> HotStockRule.parse(bad, "STOCK_HOT_BUFFER")).as(bad)
                    .hasMessageContaining("STOCK_HOT_BUFFER").hasMessageContaining("1,orders2,atmost5");
        }
    }
}
