package com.shopkhaos.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the vendors' published contracts are found: a path in an environment variable, else
 * {@code ../shared/contracts/<file>} beside the repository (the steering folder; not committed here).
 */
public final class SharedContracts {
    private SharedContracts() {
    }

    public static Path locate(String environmentVariable, String fileName) {
        String configured = System.getenv(environmentVariable);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of(System.getProperty("shopkhaos.repo.root", ".")).toAbsolutePath().normalize();
        while (dir != null && !Files.exists(dir.resolve("sandbox.sh"))) {
            dir = dir.getParent();
        }
        Path root = dir == null ? Path.of(".").toAbsolutePath() : dir;
        return root.resolveSibling("shared").resolve("contracts").resolve(fileName);
    }
}
