package io.omnistock.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java process started from this JVM's own {@code java} binary, its output (stdout and stderr)
 * appended to a log file so a failed run can be diagnosed afterwards.
 */
public final class ChildJvm implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code jvmArgs} and {@code args} on {@code classpath}. */
    public static ChildJvm start(
            String name,
            String classpath,
            List<String> jvmArgs,
            String mainClass,
            List<String> args,
            Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(log.getParent());
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        return new ChildJvm(name, process, log);
    }

    /** Runs {@code mainClass} to its end; returns its output, failing on a non-zero exit. */
    public static List<String> run(
            String name,
            String classpath,
            String mainClass,
            List<String> args,
            Path log,
            Duration deadline)
            throws IOException, InterruptedException {
        try (ChildJvm jvm = start(name, classpath, List.of(), mainClass, args, log)) {
            if (!jvm.process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not finish within " + deadline);
            }
            if (jvm.process.exitValue() != 0) {
                throw new IllegalStateException(
                        name + " exited with " + jvm.process.exitValue() + "; see " + log);
            }
            return Files.readAllLines(log);
        }
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A port free right now; the child binds it moments later. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operating system's id of the process (for {@code jcmd}). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Fails naming the log if the process has died. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name + " exited with " + process.exitValue() + "; see " + log);
        }
    }

    /** Kills the process at once (SIGKILL), as a crashed machine would, and waits for its end. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Asks the process to stop (SIGTERM), and kills it if it has not within a grace period. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
