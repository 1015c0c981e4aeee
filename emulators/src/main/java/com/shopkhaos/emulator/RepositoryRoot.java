package com.shopkhaos.emulator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's root folder (the one holding {@code template.yaml} and {@code package.json}). */
public final class RepositoryRoot {
    private RepositoryRoot() {
    }

    public static Path locate() {
        String configured = System.getProperty("shopkhaos.repo.root", System.getenv("SHOPKHAOS_REPO_ROOT"));
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (isRoot(root)) {
                return root;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a folder with template.yaml and package.json) "
                + "above " + Path.of("").toAbsolutePath() + "; run from the repository or set SHOPKHAOS_REPO_ROOT");
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("package.json"));
    }
}
