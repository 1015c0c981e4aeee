package com.shopkhaos.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Node.js side of the local tools: checks Node 20+ is there and installs {@code node_modules} with {@code npm ci}. */
public final class NodeTools {
    private NodeTools() {
    }

    /** Makes sure {@code node} (20 or newer) runs and the repository's {@code node_modules} are installed. */
    public static Path ensureInstalled(Path repoRoot) {
        int major = nodeMajorVersion();
        if (major < 20) {
            throw new NodeToolsMissingException("Node.js 20 or newer is needed for the DynamoDB emulator (dynalite); found "
                    + major + ". Install Node.js 20 and run again.");
        }
        Path modules = repoRoot.resolve("node_modules");
        if (!Files.isDirectory(modules.resolve("dynalite"))) {
            run(repoRoot, List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
            if (!Files.isDirectory(modules.resolve("dynalite"))) {
                throw new NodeToolsMissingException("`npm ci` ran in " + repoRoot + " but node_modules/dynalite is still missing");
            }
        }
        return modules;
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

    private static void run(Path dir, List<String> command, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new NodeToolsMissingException(String.join(" ", command) + " failed in " + dir);
            }
        } catch (IOException e) {
            throw new NodeToolsMissingException("cannot run " + command.get(0) + ": " + e.getMessage()
                    + ". Install Node.js 20 (with npm) and run again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
