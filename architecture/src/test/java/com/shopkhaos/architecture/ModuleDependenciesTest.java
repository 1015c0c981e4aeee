package com.shopkhaos.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The same rule at the build level: no function module lists another function module as a dependency. */
class ModuleDependenciesTest {
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("functions"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    /** Function artifactIds that a function's POM depends on, other than itself. */
    static List<String> functionDependencies(String pom, List<String> functionArtifacts, String self) {
        int start = pom.indexOf("<dependencies>");
        String deps = start < 0 ? "" : pom.substring(start);
        List<String> found = new ArrayList<>();
        Matcher m = ARTIFACT.matcher(deps);
        while (m.find()) {
            if (functionArtifacts.contains(m.group(1)) && !m.group(1).equals(self)) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    @Test
    void noFunctionModule_dependsOnAnother() throws IOException {
        List<Path> poms;
        try (Stream<Path> dirs = Files.list(root().resolve("functions"))) {
            poms = dirs.map(d -> d.resolve("pom.xml")).filter(Files::exists).toList();
        }
        assertThat(poms).isNotEmpty();
        List<String> artifacts = new ArrayList<>();
        for (Path pom : poms) {
            artifacts.add(ownArtifact(Files.readString(pom)));
        }
        for (Path pom : poms) {
            String text = Files.readString(pom);
            assertThat(functionDependencies(text, artifacts, ownArtifact(text))).as(pom.toString()).isEmpty();
        }
    }

    @Test
    void theCheck_findsAFunctionDependingOnAnother() {
        String pom = "<project><artifactId>stock-push</artifactId><dependencies><dependency><groupId>g</groupId>"
                + "<artifactId>order-intake</artifactId></dependency></dependencies></project>";
        assertThat(functionDependencies(pom, List.of("order-intake", "stock-push"), "stock-push")).containsExactly("order-intake");
    }

    private static String ownArtifact(String pom) {
        String withoutParent = pom.replaceAll("(?s)<parent>.*?</parent>", "");
        Matcher m = ARTIFACT.matcher(withoutParent);
        return m.find() ? m.group(1) : "";
    }
}
