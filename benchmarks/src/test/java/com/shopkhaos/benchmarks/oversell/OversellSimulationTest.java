package com.shopkhaos.benchmarks.oversell;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.benchmarks.oversell.OversellSimulation.Outcome;
import com.shopkhaos.benchmarks.oversell.OversellSimulation.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The oversell simulation at a small seed (the full run is the README's command). */
class OversellSimulationTest {
    private static final Scenario SMALL = Scenario.parse(new String[] {"--seed", "7", "--skus", "500", "--minutes", "20",
            "--shop-rate", "1.5", "--other-rate", "0.5"});

    @Test
    void atPeak_ourRulesOversellFarLessThanRawAvailableEvery15Minutes() {
        List<Outcome> outcomes = OversellSimulation.run(SMALL);
        outcomes.forEach(o -> System.out.println("oversell simulation (small): " + o));
        Outcome baseline = outcomes.get(0);
        Outcome oursBuffered = outcomes.get(2);

        assertThat(baseline.unitsOversold()).as("the scenario is scarce enough to oversell the baseline").isPositive();
        assertThat(oursBuffered.unitsOversold()).isLessThan(baseline.unitsOversold() / 5);
        assertThat(oursBuffered.ordersAccepted()).as("the same trace reached both").isPositive();
    }

    @Test
    void withoutOtherChannelsOrPipelineDelay_inFlightAloneLeavesNothingOversold() {
        Scenario instant = Scenario.parse(new String[] {"--seed", "11", "--skus", "300", "--minutes", "20", "--shop-rate", "1.5",
                "--other-rate", "0", "--buffer", "0"});
        instant = new Scenario(instant.seed(), instant.skus(), instant.minutes(), instant.shopOrdersPerSecond(), 0, instant.zipf(),
                instant.stockCover(), new double[] {1e-6, 1.1e-6}, new double[] {1e-6, 1.1e-6}, instant.pollMinutes(),
                instant.baselineMinutes(), "0");
        OversellSimulation.Trace trace = OversellSimulation.trace(instant);

        assertThat(OversellSimulation.baseline(instant, trace).unitsOversold()).as("orders Khaos has not imported, sold twice")
                .isPositive();
        assertThat(OversellSimulation.ours(instant, trace).unitsOversold()).isZero();
    }

    @Test
    void aSeed_alwaysGivesTheSameRun() {
        assertThat(OversellSimulation.run(SMALL)).isEqualTo(OversellSimulation.run(SMALL));
    }
}
