package com.shopkhaos.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.emulator.CloudFormationTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The template as AWS's own linter reads it, and the README's deploy walk-through as a retailer's engineer reads it. */
class TemplateLintTest {

    @Test
    void cfnLint_findsNoError_warning_orInformationalFinding() throws Exception {
        Path root = RepoRoot.get();
        Path out = Files.createTempFile("cfn-lint", ".txt");
        Process p = new ProcessBuilder("cfn-lint", "--include-checks", "I", "--", "template.yaml").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        String findings = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("cfn-lint (pip install cfn-lint) on template.yaml:\n" + findings).isZero();
    }

    @Test
    void theReadmesDeployWalkThrough_explainsEveryParameter() throws Exception {
        Path root = RepoRoot.get();
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        int from = readme.indexOf("## Deploying to AWS");
        assertThat(from).as("README has a section '## Deploying to AWS'").isNotNegative();
        int to = readme.indexOf("\n## ", from + 5);
        String walkThrough = to < 0 ? readme.substring(from) : readme.substring(from, to);
        Matcher rows = Pattern.compile("(?m)^\\| `(\\w+)` \\|").matcher(walkThrough);
        List<String> documented = rows.results().map(m -> m.group(1)).toList();
        List<String> parameters = List.copyOf(CloudFormationTemplate.read(root.resolve("template.yaml")).parameters().keySet());
        assertThat(documented).as("the walk-through's parameter table names each parameter of template.yaml once")
                .containsExactlyInAnyOrderElementsOf(parameters);
    }
}
