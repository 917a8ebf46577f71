package io.omnistock.bench.e2e;

import io.omnistock.bench.BenchSettings;
import io.omnistock.bench.Benchmark;
import io.omnistock.bench.CpuClock;
import io.omnistock.bench.Figure;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.Topics;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratorPublisher;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.testing.EmbeddedKafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Event-to-visible latency through the whole stack: producer, the embedded KRaft broker, the real
 * ledger job on a local MiniCluster with RocksDB, {@code inventory.availability}, a consumer. First
 * the most events/s the job sustains, then latency percentiles at fixed fractions of that load, in
 * both delivery modes.
 */
public final class EndToEndLatencyBenchmark implements Benchmark {
    /** Both modes; in EXACTLY_ONCE it bounds how long output waits for its commit. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    private static final int PARTITIONS = 4;
    private static final double[] LOADS = {0.25, 0.50, 0.75};
    private static final double[] QUICK_LOADS = {0.50};
    private static final double[] PERCENTILES = {50, 99, 99.9};

    /** In the max run the producer keeps this much of the job's work queued ahead of it. */
    private static final double BACKLOG_SECONDS = 1.5;

    private static final long MIN_BACKLOG = 5_000;

    /**
     * The max run's warm-up lasts until the rate of a heartbeat interval is within this factor of
     * the one before (or until its longest).
     */
    private static final double SETTLED = 1.15;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(15);

    /** Simulated time of the generated stream; it ends now, so no event is in the future. */
    private static final Duration SIMULATED_SPAN = Duration.ofDays(30);

    @Override
    public String name() {
        return "end-to-end";
    }

    @Override
    public String description() {
        return """
                Event-to-visible latency through the real stack in one JVM: a producer (acks=all, \
                linger 5 ms) -> `inventory.pos`/`wms`/`3pl` on the embedded KRaft broker (4 \
                partitions per topic) -> the real ledger job (`EngineJob`, one local MiniCluster \
                per run, parallelism 2, RocksDB, checkpoints every **1 s** in both modes, other \
                settings the job's defaults) -> `inventory.availability` -> a consumer \
                (`read_committed` in EXACTLY_ONCE, `read_uncommitted` in AT_LEAST_ONCE). \
                **Input**: the default generated network (50 stores, 3 DCs, 2 3PLs, 5,000 SKUs), \
                its node records first, then its stock movements in arrival order after the \
                opening hour: 46% sales, 28% transfers, 16% picks, 4% receipts, 2.4% ASNs, 2.7% \
                returns, voids, shipments, adjustments and damage; the first 200,000 touch 45,000 \
                SKU x node positions. Valid records only, no duplicates or orders; positions start \
                empty. Absolute counts (the opening hour's count of every position, cycle counts, \
                3PL snapshots) are left out: a count equal to the ledger publishes nothing, and 3PL \
                snapshots come in bursts of thousands that would make a phase's mix depend on \
                where the stream is. \
                **Max**: the exactly-once job fed flat out (the producer stays at most 1.5 s of \
                work ahead, so the job never idles); records done per second from the job's \
                accumulators between two heartbeats 5 s apart, once the rate has settled (two \
                consecutive 1 s rates within 15%, after 2 to 6 s). \
                **Loads**: 25, 50 and 75% of that max, open loop: events go out on a fixed \
                schedule and are timed from their scheduled send, so a producer running late \
                counts against the latency. Per load 1.5 s warm-up (dropped), then 5 s measured; \
                first in EXACTLY_ONCE, then with the job restarted in AT_LEAST_ONCE (same broker \
                and cluster, empty state, starting after every earlier record; 3 s warm-up). \
                **Latency** = the consumer's `poll` returning the first availability record whose \
                `lastEventId` is the event, minus the event's scheduled send (`System.nanoTime`, \
                same JVM). Events that change no published figure give no sample; `samples` \
                counts the measured ones. Percentiles are nearest-rank over the sorted samples: \
                the p-th of n is `sorted[ceil(p/100 * n) - 1]`. \
                **Targets**: AT_LEAST_ONCE p99 <= 100 ms at 50% load; EXACTLY_ONCE p99 <= \
                checkpoint interval + 200 ms = 1,200 ms. Broker, producer, job and consumer share \
                the machine's cores. Quick: 50% load only, 1 s warm-up (2 s after the \
                restart), 3 s measured; max over 3 s after 1.5 to 3.5 s.""";
    }

    @Override
    public List<Figure> runOnce(BenchSettings settings) throws Exception {
        return new Run(settings).execute();
    }

