package com.shopkhaos.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * shared-model decides on the core's own enums; Shopware's and Khaos's state names, and HTTP's words, are mapped by the
 * adapters in infra. A literal such as {@code "shipped_partially"} or {@code "Cancelled"} in the core is a decision on
 * the vendor's vocabulary, and fails here.
 */
class CoreLiteralsTest {
    private static final Path SHARED_MODEL = Path.of("..", "shared-model", "src", "main", "java");

    @Test
    void noSharedModelSource_namesAShopwareOrKhaosStateOrAnHttpWord_inALiteral() {
        assertThat(Files.isDirectory(SHARED_MODEL)).as("shared-model's sources at " + SHARED_MODEL.toAbsolutePath()).isTrue();
        assertThat(CoreLiterals.vendorOrHttpWords(SHARED_MODEL)).isEmpty();
    }

    @Test
    void theGuard_findsEachKindOfWord_andIgnoresComments(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Decides.java"), String.join("\n",
                "class Decides {",
                "  // \"shipped\" in a comment is fine",
                "  /* so is \"Cancelled\" */",
                "  boolean a(String s) { return s.equals(\"shipped_partially\"); }",
                "  boolean b(String s) { return \"Cancelled\".equalsIgnoreCase(s); }",
                "  String c() { return \"state_enter.order_transaction.state.paid\"; }",
                "  String d() { return \"{\\\"error\\\":\\\"x\\\"}\"; }",
                "  String e() { return \"WWW-Authenticate\"; }",
                "  String f() { return \"/khaos/orders\"; }",
                "  String g() { return \"was cancelled in the shop\"; }",
                "}"));
        assertThat(CoreLiterals.vendorOrHttpWords(dir)).extracting(CoreLiterals.Finding::line)
                .containsExactly(4, 5, 6, 7, 8, 9);
    }
}
