package com.shopkhaos.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkhaos.model.exceptionledger.ExceptionType;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Every exception a person can see has a handbook section telling them what it means and what to do. */
class HandbookTest {

    @Test
    void everyExceptionType_hasAHandbookSection() throws IOException {
        String handbook = Files.readString(ModuleDependenciesTest.root().resolve("docs/handbook.md"));
        for (ExceptionType type : ExceptionType.values()) {
            assertThat(handbook).as("docs/handbook.md section for " + type).contains("\n## " + type.handbookAnchor() + "\n");
        }
    }
}
