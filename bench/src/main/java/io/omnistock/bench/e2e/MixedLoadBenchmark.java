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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's whole workload (inventory events, orders, their lifecycle and returns, quotes) through
 * the real ledger job on the embedded broker: the highest rate it sustains, then order-to-decision,
 * quote-to-response and event-to-availability latency at 50% and 75% of it, in both delivery modes.
 */
public final class MixedLoadBenchmark implements Benchmark {
    /** Both modes, as {@code end-to-end}; in EXACTLY_ONCE it bounds how long output waits. */
    static final Duration CHECKPOINT_INTERVAL = EndToEndLatencyBenchmark.CHECKPOINT_INTERVAL;

    private static final int PARTITIONS = 4;
    private static final double[] LOADS = {0.50, 0.75};
    private static final double[] PERCENTILES = {50, 99, 99.9};

    /** The search's first rate, and the factor it steps by until a rate fails (or passes). */
    private static final double FIRST_RATE = 3_000;

    private static final double STEP = 1.5;

    /** A rate is sustained if the backlog stays within this much of its work, or the minimum. */
    private static final double BACKLOG_SECONDS = 1.0;

    private static final long MIN_BACKLOG = 2_000;

    /** How long after a phase's last send its orders and quotes may still be answered. */
    private static final Duration ANSWER_GRACE = Duration.ofSeconds(5);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(15);

    @Override
    public String name() {
        return "mixed";
    }

    @Override
    public String description() {
        return """
                The demo's workload through the real stack in one JVM: a producer (acks=all, \
                linger 5 ms) -> the ledger's input topics on the embedded KRaft broker (4 \
                partitions per topic) -> the real ledger job (`EngineJob`, local MiniCluster, \
                parallelism 2, RocksDB, checkpoints every **1 s** in both modes, other settings \
                the job's defaults) -> `orders.decisions`, `quotes.responses` and \
                `inventory.availability` -> three consumers (`read_committed` in EXACTLY_ONCE, \
                `read_uncommitted` in AT_LEAST_ONCE). **Input**: the demo's generated stream as \
                `./omnistock-demo` publishes it (default network: 50 stores, 3 DCs, 2 3PLs, 5,000 \
                SKUs, seed 42, 4 orders per store-hour, 10% of delivered orders returned, 1% \
                duplicates, 0.1% malformed), in arrival order. Over two and a half simulated days \
                after the opening hour: 36% 3PL records (snapshots come in bursts of 5,000 every 6 \
                h), 32% WMS, 22% POS, 4.0% orders, 4.0% quotes (one before each order, same cart), \
                3.1% order lifecycle (cancels, shipments, pick-ups, graded returns), 1.1% \
                duplicates, 0.08% malformed. Orders and sales follow the time of day, so the \
                simulated time starts at a fixed time of day (07:00 UTC, unlike the demo) and the \
                measured records come after a **preload** of 5 simulated hours (about 152,000 \
                records: the opening hour, when the generator counts every position, and each \
                3PL's first snapshot burst): from 12:00 UTC, the network's afternoon and evening \
                (4.1% orders in the next 60,000 records); a short phase's mix depends on where it \
                falls (a snapshot burst or not), `order, lifecycle and quote records` gives each \
                phase's share. **Three jobs**, each on a fresh broker: the node records, then the \
                preload flat out until the job has done it, then the records after the preload: \
                (1) the search, EXACTLY_ONCE; (2) the phases, EXACTLY_ONCE; (3) the phases, \
                AT_LEAST_ONCE, over exactly the same records as (2). **Sustainable rate** (used \
                for both modes): after one warm-up trial at 2,000 records/s that is not judged, open-loop \
                trials of 5 s; a rate is sustained if, at the job's \
                last heartbeat (every 1 s) in the trial, the records offered so far minus the \
                records the job has done (processed or dead-lettered, its accumulators, less the \
                reservation records it reads back) is at most 1 s of the rate (at least 2,000). \
                The first trial offers 3,000 records/s, then x1.5 until a rate fails (or /1.5 \
                until one passes), then geometric bisection; 6 trials, each on the continuing \
                stream after the job has caught up. If no rate passes, the lowest tried /1.5. \
                **Phases**: 50% then 75% of that rate, open loop (records go out on a fixed \
                schedule and are timed from their scheduled send), 2 s warm-up then 8 s measured, \
                each after the job has caught up. **Latency**: the consumer's `poll` returning the \
                first decision naming an order's id (exactly-once: the order's reservation round \
                trip through `orders.reservations` waits for the checkpoint that commits it, the \
                decision for the next), the response naming a quote's event id, the first \
                availability record whose `lastEventId` is an inventory event, minus the scheduled \
                send (`System.nanoTime`, one JVM); events that change no published figure (most \
                counts) give no sample. Percentiles nearest-rank. `orders decided` and `quotes \
                answered`: shares of the measured orders and quotes answered within 5 s of the \
                phase's last send. `decisions/s`: decision records read during the measured \
                window. `CPU per record`: this process's CPU time over the measured window \
                (producer, broker, job and consumers all share it) per record offered. **Targets** \
                at 50% of the sustainable rate: order-to-decision p99 <= checkpoint interval + 300 \
                ms = 1,300 ms EXACTLY_ONCE and <= 50 ms AT_LEAST_ONCE; event-to-availability p99 \
                <= 100 ms AT_LEAST_ONCE; quote p99 <= 100 ms with this load (AT_LEAST_ONCE; \
                exactly-once responses wait for the checkpoint that commits them). Quick: trials \
                of 3 s, 4 of them; phases 1 s warm-up and 4 s measured.""";
    }

