package com.shopkhaos.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** template.yaml checked offline against the AWS resource specification (tools/check-template.mjs). */
class TemplateCheckTest {
    private final Path root = RepositoryRoot.locate();

    private record Result(int exit, String output) {
    }

    private Result check(Path template) throws IOException, InterruptedException {
        NodeTools.ensureInstalled(root);
        Process p = new ProcessBuilder(NodeTools.nodeExecutable(), "tools/check-template.mjs", template.toString())
                .directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }

    @Test
    void theRepositorysTemplate_passesTheCheck() throws Exception {
        Result result = check(root.resolve("template.yaml"));
        assertThat(result.output()).contains("OK");
        assertThat(result.exit()).isZero();
    }

    @Test
    void aBrokenTemplate_failsWithEachProblemNamed(@TempDir Path dir) throws Exception {
        String template = Files.readString(root.resolve("template.yaml"))
                .replace("TableName: !Sub '${AWS::StackName}-orders'", "TableNme: orders")
                .replace("!GetAtt OrdersTable.Arn", "!GetAtt OrdersTable.Arnn")
                .replace("ORDER_EVENTS_QUEUE_URL: !Ref OrderEventsQueue", "ORDER_EVENTS_QUEUE_URL: !Ref OrderEventQueue")
                .replace("!Sub '${AWS::StackName}/shops/'", "!Sub '${AWS::StackName}/${ShopFolder}/'")
                .replace("Type: AWS::SQS::Queue", "Type: AWS::SQS::Queues");
        Path broken = dir.resolve("template.yaml");
        Files.writeString(broken, template);
        Result result = check(broken);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output())
                .contains("has no property TableNme")
                .contains("has no attribute Arnn")
                .contains("Ref to \"OrderEventQueue\"")
                .contains("Ref to \"ShopFolder\"")
                .contains("unknown resource type AWS::SQS::Queues");
    }
}
