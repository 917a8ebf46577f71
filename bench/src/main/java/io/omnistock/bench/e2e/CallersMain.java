package io.omnistock.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The callers of the availability service in a JVM of their own ({@link CallerProcess} starts it):
 * open-loop point lookups on fixed schedules through {@link LookupClients}, phase by phase at the
 * wall-clock start times the parent chose (so the parent's inventory events run beside them). After
 * each phase it appends one line to the results file: {@link CallerProcess.PhaseResult#parse}.
 *
 * <p>Arguments: service port, connections, lookups file (one path a line), results file, then one
 * phase each as {@code rate,startEpochMillis,warmMillis,measureMillis}.
 */
public final class CallersMain {
    private static final long DRAIN_NANOS = 60_000_000_000L;

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println(
                    "usage: CallersMain port connections lookups-file results-file"
                            + " rate,start-epoch-ms,warm-ms,measure-ms ...");
            System.exit(2);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ChildMain.stopSignal("callers", stopped);
        int status = 0;
        try (LookupClients clients =
                        new LookupClients(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
                GcPauses gc = GcPauses.local()) {
            List<byte[]> requests =
                    Files.readAllLines(Path.of(args[2]), StandardCharsets.US_ASCII).stream()
                            .filter(line -> !line.isBlank())
                            .map(LookupClients::request)
                            .toList();
            Path results = Path.of(args[3]);
            Callers callers = new Callers(clients, requests, gc);
            for (int i = 4; i < args.length; i++) {
                String[] phase = args[i].split(",");
                String line =
                        callers.phase(
                                Double.parseDouble(phase[0]),
                                Long.parseLong(phase[1]),
                                Long.parseLong(phase[2]),
                                Long.parseLong(phase[3]));
                Files.writeString(
                        results,
                        line + "\n",
                        StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            stopped.countDown();
        }
        System.exit(status);
    }

    /** The lookups of one phase after another. */
    private static final class Callers {
        private final LookupClients clients;
        private final List<byte[]> requests;
        private final GcPauses gc;
        private final SplittableRandom rng = new SplittableRandom(42);
        private final AtomicLong outstanding = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong lastAnswered = new AtomicLong();

        Callers(LookupClients clients, List<byte[]> requests, GcPauses gc) {
            this.clients = clients;
            this.requests = requests;
            this.gc = gc;
        }

        /** One phase; returns its result line. */
        String phase(double rate, long startEpochMillis, long warmMillis, long measureMillis)
                throws Exception {
            long start =
                    System.nanoTime()
                            + (startEpochMillis - System.currentTimeMillis()) * 1_000_000L;
            long measureFrom = start + warmMillis * 1_000_000L;
            long end = measureFrom + measureMillis * 1_000_000L;
            double interval = 1e9 / rate;
            LatencySamples samples = new LatencySamples();
            failed.set(0);
            GcPauses.Totals gcAtStart = null;
            for (long l = 0; ; l++) {
                long due = start + (long) (l * interval);
                if (due >= end) {
                    break;
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                boolean measuring = due >= measureFrom;
                if (measuring && gcAtStart == null) {
                    gc.resetLongest();
                    gcAtStart = gc.totals();
                }
                lookup(due, measuring ? samples : null);
            }
            long deadline = System.nanoTime() + DRAIN_NANOS;
            while (outstanding.get() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(outstanding.get() + " lookups unanswered");
                }
                Thread.sleep(5);
            }
            GcPauses.Totals pauses = gc.totals().minus(gcAtStart);
            return String.format(
                    Locale.ROOT,
                    "%f %f %f %f %d %f %d %f",
                    samples.size() / ((lastAnswered.get() - measureFrom) / 1e9),
                    samples.percentileMillis(50),
                    samples.percentileMillis(99),
                    samples.percentileMillis(99.9),
                    failed.get(),
                    pauses.millis(),
                    pauses.count(),
                    gc.longestMillis());
        }

        private void lookup(long due, LatencySamples samples) {
            byte[] request = requests.get(rng.nextInt(requests.size()));
            outstanding.incrementAndGet();
            clients.submit(
                    request,
                    (ok, at) -> {
                        lastAnswered.accumulateAndGet(at, Math::max);
                        if (samples != null) {
                            if (ok) {
                                samples.add(at - due);
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                        outstanding.decrementAndGet();
                    });
        }
    }

    private CallersMain() {}
}
