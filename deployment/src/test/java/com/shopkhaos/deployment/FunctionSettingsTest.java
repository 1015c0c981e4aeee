package com.shopkhaos.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shopkhaos.emulator.CloudFormationTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The settings of each deployed function that must agree with each other, read from the template as SAM translates it:
 * an SQS message must stay hidden while every try of its batch can still be running (AWS: visibility timeout at least six
 * times the function's timeout), a scheduled run must end before the next starts, and no parameter value the template
 * allows can make an invalid schedule.
 */
class FunctionSettingsTest {
    private static final Pattern RATE = Pattern.compile("rate\\(\\$\\{(\\w+)} (\\w+)\\)");
    private static final Pattern FIXED_RATE = Pattern.compile("rate\\((\\d+) (\\w+)\\)");

    private final SamTemplate template = SamTemplate.of(RepoRoot.get().resolve("template.yaml"));
    private final CloudFormationTemplate source = CloudFormationTemplate.read(RepoRoot.get().resolve("template.yaml"));

    @Test
    void everyQueue_staysHiddenSixTimesAsLongAsItsConsumerMayRun() {
        List<String> problems = new ArrayList<>();
        template.functions().forEach((id, f) -> Triggers.eventSourceMappings(template, id).forEach(mapping -> {
            String queue = mapping.path("EventSourceArn").path("Fn::GetAtt").path(0).asText();
            JsonNode queueProperties = template.resource(queue).path("Properties");
            int visibility = queueProperties.path("VisibilityTimeout").asInt(30);
            if (visibility < 6 * f.timeoutSeconds()) {
                problems.add(queue + " hides a message " + visibility + " s; " + id + " may run " + f.timeoutSeconds() + " s (needs >= "
                        + 6 * f.timeoutSeconds() + ")");
            }
            int batch = mapping.path("BatchSize").asInt(10);
            if (batch > 10 && !mapping.has("MaximumBatchingWindowInSeconds")) {
                problems.add(id + ": a batch over 10 needs a batching window");
            }
            if (!mapping.path("FunctionResponseTypes").toString().contains("ReportBatchItemFailures")) {
                problems.add(id + " must report batch item failures, or one bad message sends its whole batch back");
            }
            if (!mapping.path("ScalingConfig").has("MaximumConcurrency")) {
                problems.add(id + " has no MaximumConcurrency: a burst could flood the shop's Admin API");
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void eachConsumerReadsItsQueueOnItsLiveAlias_soSnapStartIsUsed() {
        template.functions().forEach((id, f) -> Triggers.eventSourceMappings(template, id).forEach(mapping ->
                assertThat(mapping.path("FunctionName").path("Ref").asText()).as(id + " is invoked on its published alias")
                        .isEqualTo(id + "Aliaslive")));
        assertThat(template.ofType("AWS::Lambda::EventSourceMapping")).as("the three queue consumers").hasSize(3);
    }

    /** Once a day at a fixed time: {@code cron(minute hour * * ? *)}. */
    private static final Pattern DAILY_CRON = Pattern.compile("cron\\(\\d{1,2} \\d{1,2} \\* \\* \\? \\*\\)");
    /** On named days of the week at a fixed time: {@code cron(minute hour ? * MON *)}. */
    private static final Pattern WEEKLY_CRON = Pattern.compile("cron\\(\\d{1,2} \\d{1,2} \\? \\* [A-Z]{3}(,[A-Z]{3})* \\*\\)");

    @Test
    void aScheduledRun_endsBeforeTheNextStarts_atEveryAllowedRate() {
        Map<String, JsonNode> schedules = template.ofType("AWS::Scheduler::Schedule");
        assertThat(schedules).isNotEmpty();
        schedules.forEach((id, schedule) -> {
            JsonNode p = schedule.path("Properties");
            assertThat(p.has("Name")).as(id + " has no fixed name (two stacks in one account)").isFalse();
            String target = p.path("Target").path("Arn").path("Ref").asText();
            assertThat(target).as(id + " runs a published alias").endsWith("Aliaslive");
            SamTemplate.Function f = template.functions().get(target.replace("Aliaslive", ""));
            JsonNode expression = p.path("ScheduleExpression");
            String text = expression.has("Fn::Sub") ? expression.path("Fn::Sub").asText() : expression.asText();
            if (expression.has("Ref")) {
                // a whole expression as a parameter: its pattern allows at most one run a day, at a time of day
                Map<String, Object> parameter = source.parameters().get(expression.path("Ref").asText());
                assertThat(String.valueOf(parameter.get("AllowedPattern"))).as(id + ": its parameter's AllowedPattern")
                        .isEqualTo("^cron\\(\\d{1,2} \\d{1,2} (\\* \\* \\?|\\? \\* [A-Z]{3}(,[A-Z]{3})*) \\*\\)$");
                text = String.valueOf(parameter.get("Default"));
                assertThat(WEEKLY_CRON.matcher(text).matches() || DAILY_CRON.matcher(text).matches()).as(id + ": " + text).isTrue();
                text = "cron(0 0 * * ? *)"; // its fastest: daily
            }
            Matcher m = RATE.matcher(text);
            Matcher fixed = FIXED_RATE.matcher(text);
            int lowest;
            String unit;
            if (m.matches()) {
                Map<String, Object> parameter = source.parameters().get(m.group(1));
                lowest = Integer.parseInt(String.valueOf(parameter.get("MinValue")));
                unit = m.group(2);
                assertThat(lowest).as(m.group(1) + ": rate(1 minutes) is invalid; its MinValue keeps it plural").isGreaterThan(1);
            } else if (DAILY_CRON.matcher(text).matches()) {
                lowest = 1;
                unit = "day";
                assertThat(p.path("ScheduleExpressionTimezone").asText()).as(id + ": a time of day is in a named zone")
                        .isNotEmpty();
            } else {
                assertThat(fixed.matches()).as(id + ": a rate: " + text).isTrue();
                lowest = Integer.parseInt(fixed.group(1));
                unit = fixed.group(2);
                assertThat(unit.endsWith("s")).as(id + ": rate(1 unit) is singular, rate(n units) plural: " + text)
                        .isEqualTo(lowest != 1);
            }
            int seconds = lowest * (unit.startsWith("minute") ? 60 : unit.startsWith("hour") ? 3600 : 86400);
            assertThat(f.timeoutSeconds()).as(f.logicalId() + " at its fastest rate (" + lowest + " " + unit + ") must end first")
                    .isLessThan(seconds);
            assertThat(f.properties().path("ReservedConcurrentExecutions").asInt(0))
                    .as(f.logicalId() + " runs once at a time").isEqualTo(1);
            assertThat(p.path("Target").path("RetryPolicy").path("MaximumRetryAttempts").asInt(-1))
                    .as("a run that could not start is not queued behind the running one").isZero();
        });
    }

    @Test
    void everyFunction_logsToItsOwnGroup_withARetention() {
        template.functions().forEach((id, f) -> {
            String group = f.properties().path("LoggingConfig").path("LogGroup").path("Ref").asText();
            assertThat(group).as(id + " names its log group").isNotEmpty();
            assertThat(template.resource(group).path("Properties").path("RetentionInDays").path("Ref").asText())
                    .isEqualTo("LogRetentionDays");
        });
    }

    static Path templateFile() {
        return RepoRoot.get().resolve("template.yaml");
    }
}
