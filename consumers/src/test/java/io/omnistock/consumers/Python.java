package io.omnistock.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Python interpreter the consumer checks run: {@code OMNISTOCK_PYTHON}, or Debian's {@code
 * /usr/bin/python3}, where {@code consumers/src/main/python/install-python-deps} installs avro and
 * confluent-kafka. Without them the run-against-the-broker checks are skipped on a developer's
 * machine and fail in CI ({@code CI=true}); the module's build installs them before its integration
 * tests when it runs as root.
 */
final class Python {
    static final Path SOURCES = Path.of("src/main/python");

    static String interpreter() {
        String configured = System.getenv("OMNISTOCK_PYTHON");
        return configured != null && !configured.isBlank() ? configured : "/usr/bin/python3";
    }

    /** Skips (or, in CI, fails) unless the interpreter imports avro and confluent_kafka. */
    static void requireLibraries() throws IOException, InterruptedException {
        Result check = run(List.of("-c", "import avro.io, confluent_kafka"), "", 60);
        String why =
                interpreter()
                        + " lacks avro or confluent_kafka (run consumers/src/main/python/"
                        + "install-python-deps as root): "
                        + check.stderr();
        if ("true".equals(System.getenv("CI"))) {
            assertThat(check.exitCode()).as(why).isZero();
        }
        Assumptions.assumeTrue(check.exitCode() == 0, why);
    }

    /** Runs the interpreter with {@code args}, {@code stdin} as input, within {@code seconds}. */
    static Result run(List<String> args, String stdin, int seconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(interpreter());
        command.addAll(args);
        Path out = Files.createTempFile("python-out", ".txt");
        Path err = Files.createTempFile("python-err", ".txt");
        Process process =
                new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        try {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(
                        command
                                + " still running after "
                                + seconds
                                + " s; stderr:\n"
                                + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    record Result(int exitCode, String stdout, String stderr) {}

    private Python() {}
}
