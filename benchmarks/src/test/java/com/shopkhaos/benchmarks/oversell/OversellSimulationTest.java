package com.shopkhaos.benchmarks.oversell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkhaos.benchmarks.oversell.OversellSimulation.Cause;
import com.shopkhaos.benchmarks.oversell.OversellSimulation.Outcome;
import com.shopkhaos.benchmarks.oversell.OversellSimulation.Scenario;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oversell simulation at a small seed (the full run is the README's command): the direction of every design
 * against the baseline, never its size or a timing.
 */
class OversellSimulationTest {
    private static final Scenario SMALL = Scenario.parse(new String[] {"--seed", "7", "--skus", "500", "--minutes", "30",
            "--shop-rate", "1.5", "--other-rate", "0.5"});
    private static List<Outcome> outcomes;

    @BeforeAll
    static void run() {
        outcomes = OversellSimulation.run(SMALL);
        System.out.print(OversellSimulation.table(SMALL, outcomes));
    }

    private static Outcome design(int index) {
        return outcomes.get(index);
    }

    @Test
    void atPeak_ourRulesOversellCloseoutProductsFarLessThanRawAvailableEvery15Minutes_withoutSellingLess() {
        Outcome baseline = design(OversellSimulation.BASELINE);
        Outcome now = design(OversellSimulation.NOW);

        assertThat(baseline.oversoldCloseout()).as("the scenario is scarce enough to oversell the baseline").isGreaterThan(20);
        assertThat(now.oversoldCloseout()).isLessThan(baseline.oversoldCloseout() / 5);
        assertThat(now.oversoldCloseout()).as("lever A: Khaos downloads sooner")
                .isLessThan(design(OversellSimulation.BEFORE).oversoldCloseout());
        assertThat(now.goodUnits()).as("good units within 1% of the baseline's").isGreaterThan((int) (baseline.goodUnits() * 0.99));
        assertThat(now.unitsInWholeOrders()).as("units of orders shipped whole").isGreaterThanOrEqualTo(baseline.unitsInWholeOrders());
        assertThat(now.refusedCoverable()).as("no order refused that Khaos could have covered").isZero();
    }

    @Test
    void aFlatBuffer_buysItsFewerOversellsWithSalesKhaosCouldHaveCovered() {
        Outcome flat = design(OversellSimulation.FLAT_BUFFER);
        Outcome before = design(OversellSimulation.BEFORE);

        assertThat(flat.refusedCoverable()).isPositive();
        assertThat(flat.goodUnits()).isLessThan(before.goodUnits());
    }

    @Test
    void notCloseoutProducts_areSoldPastZeroWhateverTheFigure_andReportedApart() {
        Outcome baseline = design(OversellSimulation.BASELINE);
        Outcome now = design(OversellSimulation.NOW);

        assertThat(baseline.oversoldNotCloseout()).isPositive();
        assertThat(now.oversoldNotCloseout()).isPositive();
        assertThat(now.causes().get(Cause.SOLD_PAST_ZERO)).isPositive();
        assertThat(now.unitsOversold()).isEqualTo(now.oversoldCloseout() + now.oversoldNotCloseout());
    }

    @Test
    void everyOversoldUnit_isPutDownToACause() {
        for (Outcome o : outcomes) {
            assertThat(o.causes().values().stream().mapToInt(Integer::intValue).sum()).as(o.design()).isEqualTo(o.unitsOversold());
            assertThat(o.causes().get(Cause.UNEXPLAINED)).as(o.design()).isZero();
        }
        Outcome baseline = design(OversellSimulation.BASELINE);
        assertThat(baseline.causes().get(Cause.ORDER_NOT_COUNTED)).as("raw Available leaves out the orders Khaos has not imported")
                .isPositive();
        assertThat(design(OversellSimulation.NOW).causes().get(Cause.ORDER_NOT_COUNTED)).as("holds count them").isLessThan(
                baseline.causes().get(Cause.ORDER_NOT_COUNTED));
        assertThat(design(OversellSimulation.BEFORE).causes().get(Cause.OTHER_CHANNEL_BEFORE_IMPORT))
                .as("the download interval is where ours oversold").isGreaterThan(design(OversellSimulation.NOW).causes()
                        .get(Cause.OTHER_CHANNEL_BEFORE_IMPORT));
    }

    @Test
    void withoutOtherChannelsOrPipelineDelay_inFlightAloneLeavesNothingOversold_onCloseoutProducts() {
        Scenario instant = Scenario.parse(new String[] {"--seed", "11", "--skus", "300", "--minutes", "20", "--shop-rate", "1.5",
                "--other-rate", "0", "--buffer", "0", "--order-to-hold", "0.000001,0.0000011", "--propagation", "0.000001,0.0000011",
                "--closeout-share", "1"});
        OversellSimulation.Trace trace = OversellSimulation.trace(instant);

        assertThat(OversellSimulation.baseline(instant, trace).unitsOversold()).as("orders Khaos has not imported, sold twice")
                .isPositive();
        assertThat(OversellSimulation.ours(instant, trace).unitsOversold()).isZero();
    }

    @Test
    void aSeed_alwaysGivesTheSameRun() {
        assertThat(OversellSimulation.run(SMALL)).isEqualTo(outcomes);
    }

    @Test
    void aScenarioSettingThatIsNotOne_isRefusedSayingWhy() {
        assertThatThrownBy(() -> Scenario.parse(new String[] {"--speed", "2"})).hasMessageContaining("--shop-rate");
        assertThatThrownBy(() -> Scenario.parse(new String[] {"--closeout-share", "2"})).hasMessageContaining("0 to 1");
        assertThatThrownBy(() -> Scenario.parse(new String[] {"--propagation", "3"})).hasMessageContaining("p50,p95");
        assertThatThrownBy(() -> Scenario.parse(new String[] {"--hot", "lots"})).hasMessageContaining("1,orders2,atmost5");
        assertThatThrownBy(() -> Scenario.parse(new String[] {"--seed"})).hasMessageContaining("needs a value");
    }
}
