package io.omnistock.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The deploy command refuses what it cannot run before it starts anything: one line each. */
class LocalDeployTest {
    @TempDir Path dir;

    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        CommandLine cli =
                LocalDeploy.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void anUnknownOptionPrintsTheUsageAndExitsWith2() {
        assertThat(run("--engine-jar", "x.jar", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).startsWith("Unknown option: '--bogus'").contains("Usage:");
    }

    @Test
    void aMissingJarIsOneErrorLine() {
        assertThat(run("--engine-jar", dir.resolve("none.jar").toString())).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo("error: --engine-jar: no file " + dir.resolve("none.jar") + "\n");
    }

    @Test
    void aTakenPortIsOneErrorLineNamingTheOptionAndNothingStarts() throws Exception {
        Path jar = Files.createFile(dir.resolve("job.jar"));
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), "parallelism.default: 1\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            int exit =
                    run(
                            "--engine-jar", jar.toString(),
                            "--flink-conf", conf.toString(),
                            "--dir", dir.resolve("work").toString(),
                            "--kafka-port", Integer.toString(port));

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString())
                    .isEqualTo(
                            "error: port "
                                    + port
                                    + " is taken (another broker or cluster?): stop it or pass"
                                    + " --kafka-port with a free port\n");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(dir.resolve("work")).doesNotExist();
        }
    }
}
