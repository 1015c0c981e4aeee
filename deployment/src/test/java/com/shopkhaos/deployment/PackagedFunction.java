package com.shopkhaos.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopkhaos.emulator.AwsCallRecorder;
import com.shopkhaos.emulator.LocalCloud;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One function of the translated template, started from the zip the build produced as Lambda's Java runtime starts
 * it ({@link LambdaRuntimeHarness} in a forked JVM, class path = the unpacked zip), with the template's environment
 * resolved to the local emulators, and handed real events of its trigger.
 */
final class PackagedFunction {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one invocation gave back: the function's answer, or what it threw. */
    record Invocation(String response, String error) {
        boolean failed() {
            return error != null;
        }
    }

    /** A run of the JVM: each event's invocation, and everything the function wrote to standard out and error. */
    record Run(int exitCode, List<Invocation> invocations, String log) {
    }

    private final SamTemplate.Function function;
    private final LocalCloud cloud;
    private final Map<String, String> extraEnvironment = new TreeMap<>();

    PackagedFunction(SamTemplate.Function function, LocalCloud cloud) {
        this.function = function;
        this.cloud = cloud;
    }

    PackagedFunction withEnvironment(String name, String value) {
        extraEnvironment.put(name, value);
        return this;
    }

    /** The function's environment as Lambda would set it: the template's variables (resolved locally) and Lambda's own. */
    Map<String, String> environment() {
        Map<String, String> env = new TreeMap<>();
        Object variables = cloud.resolve(JSON.convertValue(function.environment(), Object.class));
        if (variables instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v != null) {
                    env.put(String.valueOf(k), String.valueOf(v));
                }
            });
        }
        // what the Lambda service sets for every function (the credentials are the execution role's)
        env.put("AWS_REGION", LocalCloud.REGION);
        env.put("AWS_DEFAULT_REGION", LocalCloud.REGION);
        env.put("AWS_ACCESS_KEY_ID", LocalCloud.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalCloud.SECRET_KEY);
        env.put("AWS_SESSION_TOKEN", "local-session");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "sandbox-" + function.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        env.put("LAMBDA_TASK_ROOT", taskRoot().toString());
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("SHOPKHAOS_HARNESS_TIMEOUT_SECONDS", String.valueOf(function.timeoutSeconds()));
        // the one local difference: the AWS endpoints are the emulators
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", cloud.dynamoDbEndpoint().toString());
        env.put("QUARKUS_SQS_ENDPOINT_OVERRIDE", cloud.sqsEndpoint().toString());
        env.put("SHOPKHAOS_AWS_SECRETSMANAGER_ENDPOINT_OVERRIDE", cloud.secretsManagerEndpoint().toString());
        String callsDir = System.getProperty(AwsCallRecorder.DIR_PROPERTY);
        if (callsDir != null) {
            env.put("SHOPKHAOS_AWS_CALLS_DIR", callsDir);
            env.put("SHOPKHAOS_FUNCTION", function.logicalId());
        }
        env.putAll(extraEnvironment);
        return env;
    }

    Path zip() {
        if (function.localCodeUri() == null) {
            throw new IllegalStateException(function.logicalId() + " has no local CodeUri in template.yaml");
        }
        Path zip = RepoRoot.get().resolve(function.localCodeUri());
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(function.logicalId() + ": " + zip + " was not built (./mvnw -B package)");
        }
        return zip;
    }

    private Path taskRoot() {
        return RepoRoot.get().resolve("deployment/target/lambda-task").resolve(function.logicalId());
    }

    /** Hands the events over one after the other to one started function (the first is a cold start). */
    Run invoke(List<String> events) throws IOException, InterruptedException {
        Path task = unpack();
        Path harness = harnessClassPath();
        Path work = Files.createDirectories(RepoRoot.get().resolve("deployment/target/lambda-runs"))
                .resolve(function.logicalId() + "-" + System.nanoTime());
        Files.createDirectories(work);
        List<String> command = new ArrayList<>();
        command.add(Path.of(ProcessHandle.current().info().command().orElse("java")).toString());
        // Lambda gives the JVM about 85% of the function's memory as heap
        command.add("-Xmx" + (function.memoryMb() * 85 / 100) + "m");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, harness.toString(), task.toString(),
                task.resolve("lib").toString() + File.separator + "*"));
        command.add(LambdaRuntimeHarness.class.getName());
        command.add(function.handler());
        command.add(work.toString());
        for (int i = 0; i < events.size(); i++) {
            Path event = work.resolve(i + ".event.json");
            Files.writeString(event, events.get(i), StandardCharsets.UTF_8);
            command.add(event.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("log.txt").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment());
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(function.logicalId() + " did not finish its events in 180 s; log:\n"
                    + Files.readString(work.resolve("log.txt")));
        }
        List<Invocation> invocations = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Path response = work.resolve(i + ".response");
            Path error = work.resolve(i + ".error");
            invocations.add(new Invocation(Files.exists(response) ? Files.readString(response) : null,
                    Files.exists(error) ? Files.readString(error) : null));
        }
        return new Run(process.exitValue(), invocations, Files.readString(work.resolve("log.txt")));
    }

    /** The zip as Lambda unpacks it into /var/task (once per test run and zip). */
    private synchronized Path unpack() throws IOException {
        Path zip = zip();
        Path task = taskRoot();
        Path stamp = task.resolve(".unpacked-from");
        String identity = zip + "@" + Files.getLastModifiedTime(zip).toMillis() + "/" + Files.size(zip);
        if (Files.exists(stamp) && Files.readString(stamp).equals(identity)) {
            return task;
        }
        if (Files.exists(task)) {
            try (Stream<Path> old = Files.walk(task)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(task);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = task.resolve(e.getName()).normalize();
                if (!target.startsWith(task)) {
                    throw new IOException("zip entry outside the task root: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(stamp, identity);
        return task;
    }

    /** Only the harness and the call recorder (a test instrument the SDK loads from the class path). */
    private static Path harnessClassPath() throws IOException {
        Path dir = RepoRoot.get().resolve("deployment/target/lambda-harness");
        List<Class<?>> types = new ArrayList<>(List.of(LambdaRuntimeHarness.class, AwsCallRecorder.class));
        for (int i = 0; i < types.size(); i++) {
            Class<?> type = types.get(i);
            types.addAll(List.of(type.getDeclaredClasses())); // the recorder's counters are nested classes
            String resource = type.getName().replace('.', '/') + ".class";
            copyResource(type, resource, dir);
        }
        Path registration = dir.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(registration.getParent());
        Files.writeString(registration, AwsCallRecorder.class.getName() + "\n");
        return dir;
    }

    private static void copyResource(Class<?> type, String resource, Path dir) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("cannot find " + resource);
            }
            Path target = dir.resolve(resource);
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    SamTemplate.Function function() {
        return function;
    }
}
