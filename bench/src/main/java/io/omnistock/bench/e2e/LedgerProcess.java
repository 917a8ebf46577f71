package io.omnistock.bench.e2e;

import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.deploy.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The real ledger job ({@link LedgerRun}: a local MiniCluster, {@value LedgerRun#PARALLELISM}
 * slots, RocksDB) in a child JVM ({@link LedgerJobMain}), as deployed: its allocation and garbage
 * collection stay out of the JVM that starts it. Its progress comes from a file the child rewrites
 * every {@value LedgerJobMain#REPORT_MILLIS} ms from the job's accumulators.
 */
final class LedgerProcess implements AutoCloseable {
    /** Time for the open ledger operator to take in the node records waiting for it. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    private static final long POLL_MILLIS = 20;

    private final ChildJvm jvm;
    private final Path progress;

    private LedgerProcess(ChildJvm jvm, Path progress) {
        this.jvm = jvm;
        this.progress = progress;
    }

    /**
     * Starts the job's JVM with {@code jvmArgs} on this JVM's classpath, working (RocksDB,
     * checkpoints, its log) in {@code dir}, and waits until the job is submitted: it starts after
     * every record already on its input topics.
     */
    static LedgerProcess start(
            Path dir,
            List<String> jvmArgs,
            String bootstrapServers,
            DeliveryMode mode,
            Duration checkpointInterval,
            Map<String, String> flinkOptions,
            Duration timeout)
            throws Exception {
        Files.createDirectories(dir);
        Path progress = dir.resolve("progress");
        Files.deleteIfExists(progress);
        List<String> args = new ArrayList<>();
        args.add(bootstrapServers);
        args.add(dir.toString());
        args.add(progress.toString());
        args.add(mode.name());
        args.add(checkpointInterval.toString());
        flinkOptions.forEach((k, v) -> args.add(k + "=" + v));
        ChildJvm jvm =
                ChildJvm.start(
                        "ledger job",
                        System.getProperty("java.class.path"),
                        jvmArgs,
                        LedgerJobMain.class.getName(),
                        args,
                        dir.resolve("ledger-job.log"));
        LedgerProcess ledger = new LedgerProcess(jvm, progress);
        try {
            ledger.await("the job is submitted", p -> true, timeout);
        } catch (Exception e) {
            ledger.close();
            throw e;
        }
        return ledger;
    }

    /**
     * Waits until the {@code nodes} node records published to the job are done and the ledger
     * operator is open (its own counters are reported), plus {@link #SETTLE}. Events sent earlier
     * could reach the ledger before the broadcast node records and be held for the unknown-node
     * grace (5 s), and every later event of their SKU behind them.
     */
    void awaitReady(long nodes, Duration timeout) throws Exception {
        await(
                "the ledger is open and has " + nodes + " records done",
                p -> p.open() && p.done() >= nodes,
                timeout);
        Thread.sleep(SETTLE.toMillis());
    }

    /** Waits until at least {@code records} records are done. */
    void awaitDone(long records, Duration timeout) throws Exception {
        await(String.format("%,d records done", records), p -> p.done() >= records, timeout);
    }

    /** Fails naming the log if the job's JVM has died. */
    void requireAlive() {
        jvm.requireAlive();
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    /** The operating system's id of the job's process. */
    long pid() {
        return jvm.pid();
    }

    private LedgerRun.Progress await(
            String what, Predicate<LedgerRun.Progress> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        LedgerRun.Progress latest = null;
        while (true) {
            jvm.requireAlive();
            latest = read();
            if (latest != null && done.test(latest)) {
                return latest;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "not within "
                                + timeout
                                + ": "
                                + what
                                + "; last seen: "
                                + latest
                                + "; "
                                + jvm);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The progress last written; null before the job is submitted. */
    private LedgerRun.Progress read() throws IOException {
        try {
            return LedgerJobMain.parse(Files.readString(progress, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Stops the job's JVM (SIGTERM: the job is cancelled), killing it after a grace period. */
    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }

    @Override
    public String toString() {
        return jvm.toString();
    }
}