    @Override
    public List<Figure> runOnce(BenchSettings settings) throws Exception {
        return new Run(settings).execute();
    }

    private static String percent(double load) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * load);
    }

    private static String percentile(double p) {
        return p == Math.rint(p) ? String.format(Locale.ROOT, "p%.0f", p) : "p" + p;
    }

    /** One run: the search and the phases in EXACTLY_ONCE, then the phases in AT_LEAST_ONCE. */
    private static final class Run {
        private final BenchSettings settings;
        private final Duration trial;
        private final int trials;
        private final Duration warmUp;
        private final Duration measured;
        private final List<Figure> figures = new ArrayList<>();
        private final long started = System.nanoTime();

        Run(BenchSettings settings) {
            this.settings = settings;
            trial = Duration.ofMillis(settings.size(5_000, 3_000));
            trials = (int) settings.size(6, 4);
            warmUp = Duration.ofMillis(settings.size(2_000, 1_000));
            measured = Duration.ofMillis(settings.size(8_000, 4_000));
        }

        List<Figure> execute() throws Exception {
            // the network and its preload are generated while the broker and job start
            NetworkConfig config = MixedFeed.demoNetwork();
            ExecutorService generator = Executors.newSingleThreadExecutor();
            try (LedgerRun.Cluster cluster =
                    new LedgerRun.Cluster(
                            settings.workDir().toAbsolutePath(), settings.flinkOptions())) {
                CompletableFuture<MixedFeed> feed =
                        CompletableFuture.supplyAsync(() -> new MixedFeed(config), generator);
                // a fresh broker and job each time: the transactions a cancelled exactly-once
                // job leaves open would hold back the next job's read_committed reservations
                double rate = new Job(DeliveryMode.EXACTLY_ONCE, cluster).run(feed, 0);
                new Job(DeliveryMode.EXACTLY_ONCE, cluster).run(feed, rate);
                new Job(DeliveryMode.AT_LEAST_ONCE, cluster).run(feed, rate);
                progress("done");
            } finally {
                generator.shutdownNow();
            }
            return figures;
        }

        /** Prints what the run is doing, after how long: where its time goes. */
        private void progress(String what) {
            System.out.printf("   [%3.0f s] %s%n", (System.nanoTime() - started) / 1e9, what);
        }

        /**
         * One job in one delivery mode on a broker of its own: the node records, the preload, then
         * the search or the phases over the records after the preload.
         */
        private final class Job {
            private final DeliveryMode mode;
            private final boolean exactlyOnce;
            private final LedgerRun.Cluster flink;

            /** Records handed to the producer; written by one thread at a time. */
            private final AtomicLong sent = new AtomicLong();

            private MixedFeed feed;
            private GeneratorPublisher publisher;
            private LedgerRun ledger;
            private ReservationCounter reservations;
            private DecisionWatcher decisions;
            private QuoteWatcher quotes;
            private AvailabilityWatcher availability;

            Job(DeliveryMode mode, LedgerRun.Cluster flink) {
                this.mode = mode;
                this.exactlyOnce = mode == DeliveryMode.EXACTLY_ONCE;
                this.flink = flink;
            }

            /**
             * Searches the sustainable rate if {@code rate} is 0 (and returns it), else runs the
             * phases at fractions of {@code rate}.
             */
            double run(CompletableFuture<MixedFeed> generated, double rate) throws Exception {
                try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
                    String bootstrap = broker.bootstrapServers();
                    TopicAdmin.createTopics(bootstrap, new Properties(), Topics.all(), PARTITIONS);
                    try (GeneratorPublisher p = new GeneratorPublisher(bootstrap, 0, null);
                            ReservationCounter r = new ReservationCounter(bootstrap, exactlyOnce);
                            LedgerRun job = flink.submit(bootstrap, mode, CHECKPOINT_INTERVAL);
                            DecisionWatcher d = new DecisionWatcher(bootstrap, exactlyOnce);
                            QuoteWatcher q = new QuoteWatcher(bootstrap, exactlyOnce);
                            AvailabilityWatcher a =
                                    new AvailabilityWatcher(bootstrap, exactlyOnce)) {
                        publisher = p;
                        reservations = r;
                        ledger = job;
                        decisions = d;
                        quotes = q;
                        availability = a;
                        feed = generated.get();
                        feed.rewind();
                        for (GeneratedRecord node : feed.nodes()) {
                            send(node);
                        }
                        publisher.flush();
                        ledger.awaitReady(sent.get(), START_TIMEOUT);
                        for (GeneratedRecord record : feed.preload()) {
                            send(record);
                        }
                        publisher.flush();
                        progress(
                                EndToEndLatencyBenchmark.label(mode)
                                        + " job running, preload sent: "
                                        + (rate == 0 ? "search" : "phases"));
                        if (rate == 0) {
                            return search();
                        }
                        for (double load : LOADS) {
                            phase(load, load * rate);
                        }
                    }
                }
                return rate;
            }

            private void send(GeneratedRecord record) {
                publisher.send(record);
                sent.incrementAndGet();
            }

            /** Records published to the job that it has done (processed or dead-lettered). */
            private long inputsDone(long done) {
                return done - reservations.reservations();
            }

            /** Waits until the job has done every record published to it. */
            private void awaitCaughtUp() throws Exception {
                publisher.flush();
                long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
                long done;
                while ((done = inputsDone(ledger.done())) < sent.get()) {
                    if (System.nanoTime() > deadline) {
                        throw new TimeoutException(
                                String.format(
                                        "the ledger did %,d of %,d records in %s",
                                        done, sent.get(), DRAIN_TIMEOUT));
                    }
                    Thread.sleep(50);
                }
            }

            /**
             * The highest rate of at most {@link #trials} open-loop trials that the job sustains
             * (see the description).
             */
            private double search() throws Exception {
                long start = System.nanoTime();
                // one trial that is not judged: the job's first seconds of orders and quotes after
                // the preload run cold (JIT, caches), and a failed first trial caps the search
                double warmUpRate = FIRST_RATE / STEP;
                List<MixedFeed.Item> warmUpItems = feed.take(count(warmUpRate, trial));
                awaitCaughtUp();
                System.out.printf(
                        "   warm-up: %,.0f records/s, backlog %,d (not judged)%n",
                        warmUpRate, trial(warmUpRate, warmUpItems));
                double rate = FIRST_RATE;
                double passed = 0;
                double failed = Double.POSITIVE_INFINITY;
                for (int i = 0; i < trials; i++) {
                    List<MixedFeed.Item> items = feed.take(count(rate, trial));
                    awaitCaughtUp(); // generating overlaps the job catching up
                    long backlog = trial(rate, items);
                    boolean sustained = backlog <= Math.max(MIN_BACKLOG, BACKLOG_SECONDS * rate);
                    System.out.printf(
                            "   trial %d: %,.0f records/s, backlog %,d: %s%n",
                            i + 1, rate, backlog, sustained ? "sustained" : "not sustained");
                    if (sustained) {
                        passed = rate;
                    } else {
                        failed = rate;
                    }
                    rate =
                            failed == Double.POSITIVE_INFINITY
                                    ? rate * STEP
                                    : passed == 0 ? rate / STEP : Math.sqrt(passed * failed);
                }
                double sustainable = passed > 0 ? passed : failed / STEP;
                figures.add(
                        new Figure(
                                "sustainable rate (exactly-once, bounded lag)",
                                "records/s",
                                sustainable));
                figures.add(
                        new Figure(
                                "search: lowest rate not sustained",
                                "records/s",
                                failed == Double.POSITIVE_INFINITY ? Double.NaN : failed));
                figures.add(new Figure("search: duration", "s", (System.nanoTime() - start) / 1e9));
                return sustainable;
            }

            /**
             * Offers {@code items} at {@code rate} from a second thread; returns the job's backlog
             * (records offered but not done) at its last heartbeat before the end.
             */
            private long trial(double rate, List<MixedFeed.Item> items) throws Exception {
                long base = sent.get();
                long start = System.nanoTime() + 1_000_000;
                long end = start + (long) (items.size() * 1e9 / rate);
                AtomicReference<RuntimeException> failure = new AtomicReference<>();
                Thread producer =
                        new Thread(
                                () -> {
                                    try {
                                        paced(items, rate, start, items.size(), null);
                                    } catch (RuntimeException e) {
                                        failure.set(e);
                                    }
                                },
                                "mixed-trial");
                producer.start();
                long backlog = Long.MAX_VALUE;
                try {
                    while (true) {
                        long[] update = ledger.nextUpdate(HEARTBEAT_TIMEOUT);
                        if (update[0] > end) {
                            break;
                        }
                        long offered =
                                Math.min(items.size(), (long) ((update[0] - start) * rate / 1e9));
                        backlog = base + offered - inputsDone(update[1]);
                    }
                } finally {
                    producer.join();
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
                return backlog;
            }

            /** One load: latency, throughput and CPU per record over the measured window. */
            private void phase(double load, double rate) throws Exception {
                long warmUpCount = count(rate, warmUp);
                List<MixedFeed.Item> items = feed.take(warmUpCount + count(rate, measured));
                awaitCaughtUp();
                Phase phase = new Phase();
                long start = System.nanoTime() + 1_000_000;
                paced(items, rate, start, (int) warmUpCount, phase);
                long lastSend = start + (long) ((items.size() - 1) * 1e9 / rate);
                long deadline = lastSend + ANSWER_GRACE.toNanos();
                while ((phase.orders.size() < phase.ordersSent
                                || phase.quotes.size() < phase.quotesSent)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                double decided = (double) phase.orders.size() / phase.ordersSent;
                double answered = (double) phase.quotes.size() / phase.quotesSent;
                awaitCaughtUp();

                String name = EndToEndLatencyBenchmark.label(mode) + " " + percent(load);
                if (exactlyOnce) {
                    figures.add(new Figure(percent(load) + " load: offered", "records/s", rate));
                }
                latency(name + ": order-to-decision", phase.orders);
                latency(name + ": quote-to-response", phase.quotes);
                latency(name + ": event-to-availability", phase.events);
                figures.add(
                        new Figure(
                                name + ": decisions/s",
                                "decisions/s",
                                phase.cpu.perSecond(phase.decisions)));
                figures.add(
                        new Figure(
                                name + ": CPU per record",
                                "µs",
                                phase.cpu.cpuMicrosPer(phase.records)));
                figures.add(new Figure(name + ": orders decided", "ratio", decided));
                figures.add(new Figure(name + ": quotes answered", "ratio", answered));
                figures.add(
                        new Figure(
                                name + ": order, lifecycle and quote records",
                                "ratio",
                                (double) phase.orderTraffic / phase.records));
            }

            private void latency(String name, LatencySamples samples) {
                for (double p : PERCENTILES) {
                    figures.add(
                            new Figure(
                                    name + " " + percentile(p), "ms", samples.percentileMillis(p)));
                }
                figures.add(new Figure(name + ": samples", "count", samples.size()));
            }

            /**
             * Sends {@code items} on a fixed schedule of {@code rate} per second from {@code
             * start}. With a phase, those from {@code measureFrom} on are registered with the
             * watchers before they are sent, and the phase's window is measured over their sends.
             */
            private void paced(
                    List<MixedFeed.Item> items,
                    double rate,
                    long start,
                    int measureFrom,
                    Phase phase) {
                double intervalNanos = 1e9 / rate;
                for (int i = 0; i < items.size(); i++) {
                    long due = start + (long) (i * intervalNanos);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    MixedFeed.Item item = items.get(i);
                    if (phase != null && i >= measureFrom) {
                        if (i == measureFrom) {
                            phase.begin(decisions.decisions());
                        }
                        phase.expect(item, due);
                    }
                    send(item.record());
                }
                if (phase != null) {
                    phase.end(decisions.decisions());
                }
            }

            /** What one load measured. */
            private final class Phase {
                final LatencySamples orders = new LatencySamples();
                final LatencySamples quotes = new LatencySamples();
                final LatencySamples events = new LatencySamples();
                long ordersSent;
                long quotesSent;
                long records;
                long orderTraffic;
                long decisions;
                CpuClock.Interval cpu;
                private CpuClock clock;

                void begin(long decisionsSoFar) {
                    clock = new CpuClock();
                    decisions = -decisionsSoFar;
                }

                void expect(MixedFeed.Item item, long due) {
                    records++;
                    if (item.isOrderTraffic()) {
                        orderTraffic++;
                    }
                    switch (item.kind()) {
                        case ORDER -> {
                            Job.this.decisions.expect(item.id(), due, orders);
                            ordersSent++;
                        }
                        case QUOTE -> {
                            Job.this.quotes.expect(item.id(), due, quotes);
                            quotesSent++;
                        }
                        case INVENTORY -> availability.expect(item.id(), due, events);
                        case OTHER -> {}
                    }
                }

                void end(long decisionsSoFar) {
                    cpu = clock.stop();
                    decisions += decisionsSoFar;
                }
            }
        }

        private static long count(double rate, Duration duration) {
            return Math.max(1, (long) (rate * duration.toNanos() / 1e9));
        }
    }
}
