package com.shopkhaos.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.emulator.AwsCallRecorder;
import com.shopkhaos.emulator.LocalCloud;
import com.shopkhaos.emulator.SharedLocalCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, proven: every AWS call each function made in the function tests, the packaged-function tests and
 * the sandbox's flow tests (recorded by {@link AwsCallRecorder}; the sandbox records each flow as the function it plays)
 * is allowed by that function's execution role in the template as SAM translates it,
 * and every grant is used by some call or kept, with its reason, in {@code iam-unused-grants.txt}. Runs after the
 * packaged-function test ({@link ClassOrderer.OrderAnnotation}); the function modules' tests ran earlier in the build.
 */
@Order(Integer.MAX_VALUE)
class IamPolicyTest {
    /** A reviewed line for a grant used only when two writers race (used in some runs, not in others). */
    private static final String RACE = "~ ";
    private final LocalCloud cloud = SharedLocalCloud.get();

    private static Path recordings() {
        String dir = System.getProperty(AwsCallRecorder.DIR_PROPERTY);
        assertThat(dir).as("the build sets " + AwsCallRecorder.DIR_PROPERTY).isNotNull();
        return Path.of(dir);
    }

    /** "Function Sid action resource" → why the grant stays though no test call used it. */
    private static Map<String, String> reviewed() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(RepoRoot.get().resolve("deployment/src/test/resources/iam-unused-grants.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf(" | ");
            assertThat(bar).as("each line: [~ ]<function> <sid> <action> <resource> | <why it stays>: " + line).isPositive();
            out.put(line.substring(0, bar).strip(), line.substring(bar + 3).strip());
        }
        return out;
    }

    static String key(String function, IamCheck.Grant g) {
        String resource = g.resource().replaceFirst("^arn:aws:[a-z0-9-]+:[a-z0-9-]*:[0-9]*:", "");
        return function + " " + g.sid() + " " + g.action() + " " + resource;
    }

    @Test
    void everyCallAFunctionMakes_isAllowedByItsOwnRole_andEveryGrantIsUsedOrKeptForAReason() throws IOException {
        SamTemplate template = SamTemplate.of(RepoRoot.get().resolve("template.yaml"));
        Set<String> functions = template.functions().keySet();
        for (String f : functions) {
            assertThat(IamCheck.recorded(recordings(), f)).as(f + ": no AWS call recorded; run the whole build (./mvnw -B verify)")
                    .isNotEmpty();
        }

        IamCheck.Findings findings = IamCheck.check(template, cloud, recordings(), functions);

        assertThat(findings.notAllowed()).as("calls no statement of the function's role allows (AccessDenied in AWS)").isEmpty();
        Map<String, String> reviewed = reviewed();
        List<String> found = new ArrayList<>();
        findings.unused().forEach((f, grants) -> grants.forEach(g -> found.add(key(f, g))));
        Files.write(RepoRoot.get().resolve("deployment/target/iam-unused-grants-found.txt"), found);
        List<String> unexplained = new ArrayList<>();
        findings.unused().forEach((f, grants) -> grants.forEach(g -> {
            if (!reviewed.containsKey(key(f, g)) && !reviewed.containsKey(RACE + key(f, g))) {
                unexplained.add(key(f, g));
            }
        }));
        assertThat(unexplained).as("grants no recorded call used: remove them, reach them in a test, or keep them in "
                + "deployment/src/test/resources/iam-unused-grants.txt with the reason").isEmpty();
        List<String> stale = new ArrayList<>();
        Set<String> unusedNow = new HashSet<>();
        findings.unused().forEach((f, grants) -> grants.forEach(g -> unusedNow.add(key(f, g))));
        Set<String> granted = new HashSet<>();
        for (String f : functions) {
            IamCheck.grants(template, cloud, f).forEach(g -> granted.add(key(f, g)));
        }
        reviewed.keySet().forEach(k -> {
            // "~ ": used only when two writers race, which a run may or may not bring about: it must still be granted
            boolean racy = k.startsWith(RACE);
            if (racy ? !granted.contains(k.substring(RACE.length())) : !unusedNow.contains(k)) {
                stale.add(k);
            }
        });
        assertThat(stale).as("reviewed grants that are now used or gone: take them off the list").isEmpty();
    }

    @Test
    void theCheckFails_whenAGrantAFunctionUsesIsRemovedFromTheTemplate() throws IOException {
        String original = Files.readString(RepoRoot.get().resolve("template.yaml"));
        String grant = "              - Sid: QueueOrderEvents\n                Effect: Allow\n                Action: [sqs:SendMessage]\n"
                + "                Resource: !GetAtt OrderEventsQueue.Arn\n";
        assertThat(original).as("the order-intake role grants sending order-events").contains(grant);
        Path broken = RepoRoot.get().resolve("deployment/target/template-without-a-grant.yaml");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, original.replaceFirst(Pattern.quote(grant), ""));

        IamCheck.Findings findings = IamCheck.check(SamTemplate.translate(broken), cloud, recordings(), Set.of("OrderIntakeFunction"));

        assertThat(findings.notAllowed().get("OrderIntakeFunction")).as("the webhook's order-events message is refused")
                .anySatisfy(call -> {
                    assertThat(call.action()).isEqualTo("sqs:SendMessage");
                    assertThat(call.resource()).endsWith(":sandbox-order-events");
                });
    }
}
