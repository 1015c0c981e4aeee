package com.shopkhaos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading whether Ctrl-C (SIGINT, bit 2 of the ignored-signals mask) is ignored, as Linux reports it. */
class SandboxSignalsTest {
    @TempDir
    Path dir;

    private Path status(String sigIgn) throws IOException {
        return Files.writeString(dir.resolve("status"), "Name:\tjava\nSigBlk:\t0000000000000000\nSigIgn:\t" + sigIgn
                + "\nSigCgt:\t0000000000004000\n");
    }

    @Test
    void aBackgroundJobsMask_showsCtrlCIgnored() throws IOException {
        assertThat(SandboxSignals.interruptIgnored(status("0000000000000002"))).contains(true);
        assertThat(SandboxSignals.interruptIgnored(status("0000000180000006"))).contains(true);
    }

    @Test
    void aTerminalsMask_showsCtrlCWorking() throws IOException {
        assertThat(SandboxSignals.interruptIgnored(status("0000000000000000"))).contains(false);
        assertThat(SandboxSignals.interruptIgnored(status("0000000180000004"))).contains(false);
    }

    @Test
    void withoutTheFile_itIsUnknown() {
        assertThat(SandboxSignals.interruptIgnored(dir.resolve("missing"))).isEmpty();
    }
}
