package com.shopkhaos.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js side of the local tools: checks Node 20+ is there and installs {@code node_modules} with {@code npm ci}
 * when any package the repository's {@code package.json} names is missing, or not at the version
 * {@code package-lock.json} pins (a {@code node_modules} left from an older checkout, say).
 */
public final class NodeTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeTools() {
    }

    /** Makes sure {@code node} (20 or newer) runs and the repository's {@code node_modules} hold what the lock file pins. */
    public static Path ensureInstalled(Path repoRoot) {
        int major = nodeMajorVersion();
        if (major < 20) {
            throw new NodeToolsMissingException("Node.js 20 or newer is needed for the DynamoDB emulator (dynalite); found "
                    + major + ". Install Node.js 20 and run again.");
        }
        Path modules = repoRoot.resolve("node_modules");
        if (!notInstalled(repoRoot).isEmpty()) {
            run(repoRoot, List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
            List<String> missing = notInstalled(repoRoot);
            if (!missing.isEmpty()) {
                throw new NodeToolsMissingException("`npm ci` ran in " + repoRoot + " but these are still not installed as "
                        + "package-lock.json pins them: " + String.join(", ", missing));
            }
        }
        return modules;
    }

    /** The packages {@code package.json} depends on that {@code node_modules} lacks, or holds at another version than the lock's. */
    static List<String> notInstalled(Path repoRoot) {
        JsonNode manifest = read(repoRoot.resolve("package.json"));
        JsonNode locked = read(repoRoot.resolve("package-lock.json")).path("packages");
        List<String> missing = new ArrayList<>();
        manifest.path("dependencies").fieldNames().forEachRemaining(name -> {
            String wanted = locked.path("node_modules/" + name).path("version").asText("");
            Path installed = repoRoot.resolve("node_modules").resolve(name).resolve("package.json");
            String version = Files.isRegularFile(installed) ? read(installed).path("version").asText("") : "";
            if (version.isEmpty() || !version.equals(wanted)) {
                missing.add(name + (wanted.isEmpty() ? "" : "@" + wanted));
            }
        });
        return missing;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new NodeToolsMissingException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The Node.js executable: {@code node} on the PATH, or the {@code shopkhaos.node} system property. */
    public static String nodeExecutable() {
        return System.getProperty("shopkhaos.node", "node");
    }

    static int nodeMajorVersion() {
        String version;
        try {
            Process p = new ProcessBuilder(nodeExecutable(), "--version").redirectErrorStream(true).start();
            version = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new NodeToolsMissingException("Node.js is not installed (no `node` on the PATH). The local DynamoDB "
                    + "emulator (dynalite) runs on Node.js 20: install it (https://nodejs.org) and run again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            return Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[0]);
        } catch (RuntimeException e) {
            throw new NodeToolsMissingException("`node --version` answered \"" + version + "\"; Node.js 20 is needed");
        }
    }

    /**
     * Runs {@code command} with its output in a log file, not on this JVM's own stdout (which a test runner's forked
     * JVM uses to talk to the build); the log's end is in the exception when it fails.
     */
    private static void run(Path dir, List<String> command, int timeoutSeconds) {
        Path log = null;
        try {
            log = Files.createTempFile("shopkhaos-npm-", ".log");
            System.err.println("Installing the Node tools: " + String.join(" ", command) + " in " + dir + " (output in " + log + ")");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                String output = Files.readString(log);
                throw new NodeToolsMissingException(String.join(" ", command) + " failed in " + dir + ":\n"
                        + output.substring(Math.max(0, output.length() - 4000)));
            }
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new NodeToolsMissingException("cannot run " + command.get(0) + ": " + e.getMessage()
                    + ". Install Node.js 20 (with npm) and run again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
