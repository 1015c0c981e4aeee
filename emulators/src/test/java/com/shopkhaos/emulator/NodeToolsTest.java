package com.shopkhaos.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the build's {@code npm ci} is needed again: a package missing, or installed at another version than the lock pins. */
class NodeToolsTest {
    @TempDir
    Path root;

    private void project() throws IOException {
        Files.writeString(root.resolve("package.json"), """
                {"name":"t","dependencies":{"dynalite":"4.0.0","@shopware/api-client":"1.6.0"}}""");
        Files.writeString(root.resolve("package-lock.json"), """
                {"name":"t","lockfileVersion":3,"packages":{"":{"name":"t"},
                 "node_modules/dynalite":{"version":"4.0.0"},"node_modules/@shopware/api-client":{"version":"1.6.0"}}}""");
    }

    private void installed(String name, String version) throws IOException {
        Path dir = Files.createDirectories(root.resolve("node_modules").resolve(name));
        Files.writeString(dir.resolve("package.json"), "{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}");
    }

    @Test
    void everyPackageAtItsLockedVersion_needsNothing() throws IOException {
        project();
        installed("dynalite", "4.0.0");
        installed("@shopware/api-client", "1.6.0");
        assertThat(NodeTools.notInstalled(root)).isEmpty();
    }

    @Test
    void aPackageAddedSinceTheLastInstall_isNamed() throws IOException {
        project();
        installed("dynalite", "4.0.0");
        assertThat(NodeTools.notInstalled(root)).containsExactly("@shopware/api-client@1.6.0");
    }

    @Test
    void aPackageAtAnotherVersion_isNamed() throws IOException {
        project();
        installed("dynalite", "4.0.0");
        installed("@shopware/api-client", "1.5.1");
        assertThat(NodeTools.notInstalled(root)).containsExactly("@shopware/api-client@1.6.0");
    }

    @Test
    void theRepositorysOwnTools_areAllInstalledOnceEnsured() {
        Path repository = RepositoryRoot.locate();
        NodeTools.ensureInstalled(repository);
        assertThat(NodeTools.notInstalled(repository)).isEmpty();
    }
}
