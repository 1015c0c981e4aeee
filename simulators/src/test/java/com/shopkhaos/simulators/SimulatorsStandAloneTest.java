package com.shopkhaos.simulators;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The simulators are the other side (Shopware, Khaos Control Cloud): they must not use our code, or a bug in our
 * signing, parsing or model would be mirrored by the very thing meant to catch it. Checked on the classes and on
 * the POM.
 */
class SimulatorsStandAloneTest {
    private static final String[] OUR_CODE = {"com.shopkhaos.model..", "com.shopkhaos.infra..", "com.shopkhaos.function..",
        "com.shopkhaos.sandbox.."};
    /** Our modules; {@code emulators} (the local cloud, no product code) is allowed to the tests only. */
    private static final List<String> OUR_MODULES = List.of("shared-model", "infra", "order-intake", "khaos-channel",
            "order-sync", "ops-api", "stock-push", "despatch-writeback", "sandbox");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "(?s)<dependency>\\s*<groupId>com\\.shopkhaos</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>");

    static ArchRule usesNone(String... packages) {
        return noClasses().that().resideInAPackage("com.shopkhaos.simulators..")
                .should().dependOnClassesThat().resideInAnyPackage(packages);
    }

    @Test
    void theSimulators_useNoneOfOurCode() {
        JavaClasses simulators = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.shopkhaos.simulators");
        assertThat(simulators).as("the simulators' classes were found").isNotEmpty();
        usesNone(OUR_CODE).check(simulators);
    }

    @Test
    void theRule_fails_whenASimulatorClassUsesCodeItMustNot() {
        JavaClasses fixture = new ClassFileImporter().importPackages("com.shopkhaos.simulators.standalonefixture");
        assertThatThrownBy(() -> usesNone("com.shopkhaos.emulator..").check(fixture))
                .isInstanceOf(AssertionError.class).hasMessageContaining("RepositoryRoot");
    }

    @Test
    void thePom_declaresNoneOfOurModules() throws IOException {
        assertThat(ourModulesIn(Files.readString(Path.of("pom.xml")))).isEmpty();
    }

    @Test
    void thePomCheck_findsOneOfOurModules() {
        String pom = "<dependencies><dependency>\n<groupId>com.shopkhaos</groupId>\n<artifactId>infra</artifactId>\n"
                + "</dependency><dependency><groupId>com.shopkhaos</groupId><artifactId>emulators</artifactId>"
                + "<scope>test</scope></dependency></dependencies>";
        assertThat(ourModulesIn(pom)).containsExactly("infra");
    }

    /** Our modules the POM depends on, and {@code emulators} when it is not test scope. */
    private static List<String> ourModulesIn(String pom) {
        List<String> found = new ArrayList<>();
        Matcher m = DEPENDENCY.matcher(pom);
        while (m.find()) {
            boolean testOnly = m.group(2).contains("<scope>test</scope>");
            if (OUR_MODULES.contains(m.group(1)) || (m.group(1).equals("emulators") && !testOnly)) {
                found.add(m.group(1));
            }
        }
        return found;
    }
}
