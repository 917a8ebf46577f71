package io.omnistock.bench.e2e;

import io.omnistock.deploy.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The availability service in a child JVM ({@link ServiceMain}), as deployed: its allocation and
 * collections are its own, apart from the lookup clients' and the benchmark's.
 */
final class ServiceProcess implements AutoCloseable {
    private static final long POLL_MILLIS = 20;

    private final ChildJvm jvm;
    private final Path dir;
    private final int port;

    private ServiceProcess(ChildJvm jvm, Path dir, int port) {
        this.jvm = jvm;
        this.dir = dir;
        this.port = port;
    }

    /** Starts the service's JVM with {@code jvmArgs} and waits until it listens. */
    static ServiceProcess start(
            Path dir, List<String> jvmArgs, String bootstrapServers, Duration timeout)
            throws Exception {
        Files.createDirectories(dir);
        for (String file : List.of("port", "caught-up", "applied")) {
            Files.deleteIfExists(dir.resolve(file));
        }
        ChildJvm jvm =
                ChildJvm.start(
                        "availability service",
                        System.getProperty("java.class.path"),
                        jvmArgs,
                        ServiceMain.class.getName(),
                        List.of(bootstrapServers, dir.toString()),
                        dir.resolve("service.log"));
        try {
            awaitFile(jvm, dir.resolve("port"), "the service listens", timeout);
            int port = Integer.parseInt(Files.readString(dir.resolve("port")).trim());
            return new ServiceProcess(jvm, dir, port);
        } catch (Exception e) {
            jvm.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** Waits until the service has caught up with the availability topics. */
    void awaitCaughtUp(Duration timeout) throws Exception {
        awaitFile(jvm, dir.resolve("caught-up"), "the service caught up", timeout);
    }

    /**
     * The {@link System#nanoTime()} at which each position record became visible to lookups, by
     * {@code lastEventId} (the first time, when an event's record was applied more than once), up
     * to the service's last flush.
     */
    Map<String, Long> appliedNanos() throws IOException {
        Map<String, Long> applied = new HashMap<>();
        String text = Files.readString(dir.resolve("applied"), StandardCharsets.US_ASCII);
        // the last line may be written only in part
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space > 0) {
                applied.putIfAbsent(
                        line.substring(0, space), Long.parseLong(line.substring(space + 1)));
            }
        }
        return applied;
    }

    void requireAlive() {
        jvm.requireAlive();
    }

    private static void awaitFile(ChildJvm jvm, Path file, String what, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            jvm.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("not within " + timeout + ": " + what + "; " + jvm);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }

    @Override
    public String toString() {
        return jvm.toString();
    }
}
