package com.shopkhaos.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** What runs in AWS is the product only: no function zip carries the simulators, the sandbox or the emulators. */
class FunctionZipContentsTest {
    private static final List<String> LOCAL_ONLY = List.of("com/shopkhaos/simulators/", "com/shopkhaos/sandbox/",
            "com/shopkhaos/emulator/");

    @Test
    void noFunctionZip_shipsTheSimulatorsTheSandboxOrTheEmulators() throws IOException {
        List<Path> zips;
        try (Stream<Path> functions = Files.list(RepoRoot.get().resolve("functions"))) {
            zips = functions.map(f -> f.resolve("target/function.zip")).filter(Files::isRegularFile).toList();
        }
        assertThat(zips).as("the function zips the build produced").hasSizeGreaterThanOrEqualTo(6);
        for (Path zip : zips) {
            assertThat(localOnlyEntries(zip)).as(zip.toString()).isEmpty();
        }
    }

    /** Classes of the local-only packages, and jars named after the local-only modules. */
    private static List<String> localOnlyEntries(Path zip) throws IOException {
        List<String> found = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = e.getName();
                String file = name.substring(name.lastIndexOf('/') + 1);
                boolean localClass = LOCAL_ONLY.stream().anyMatch(name::startsWith) && name.endsWith(".class");
                boolean localJar = file.endsWith(".jar")
                        && (file.contains("simulators") || file.contains("sandbox") || file.contains("emulators"));
                if (localClass || localJar) {
                    found.add(name);
                }
            }
        }
        return found;
    }
}
