package com.shopkhaos.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this process ignores Ctrl-C (SIGINT). A process started in the background by a script (a shell without
 * job control) inherits SIGINT ignored, and a JVM that starts with SIGINT ignored never installs its handler: Ctrl-C
 * (or {@code kill -INT}) then does nothing at all. Read from {@code /proc/self/status} (Linux); elsewhere unknown.
 */
final class SandboxSignals {
    private static final int SIGINT = 2;

    private SandboxSignals() {
    }

    static Optional<Boolean> interruptIgnored() {
        return interruptIgnored(Path.of("/proc/self/status"));
    }

    static Optional<Boolean> interruptIgnored(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
                    return Optional.of((mask & (1L << (SIGINT - 1))) != 0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
