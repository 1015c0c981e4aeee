package com.shopkhaos.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * DynamoDB, emulated by dynalite on Node.js, in memory on a free loopback port. The Node process
 * exits when this JVM closes its stdin, so nothing is left running after a crash.
 */
public final class DynaliteEmulator implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DynaliteEmulator.class.getName());
    private final Process process;
    private final int port;

    private DynaliteEmulator(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static DynaliteEmulator start(Path repoRoot) {
        Path modules = NodeTools.ensureInstalled(repoRoot);
        try {
            Path runner = Files.createTempFile("dynalite-runner", ".cjs");
            runner.toFile().deleteOnExit();
            try (InputStream in = DynaliteEmulator.class.getResourceAsStream("dynalite-runner.cjs")) {
                Files.copy(in, runner, StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder builder = new ProcessBuilder(NodeTools.nodeExecutable(), runner.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("NODE_PATH", modules.toString());
            Process process = builder.start();
            int port = readPort(process);
            LOG.log(System.Logger.Level.DEBUG, "dynalite listening on 127.0.0.1:" + port);
            return new DynaliteEmulator(process, port);
        } catch (IOException e) {
            throw new NodeToolsMissingException("cannot start the DynamoDB emulator with Node.js: " + e.getMessage());
        }
    }

    private static int readPort(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String first;
        try {
            first = line.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("dynalite did not report its port within 30 s");
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("dynalite failed to start: " + e);
        }
        if (first == null || !first.startsWith("DYNALITE_PORT=")) {
            process.destroyForcibly();
            throw new IOException("dynalite failed to start (exit " + waitExit(process) + "); see its error output above");
        }
        return Integer.parseInt(first.substring("DYNALITE_PORT=".length()).trim());
    }

    private static String waitExit(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "none";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
