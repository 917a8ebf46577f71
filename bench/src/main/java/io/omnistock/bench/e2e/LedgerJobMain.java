package io.omnistock.bench.e2e;

import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The ledger job in a JVM of its own ({@link LedgerProcess} starts it): {@link LedgerRun} on a
 * local MiniCluster, its progress (ledger open, records done) written to a file every {@value
 * #REPORT_MILLIS} ms. The file appears once the job is submitted. Stops on SIGTERM, and when its
 * standard input closes, which happens when the JVM that started it ends, even killed.
 *
 * <p>Arguments: bootstrap servers, work directory, progress file, delivery mode, checkpoint
 * interval (ISO-8601), then Flink options as {@code key=value}.
 */
public final class LedgerJobMain {
    static final long REPORT_MILLIS = 20;

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println(
                    "usage: LedgerJobMain bootstrap work-dir progress-file delivery-mode"
                            + " checkpoint-interval [flink-key=value ...]");
            System.exit(2);
        }
        String bootstrap = args[0];
        Path workDir = Path.of(args[1]);
        Path progress = Path.of(args[2]);
        DeliveryMode mode = DeliveryMode.valueOf(args[3]);
        Duration checkpointInterval = Duration.parse(args[4]);
        Map<String, String> flinkOptions = new LinkedHashMap<>();
        for (int i = 5; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            flinkOptions.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch stop = ChildMain.stopSignal("ledger-job", stopped);
        int status = 0;
        try (LedgerRun.Cluster cluster = new LedgerRun.Cluster(workDir, flinkOptions);
                LedgerRun ledger = cluster.submit(bootstrap, mode, checkpointInterval)) {
            write(progress, new LedgerRun.Progress(false, 0));
            while (!stop.await(REPORT_MILLIS, TimeUnit.MILLISECONDS)) {
                write(progress, ledger.progress());
            }
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            stopped.countDown();
        }
        System.exit(status); // the MiniCluster leaves non-daemon threads behind
    }

    static void write(Path file, LedgerRun.Progress progress) throws IOException {
        ChildMain.replace(file, format(progress));
    }

    static String format(LedgerRun.Progress progress) {
        return progress.open() + " " + progress.done();
    }

    static LedgerRun.Progress parse(String line) {
        String[] parts = line.trim().split(" ");
        return new LedgerRun.Progress(Boolean.parseBoolean(parts[0]), Long.parseLong(parts[1]));
    }

    private LedgerJobMain() {}
}
