package com.shopkhaos.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox started exactly as the README says ({@code ./sandbox.sh}), on a free port, driven over
 * HTTP. The build already ran (failsafe runs after {@code package}), so it starts with SANDBOX_SKIP_BUILD=1.
 */
final class RunningSandbox implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path log;
    final String baseUrl;
    final Duration startup;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningSandbox(Process process, Path log, String baseUrl, Duration startup) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.startup = startup;
    }

    static Path repositoryRoot() {
        String configured = System.getProperty("shopkhaos.repo.root");
        Path dir = configured == null ? Path.of("").toAbsolutePath() : Path.of(configured);
        while (dir != null && !Files.exists(dir.resolve("sandbox.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find sandbox.sh above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /**
     * Starts the sandbox on a free port. The port is chosen free here and bound later by the sandbox, after its emulators
     * have taken ephemeral ports of their own, so one of them can take it first (seen once in CI: "Port … seems to be in
     * use"); then the start is tried again on another port, at most three times.
     */
    static RunningSandbox start(Map<String, String> environment) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(environment);
            } catch (PortTakenException e) {
                if (attempt == 3) {
                    throw new IllegalStateException(e.getMessage());
                }
            }
        }
    }

    /** The sandbox exited because another process took its port between our choosing it and its binding it. */
    private static final class PortTakenException extends Exception {
        PortTakenException(String message) {
            super(message);
        }
    }

    private static RunningSandbox startOnce(Map<String, String> environment) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path root = repositoryRoot();
        Path log = Files.createTempFile("sandbox-", ".log");
        List<String> command = new ArrayList<>();
        if (SandboxSignals.interruptIgnored().orElse(false)) {
            // this build was started with SIGINT ignored (a background job of a script), which every child inherits and
            // a JVM cannot undo: start the sandbox with Ctrl-C working, as a person's terminal does (GNU env)
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.add(root.resolve("sandbox.sh").toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SANDBOX_SKIP_BUILD", "1");
        builder.environment().put("SANDBOX_PORT", Integer.toString(port));
        String calls = System.getProperty("shopkhaos.aws-calls.dir");
        if (calls != null && !calls.isBlank()) {
            // each function's AWS calls in these flows are recorded for the IAM test (deployment module)
            builder.environment().put("SHOPKHAOS_AWS_CALLS_DIR", calls);
        }
        // only a run that prices its calls (the load run) asks DynamoDB for the capacity each call consumed
        builder.environment().put("SANDBOX_DYNAMODB_CAPACITY", "false");
        builder.environment().putAll(environment);
        Instant begin = Instant.now();
        Process process = builder.start();
        RunningSandbox sandbox = new RunningSandbox(process, log, "http://127.0.0.1:" + port, Duration.ZERO);
        Instant deadline = begin.plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String output = Files.readString(log);
                if (output.contains("Port " + port + " seems to be in use")) {
                    throw new PortTakenException("the sandbox's port " + port + " was taken before it bound it:\n" + output);
                }
                throw new IllegalStateException("the sandbox exited early:\n" + output);
            }
            if (Files.readString(log).contains("Ctrl-C stops everything")) {
                return new RunningSandbox(process, log, sandbox.baseUrl, Duration.between(begin, Instant.now()));
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the sandbox did not come up within 120 s:\n" + Files.readString(log));
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws IOException, InterruptedException {
        return send(Duration.ofSeconds(30), method, path, body, headers);
    }

    HttpResponse<String> send(Duration timeout, String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String path, String body) throws IOException, InterruptedException {
        return json(Duration.ofSeconds(30), method, path, body);
    }

    /** For calls that may take long at scale (generating a catalogue, a reconcile of 50,000 products). */
    JsonNode json(Duration timeout, String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(timeout, method, path, body);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    long pid() {
        return process.pid();
    }

    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** Ctrl-C, as a person at the terminal would press it; answers whether it stopped in time. */
    boolean interrupt(Duration within) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
