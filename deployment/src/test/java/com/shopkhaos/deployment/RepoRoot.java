package com.shopkhaos.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository this test runs in ({@code shopkhaos.repo.root}, else the nearest folder up with template.yaml). */
final class RepoRoot {
    private RepoRoot() {
    }

    static Path get() {
        String configured = System.getProperty("shopkhaos.repo.root");
        if (configured != null && Files.exists(Path.of(configured, "template.yaml"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("template.yaml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("not inside the repository: no template.yaml above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
