package io.omnistock.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.deploy.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A benchmark's child processes outlive a benchmark JVM that dies only until the reaper sees its
 * input end: then it stops every process it was told of; told the children are stopped, it leaves
 * them alone.
 */
class OrphanReaperTest {
    private Process child;
    private Process reaper;

    @AfterEach
    void stop() {
        for (Process p : new Process[] {child, reaper}) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void stopsTheProcessesItWasToldOfWhenItsInputEnds() throws Exception {
        child = new ProcessBuilder("sleep", "600").start();
        reaper = startReaper();
        try (OutputStream in = reaper.getOutputStream()) {
            in.write((child.pid() + "\n").getBytes(StandardCharsets.US_ASCII));
        } // input ends, as when the benchmark's JVM is killed

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child stopped").isTrue();
        assertThat(reaper.waitFor(60, TimeUnit.SECONDS)).as("reaper ended").isTrue();
    }

    @Test
    void leavesThemAloneWhenToldTheyAreStopped() throws Exception {
        child = new ProcessBuilder("sleep", "600").start();
        reaper = startReaper();
        try (OutputStream in = reaper.getOutputStream()) {
            in.write(
                    (child.pid() + "\n" + OrphanReaper.DONE + "\n")
                            .getBytes(StandardCharsets.US_ASCII));
        }

        assertThat(reaper.waitFor(60, TimeUnit.SECONDS)).as("reaper ended").isTrue();
        assertThat(reaper.exitValue()).isZero();
        assertThat(child.isAlive()).isTrue();
    }

    private static Process startReaper() throws IOException {
        return new ProcessBuilder(
                        ChildJvm.javaBinary(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanReaper.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
