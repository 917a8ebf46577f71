package io.omnistock.bench.e2e;

import io.omnistock.deploy.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The lookup callers in a child JVM ({@link CallersMain}): their allocation and collections stay
 * out of the service's JVM and the benchmark's, as a web shop's would.
 */
final class CallerProcess implements AutoCloseable {
    private static final long POLL_MILLIS = 20;

    /**
     * One phase's lookups at a rate, from a wall-clock start: a warm-up, then the measured part.
     */
    record Phase(double rate, long startEpochMillis, Duration warmUp, Duration measured) {
        long endEpochMillis() {
            return startEpochMillis + warmUp.toMillis() + measured.toMillis();
        }

        String argument() {
            return (long) rate
                    + ","
                    + startEpochMillis
                    + ","
                    + warmUp.toMillis()
                    + ","
                    + measured.toMillis();
        }
    }

    /**
     * What the callers saw in a phase's measured part: achieved rate, latency percentiles (ms),
     * failed or non-200 lookups, and the callers' JVM's own stop-the-world collections.
     */
    record PhaseResult(
            double achieved,
            double p50,
            double p99,
            double p999,
            long failed,
            double gcMillis,
            long gcCount,
            double longestGcMillis) {
        static PhaseResult parse(String line) {
            String[] f = line.trim().split(" ");
            return new PhaseResult(
                    Double.parseDouble(f[0]),
                    Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]),
                    Long.parseLong(f[4]),
                    Double.parseDouble(f[5]),
                    Long.parseLong(f[6]),
                    Double.parseDouble(f[7]));
        }
    }

    private final ChildJvm jvm;
    private final Path results;

    private CallerProcess(ChildJvm jvm, Path results) {
        this.jvm = jvm;
        this.results = results;
    }

    /** Starts the callers' JVM; it runs {@code phases} on their schedule, then ends. */
    static CallerProcess start(
            Path dir,
            List<String> jvmArgs,
            int port,
            int connections,
            List<String> lookupPaths,
            List<Phase> phases)
            throws Exception {
        Files.createDirectories(dir);
        Path lookups = dir.resolve("lookups");
        Files.write(lookups, lookupPaths, StandardCharsets.US_ASCII);
        Path results = dir.resolve("results");
        Files.deleteIfExists(results);
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(port));
        args.add(Integer.toString(connections));
        args.add(lookups.toString());
        args.add(results.toString());
        phases.forEach(p -> args.add(p.argument()));
        ChildJvm jvm =
                ChildJvm.start(
                        "lookup callers",
                        System.getProperty("java.class.path"),
                        jvmArgs,
                        CallersMain.class.getName(),
                        args,
                        dir.resolve("callers.log"));
        return new CallerProcess(jvm, results);
    }

    /** Waits for the result of phase {@code index} (from 0). */
    PhaseResult await(int index, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Files.exists(results)) {
                String text = Files.readString(results, StandardCharsets.US_ASCII);
                String[] lines = text.substring(0, text.lastIndexOf('\n') + 1).split("\n");
                if (lines.length > index && !lines[index].isBlank()) {
                    return PhaseResult.parse(lines[index]);
                }
            }
            jvm.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "not within " + timeout + ": the callers' phase " + index + "; " + jvm);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