    /** The default network, without orders, duplicates or malformed records, ending now. */
    static NetworkConfig network() {
        Instant start = Instant.now().minus(SIMULATED_SPAN).truncatedTo(ChronoUnit.HOURS);
        return NetworkConfig.builder()
                .start(start)
                .duration(SIMULATED_SPAN)
                .ordersPerStoreHour(0)
                .duplicateRate(0)
                .malformedRate(0)
                .build();
    }

    static String label(DeliveryMode mode) {
        return mode == DeliveryMode.EXACTLY_ONCE ? "exactly-once" : "at-least-once";
    }

    private static String percent(double load) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * load);
    }

    private static String percentile(double p) {
        return p == Math.rint(p) ? String.format(Locale.ROOT, "p%.0f", p) : "p" + p;
    }

    /** One run: a broker, one job per delivery mode, one producer and event stream throughout. */
    private static final class Run {
        private final BenchSettings settings;
        private final double[] loads;
        private final Duration warmUp;
        private final Duration restartWarmUp;
        private final Duration measured;
        private final Duration maxWarmUp;
        private final Duration maxExtraWarmUp;
        private final Duration maxMeasured;
        private final List<Figure> figures = new ArrayList<>();
        private EventFeed feed;
        private GeneratorPublisher publisher;
        private String bootstrap;
        private LedgerRun.Cluster flink;

        /** Records handed to the producer; written by one thread at a time. */
        private long sent;

        Run(BenchSettings settings) {
            this.settings = settings;
            loads = settings.quick() ? QUICK_LOADS : LOADS;
            warmUp = Duration.ofMillis(settings.size(1_500, 1_000));
            restartWarmUp = Duration.ofMillis(settings.size(3_000, 2_000));
            measured = Duration.ofMillis(settings.size(5_000, 3_000));
            maxWarmUp = Duration.ofMillis(settings.size(2_000, 1_500));
            maxExtraWarmUp = Duration.ofMillis(settings.size(4_000, 2_000));
            maxMeasured = Duration.ofMillis(settings.size(5_000, 3_000));
        }

        List<Figure> execute() throws Exception {
            // the generator builds the network while the broker starts
            CompletableFuture<EventFeed> generated =
                    CompletableFuture.supplyAsync(() -> new EventFeed(network()));
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                    LedgerRun.Cluster cluster =
                            new LedgerRun.Cluster(
                                    settings.workDir().toAbsolutePath(), settings.flinkOptions())) {
                flink = cluster;
                bootstrap = broker.bootstrapServers();
                TopicAdmin.createTopics(bootstrap, new Properties(), Topics.all(), PARTITIONS);
                feed = generated.get();
                try (GeneratorPublisher p = new GeneratorPublisher(bootstrap, 0, null)) {
                    publisher = p;
                    // exactly-once first: the transactions the cancelled job leaves open would
                    // hold back a later read_committed consumer until they time out (10 min)
                    double max = mode(DeliveryMode.EXACTLY_ONCE, 0);
                    mode(DeliveryMode.AT_LEAST_ONCE, max);
                }
            }
            return figures;
        }

        /**
         * Runs one job in {@code mode}: the max run first if {@code max} is 0, then every load. The
         * job starts with empty state after every record published so far: the node records are
         * published (again) once it is submitted, events only once it has taken them in.
         */
        private double mode(DeliveryMode mode, double max) throws Exception {
            long base = sent;
            boolean exactlyOnce = mode == DeliveryMode.EXACTLY_ONCE;
            try (LedgerRun ledger = flink.submit(bootstrap, mode, CHECKPOINT_INTERVAL);
                    AvailabilityWatcher watcher = new AvailabilityWatcher(bootstrap, exactlyOnce)) {
                for (GeneratedRecord node : feed.nodes()) {
                    publisher.send(node);
                    sent++;
                }
                publisher.flush();
                ledger.awaitReady(sent - base, START_TIMEOUT);
                Duration firstWarmUp = restartWarmUp;
                if (max == 0) {
                    max = measureMax(ledger, base);
                    ledger.awaitDone(sent - base, DRAIN_TIMEOUT);
                    firstWarmUp = warmUp;
                }
                LatencySamples[] samples = new LatencySamples[loads.length];
                for (int i = 0; i < loads.length; i++) {
                    samples[i] = new LatencySamples();
                    paced(loads[i] * max, i == 0 ? firstWarmUp : warmUp, samples[i], watcher);
                }
                publisher.flush();
                ledger.awaitDone(sent - base, DRAIN_TIMEOUT);
                // every event is done: wait until all the job's availability records are read
                // (exactly-once: committed by a checkpoint)
                watcher.awaitRecords(ledger.availabilityUpdates(), DRAIN_TIMEOUT);
                for (int i = 0; i < loads.length; i++) {
                    String name = label(mode) + " " + percent(loads[i]) + " load";
                    if (exactlyOnce) {
                        figures.add(
                                new Figure(
                                        percent(loads[i]) + " load: offered",
                                        "events/s",
                                        loads[i] * max));
                    }
                    for (double p : PERCENTILES) {
                        figures.add(
                                new Figure(
                                        name + ": " + percentile(p),
                                        "ms",
                                        samples[i].percentileMillis(p)));
                    }
                    figures.add(new Figure(name + ": samples", "count", samples[i].size()));
                }
            }
            return max;
        }

        /**
         * Feeds the job flat out from a second thread, keeping at most {@link #BACKLOG_SECONDS} of
         * its work queued, and returns the records it did per second between two heartbeats at
         * least {@code maxMeasured} apart, the first once the rate has settled ({@link #SETTLED})
         * after {@code maxWarmUp}, or {@code maxExtraWarmUp} later at the latest.
         */
        private double measureMax(LedgerRun ledger, long base) throws Exception {
            AtomicLong doneSeen = new AtomicLong(ledger.done());
            AtomicLong backlog = new AtomicLong(MIN_BACKLOG);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            Thread producer =
                    new Thread(
                            () -> {
                                try {
                                    while (running.get()) {
                                        if (sent - base - doneSeen.get() > backlog.get()) {
                                            LockSupport.parkNanos(1_000_000);
                                            continue;
                                        }
                                        publisher.send(feed.next().record());
                                        sent++;
                                    }
                                } catch (RuntimeException e) {
                                    failure.set(e);
                                }
                            },
                            "e2e-flat-out");
            long warmUpEnd = System.nanoTime() + maxWarmUp.toNanos();
            long warmUpLimit = warmUpEnd + maxExtraWarmUp.toNanos();
            producer.start();
            double rate;
            CpuClock.Interval cpu;
            try {
                long[] previous = null;
                long[] first = null;
                CpuClock clock = null;
                double previousRate = 0;
                while (true) {
                    long[] update = ledger.nextUpdate(HEARTBEAT_TIMEOUT);
                    // Every heartbeat, the first included, tells the producer what is done. It
                    // waits while it is more than the backlog ahead of the count it last saw: a
                    // stale count would hold it back for good once the job has done everything
                    // it was given, as the job then reports no further change.
                    doneSeen.set(update[1]);
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                    if (previous == null) {
                        previous = update;
                        continue;
                    }
                    double perSecond =
                            (update[1] - previous[1]) / ((update[0] - previous[0]) / 1e9);
                    backlog.set(Math.max(MIN_BACKLOG, (long) (BACKLOG_SECONDS * perSecond)));
                    previous = update;
                    if (first == null) {
                        // warm until the rate settles (JIT, caches), within bounds
                        boolean settled =
                                perSecond <= SETTLED * previousRate
                                        && perSecond * SETTLED >= previousRate;
                        if (update[0] >= warmUpEnd && (settled || update[0] >= warmUpLimit)) {
                            first = update;
                            clock = new CpuClock();
                        }
                        previousRate = perSecond;
                    } else if (update[0] - first[0] >= maxMeasured.toNanos()) {
                        rate = (update[1] - first[1]) / ((update[0] - first[0]) / 1e9);
                        cpu = clock.stop();
                        break;
                    }
                }
            } finally {
                running.set(false);
                producer.join();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            publisher.flush();
            figures.add(new Figure("max throughput (exactly-once, flat out)", "events/s", rate));
            figures.add(new Figure("max run: busy cores", "cores", cpu.busyCores()));
            return rate;
        }

        /**
         * Sends events on a fixed schedule of {@code rate} per second for {@code warmUp} plus
         * {@link #measured}, registering each with the watcher before it is sent; the latency of
         * those scheduled after the warm-up goes to {@code samples}.
         */
        private void paced(
                double rate, Duration warmUp, LatencySamples samples, AvailabilityWatcher watcher) {
            double intervalNanos = 1e9 / rate;
            long start = System.nanoTime();
            long measureFrom = start + warmUp.toNanos();
            long end = measureFrom + measured.toNanos();
            for (long i = 0; ; i++) {
                long due = start + (long) (i * intervalNanos);
                if (due >= end) {
                    return;
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                EventFeed.Event event = feed.next();
                watcher.expect(event.eventId(), due, due >= measureFrom ? samples : null);
                publisher.send(event.record());
                sent++;
            }
        }
    }
}
