package com.shopkhaos.simulators.standalonefixture;

import com.shopkhaos.emulator.RepositoryRoot;
import java.nio.file.Path;

/** A simulator class that uses code it must not, for {@code SimulatorsStandAloneTest} to catch. */
final class SimulatorUsingOurCode {
    private SimulatorUsingOurCode() {
    }

    static Path where() {
        return RepositoryRoot.locate();
    }
}
