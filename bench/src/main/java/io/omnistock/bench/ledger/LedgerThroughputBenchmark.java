package io.omnistock.bench.ledger;

import io.omnistock.bench.BenchSettings;
import io.omnistock.bench.Benchmark;
import io.omnistock.bench.CpuClock;
import io.omnistock.bench.Figure;
import io.omnistock.domain.inventory.InMemorySkuState;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.engine.EngineJob;
import io.omnistock.engine.EnginePipeline;
import io.omnistock.engine.EngineSinks;
import io.omnistock.engine.LedgerOptions;
import io.omnistock.engine.functions.InventoryDeserializationSchema;
import io.omnistock.engine.functions.LedgerMetrics;
import io.omnistock.engine.functions.SourcedEvent;
import io.omnistock.ledger.domain.NodeInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;

/**
 * Throughput of the real ledger job against a bare keyed Flink job and the plain-Java rules, on the
 * same pre-serialized records in the same JVM.
 */
public final class LedgerThroughputBenchmark implements Benchmark {
    private static final int PARALLELISM = 2;
    private static final long SEED = 5;

    /** Managed memory of the local task manager: what flink-conf/config.yaml gives one. */
    private static final MemorySize MANAGED_MEMORY = MemorySize.ofMebiBytes(512);

    /** Sinks of the ledger job: one per output topic ({@link EngineSinks}). */
    private static final int LEDGER_SINKS = 11;

    /** SKUs (x every node: the positions) and inventory records, in a full and a quick run. */
    private static final int FULL_SKUS = 10_000;

    private static final int QUICK_SKUS = 1_000;
    private static final long FULL_EVENTS = 1_000_000;
    private static final long QUICK_EVENTS = 200_000;

    /** The warm-up input: SKUs and records. */
    private static final int WARM_UP_SKUS = 500;

    private static final long FULL_WARM_UP_EVENTS = 100_000;
    private static final long QUICK_WARM_UP_EVENTS = 50_000;

    /** Plain Java runs the warm-up input this many times: it is fast, so its JIT weighs more. */
    private static final int PLAIN_JAVA_WARM_UPS = 3;

    @Override
    public String name() {
        return "ledger-throughput";
    }

    @Override
    public String description() {
        return String.format(
                Locale.ROOT,
                """
                Events per second, and per busy core, through the real ledger job: \
                `EnginePipeline` (split, the SKU-keyed ledger with broadcast node data, routing, \
                count checks, no metric windows since they moved to the analytics job; every output to a counting sink) on a local MiniCluster, \
                parallelism %d, RocksDB (%d MiB managed memory, what `flink-conf/config.yaml` gives a \
                task manager), incremental exactly-once checkpoints every 5 s, no Kryo, object \
                reuse. Input, generated and Avro-encoded before anything is timed: the %d \
                `network.nodes` records of a generated chain (%d stores, %d dark stores, %d DCs, \
                %d 3PLs), then %,d inventory records (quick: %,d) on `inventory.pos`, \
                `inventory.wms` and `inventory.3pl` over %,d SKU x node positions (quick: %,d: \
                %,d or %,d SKUs x every node), each for a uniformly random position, in %d \
                partitions by SKU, event times rising over %d h; stores see sales, returns, \
                receipts, adjustments, damage and cycle counts, DCs and dark stores receipts, \
                picks, ships, adjustments and cycle counts, 3PLs snapshots and adjustments: about \
                17%% of records are counts (10%% of them off by a little shrink), 1%% exact \
                duplicates. An in-memory FLIP-27 source replays the records through the job's \
                own `InventoryDeserializationSchema`, partition 0 first sending the node records. \
                Timed: from the first inventory event the source emits until the ledger's \
                availability sinks see a watermark the source sends after its last event, i.e. \
                until every event has been applied (job deployment and shutdown are not timed; \
                the source then idles and the job is cancelled, because ending the input would \
                fire every 48 h expiry timer at once). CPU is the whole process's, JIT and GC \
                included; each variant first runs unmeasured, right before it is measured, on a \
                %,d-record warm-up input (quick: %,d; plain-java %d times). Baselines, same run, same records: \
                **bare-flink**: the same source, deserializer, watermarks, backend and \
                checkpointing, keyBy(sku) -> one `ValueState<Long>` counter per SKU -> a counting \
                sink; **plain-java**: the same deserializer and the domain `SkuLedger` over \
                HashMaps, on one thread. **Movement journal** (`ledger.journal.enabled`), same \
                run, same records: **ledger-journal** is the ledger job with the journal on (one \
                `Movement` record per event to its counting sink; the journal-off job has the \
                same sink, which then sees nothing), **plain-java-journal** the plain-Java rules \
                with it on; each is reported against its journal-off twin (both warm up before \
                either is measured, and the journal is measured first, so any JIT work left \
                counts against it). A run fails \
                unless the ledger's accumulators show every record processed and none \
                dead-lettered. **State accesses per record**: the ledger's own counters \
                `state-reads` (gets, contains, and each entry an iteration reads), `state-writes` \
                (puts, updates, removes, clears) and `timers-registered`, divided by the records \
                in; broadcast node data is on the heap and not counted. Targets: >= 0.6 of \
                bare-flink per busy core (stretch 0.8), at most 3 state accesses per delta, and \
                >= 200,000 events/s per busy core on RocksDB with exactly-once checkpoints \
                (Nexmark q17 publishes about 117,000 per core).""",
                PARALLELISM,
                MANAGED_MEMORY.getMebiBytes(),
                LedgerInput.NODES,
                LedgerInput.STORES,
                LedgerInput.DARK_STORES,
                LedgerInput.DCS,
                LedgerInput.THREE_PLS,
                FULL_EVENTS,
                QUICK_EVENTS,
                (long) FULL_SKUS * LedgerInput.NODES,
                (long) QUICK_SKUS * LedgerInput.NODES,
                FULL_SKUS,
                QUICK_SKUS,
                PARALLELISM,
                LedgerInput.SPAN.toHours(),
                FULL_WARM_UP_EVENTS,
                QUICK_WARM_UP_EVENTS,
                PLAIN_JAVA_WARM_UPS);
    }

    @Override
    public List<Figure> runOnce(BenchSettings settings) throws Exception {
        int skus = (int) settings.size(FULL_SKUS, QUICK_SKUS);
        long events = settings.size(FULL_EVENTS, QUICK_EVENTS);
        CpuClock generation = new CpuClock();
        LedgerInput input = LedgerInput.generate(skus, events, PARALLELISM, SEED);
        System.out.printf(
                Locale.ROOT,
                "   input: %,d events over %,d positions (%,d counts, %,d duplicates) %s,"
                        + " encoded in %.1f s%n",
                input.events,
                input.positions(),
                input.counts,
                input.duplicates,
                input.kinds,
                generation.stop().seconds());

        // Each variant runs once on a smaller input first, unmeasured, right before it is
        // measured: the JIT compiles the deserializer, the rules and the parts of Flink's runtime
        // that variant uses, with that variant's profile, before any of it is timed.
        LedgerInput warmUp =
                LedgerInput.generate(
                        WARM_UP_SKUS,
                        settings.size(FULL_WARM_UP_EVENTS, QUICK_WARM_UP_EVENTS),
                        PARALLELISM,
                        SEED + 1);
        Path work = settings.workDir();
        for (int round = 1; round <= PLAIN_JAVA_WARM_UPS; round++) {
            plainJava("warm-up plain-java " + round, warmUp, false);
            plainJava("warm-up plain-java-journal " + round, warmUp, true);
        }
        Measured plainJournal = plainJava("plain-java-journal", input, true);
        Measured plain = plainJava("plain-java", input, false);
        bareFlink("warm-up bare-flink", warmUp, work.resolve("warm-up-bare-flink"));
        Measured bare = bareFlink("bare-flink", input, work.resolve("bare-flink"));
        // Both ledger variants warm up before either is measured, and the journal is measured
        // first: whatever JIT work is left falls on it, so its cost is not understated.
        ledgerJob("warm-up ledger", warmUp, work.resolve("warm-up-ledger"), false);
        ledgerJob("warm-up ledger-journal", warmUp, work.resolve("warm-up-ledger-journal"), true);
        Measured journal = ledgerJob("ledger-journal", input, work.resolve("ledger-journal"), true);
        Measured ledger = ledgerJob("ledger", input, work.resolve("ledger"), false);

        List<Figure> figures = new ArrayList<>();
        figures.addAll(ledger.figures("ledger"));
        figures.addAll(journal.figures("ledger-journal"));
        figures.addAll(bare.figures("bare-flink"));
        figures.addAll(plain.figures("plain-java"));
        figures.addAll(plainJournal.figures("plain-java-journal"));
        figures.add(
                new Figure(
                        "ledger / bare-flink (events/s per busy core)",
                        "ratio",
                        ledger.perBusyCoreSecond() / bare.perBusyCoreSecond()));
        figures.add(
                new Figure(
                        "ledger-journal / ledger (events/s per busy core)",
                        "ratio",
                        journal.perBusyCoreSecond() / ledger.perBusyCoreSecond()));
        figures.add(
                new Figure(
                        "plain-java-journal / plain-java (events/s per busy core)",
                        "ratio",
                        plainJournal.perBusyCoreSecond() / plain.perBusyCoreSecond()));
        figures.add(
                new Figure(
                        "ledger / plain-java (events/s per busy core)",
                        "ratio",
                        ledger.perBusyCoreSecond() / plain.perBusyCoreSecond()));
        return figures;
    }

    /**
     * The real job: EnginePipeline with counting sinks; fails unless every record was processed.
     */
    private static Measured ledgerJob(String label, LedgerInput input, Path dir, boolean journal)
            throws Exception {
        Configuration conf = flinkConfiguration(dir);
        conf.set(LedgerOptions.JOURNAL_ENABLED, journal);
        StreamExecutionEnvironment env = EngineJob.environment(conf);
        // The availability sinks hang off the ledger operator: when both have seen the final
        // watermark, the ledger has applied every event.
        RunProbe probe = RunProbe.open("ledger", input, PARALLELISM);
        try {
            String run = probe.id();
            EngineSinks sinks =
                    EngineSinks.discarding()
                            .availability(counting(run, "availability", true))
                            .network(counting(run, "network-availability", false))
                            .alerts(counting(run, "alerts", false))
                            .discrepancies(counting(run, "discrepancies", false))
                            .decisions(counting(run, "decisions", false))
                            .reservations(counting(run, "reservations", false))
                            .countChecks(counting(run, "count-checks", false))
                            .deadLetters(counting(run, "dead-letters", false))
                            .returns(counting(run, "returns", false))
                            .quotes(counting(run, "quotes", false))
                            .movements(counting(run, "movements", false))
                            .build();
            ReplaySource source =
                    new ReplaySource(run, LEDGER_SINKS * PARALLELISM, LedgerOptions.settings(conf));
            EnginePipeline.build(env, source, sinks, conf);
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName("bench-ledger-throughput");

            long expected = input.events + input.nodeRecords();
            MiniClusterRun.Outcome outcome =
                    MiniClusterRun.run(
                            graph,
                            conf,
                            PARALLELISM,
                            probe,
                            acc ->
                                    accumulator(acc, LedgerMetrics.PROCESSED)
                                                    + accumulator(acc, LedgerMetrics.DEAD_LETTERED)
                                            >= expected);
            Map<String, Object> acc = outcome.accumulators();
            long in = accumulator(acc, LedgerMetrics.RECORDS_IN);
            long processed = accumulator(acc, LedgerMetrics.PROCESSED);
            long deadLettered = accumulator(acc, LedgerMetrics.DEAD_LETTERED);
            long duplicates = accumulator(acc, LedgerMetrics.DUPLICATES);
            System.out.printf(
                    Locale.ROOT,
                    "   %s: records in %,d = processed %,d + dead-lettered %,d; applied %,d,"
                            + " duplicates %,d, stale counts %,d, superseded deltas %,d;"
                            + " availability updates %,d (%,d reached the sinks), discrepancies"
                            + " %,d%n",
                    label,
                    in,
                    processed,
                    deadLettered,
                    accumulator(acc, LedgerMetrics.APPLIED),
                    duplicates,
                    accumulator(acc, LedgerMetrics.STALE_COUNTS),
                    accumulator(acc, LedgerMetrics.SUPERSEDED_DELTAS),
                    accumulator(acc, LedgerMetrics.AVAILABILITY_UPDATES),
                    probe.recordsOut(),
                    accumulator(acc, LedgerMetrics.DISCREPANCIES));
            if (in != expected
                    || processed != expected
                    || deadLettered != 0
                    || duplicates != input.duplicates
                    || probe.eventsEmitted() != input.events) {
                throw new IllegalStateException(
                        String.format(
                                Locale.ROOT,
                                "the ledger did not process its input: %,d records (%,d"
                                        + " duplicates) given, %,d emitted, %,d in, %,d processed,"
                                        + " %,d dead-lettered, %,d duplicates",
                                expected,
                                input.duplicates,
                                probe.eventsEmitted(),
                                in,
                                processed,
                                deadLettered,
                                duplicates));
            }
            return Measured.of(label, outcome.interval(), probe.activity(), input.events)
                    .with(stateAccessesPerRecord(acc, in));
        } finally {
            probe.close();
        }
    }

    /** The ledger's state-backend reads, writes and timer registrations per record in. */
    private static List<Figure> stateAccessesPerRecord(Map<String, Object> acc, long in) {
        List<Figure> figures = new ArrayList<>();
        for (String name :
                List.of(
                        LedgerMetrics.STATE_READS,
                        LedgerMetrics.STATE_WRITES,
                        LedgerMetrics.TIMERS_REGISTERED)) {
            figures.add(
                    new Figure(
                            name.replace('-', ' ') + " per record",
                            "accesses",
                            (double) accumulator(acc, name) / in));
        }
        figures.add(
                new Figure(
                        "state accesses per record (reads + writes + timers)",
                        "accesses",
                        figures.stream().mapToDouble(Figure::value).sum()));
        return figures;
    }

    /** Same source, deserializer, watermarks, backend and checkpoints; a counter per SKU. */
    private static Measured bareFlink(String label, LedgerInput input, Path dir) throws Exception {
        Configuration conf = flinkConfiguration(dir);
        StreamExecutionEnvironment env = EngineJob.environment(conf);
        RunProbe probe = RunProbe.open("bare-flink", input, PARALLELISM);
        try {
            String run = probe.id();
            env.fromSource(
                            new ReplaySource(run, PARALLELISM, LedgerOptions.settings(conf)),
                            watermarks(conf),
                            EnginePipeline.SOURCE_UID)
                    .uid(EnginePipeline.SOURCE_UID)
                    .filter(in -> in.event != null)
                    .name("inventory-events")
                    .uid("inventory-events")
                    .keyBy(in -> in.event.sku, Types.STRING)
                    .process(new CountPerSkuFunction(), Types.LONG)
                    .name("count-per-sku")
                    .uid("count-per-sku")
                    .sinkTo(new CountingSink<>(run, true))
                    .name("counts-sink")
                    .uid("counts-sink");
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName("bench-bare-flink");
            MiniClusterRun.Outcome outcome =
                    MiniClusterRun.run(graph, conf, PARALLELISM, probe, acc -> true);
            if (probe.recordsOut() != input.events || probe.eventsEmitted() != input.events) {
                throw new IllegalStateException(
                        String.format(
                                Locale.ROOT,
                                "bare-flink counted %,d of %,d events (%,d emitted)",
                                probe.recordsOut(),
                                input.events,
                                probe.eventsEmitted()));
            }
            return Measured.of(label, outcome.interval(), probe.activity(), input.events);
        } finally {
            probe.close();
        }
    }

    /**
     * The domain rules alone: the same records through the same deserializer into {@link SkuLedger}
     * over HashMaps, on this thread, partitions interleaved record by record.
     */
    private static Measured plainJava(String label, LedgerInput input, boolean journal) {
        LedgerSettings settings = LedgerOptions.settings(new Configuration()).withJournal(journal);
        long outOfOrderness = LedgerOptions.MAX_OUT_OF_ORDERNESS.defaultValue().toMillis();
        InventoryDeserializationSchema schema = new InventoryDeserializationSchema(settings);
        schema.open(
                new ReplaySource.DeserializerContext(
                        new UnregisteredMetricsGroup(),
                        SimpleUserCodeClassLoader.create(
                                LedgerThroughputBenchmark.class.getClassLoader())));
        LastRecord decoded = new LastRecord();
        Map<String, NodeInfo> nodes = new HashMap<>();
        for (int i = 0; i < input.nodeRecords(); i++) {
            schema.deserialize(input.nodeRecord(i), decoded);
            nodes.put(decoded.record.node.nodeId, decoded.record.node);
        }
        Map<String, InMemorySkuState> skus = new HashMap<>();
        SkuLedger ledger = new SkuLedger(settings);
        CountingOutput out = new CountingOutput();
        Map<SkuLedger.Outcome, Long> outcomes = new EnumMap<>(SkuLedger.Outcome.class);
        long[] byOutcome = new long[SkuLedger.Outcome.values().length];
        long rejectedOnRead = 0;
        long maxEventTime = Long.MIN_VALUE;
        int[] offsets = new int[input.partitionCount()];

        CpuClock clock = new CpuClock();
        JvmActivity atStart = JvmActivity.now();
        boolean more = true;
        while (more) {
            more = false;
            for (int p = 0; p < offsets.length; p++) {
                LedgerInput.Partition partition = input.partition(p);
                if (offsets[p] == partition.size()) {
                    continue;
                }
                more = true;
                schema.deserialize(partition.record(p, offsets[p]++), decoded);
                SourcedEvent in = decoded.record;
                if (in.isRejected()) {
                    rejectedOnRead++;
                    continue;
                }
                InventoryEvent e = in.event;
                long watermark =
                        maxEventTime == Long.MIN_VALUE
                                ? Long.MIN_VALUE
                                : maxEventTime - outOfOrderness;
                InMemorySkuState state = skus.get(e.sku);
                if (state == null) {
                    state = new InMemorySkuState(nodes);
                    skus.put(e.sku, state);
                }
                SkuLedger.Outcome outcome =
                        ledger.apply(
                                e,
                                nodes.get(e.nodeId),
                                System.currentTimeMillis(),
                                watermark,
                                state,
                                out);
                byOutcome[outcome.ordinal()]++;
                if (outcome != SkuLedger.Outcome.REJECTED) {
                    maxEventTime = Math.max(maxEventTime, e.eventTime);
                }
            }
        }
        CpuClock.Interval interval = clock.stop();
        JvmActivity activity = JvmActivity.now().since(atStart);
        // end of input: the count checks still waiting for the watermark settle (untimed)
        skus.forEach(
                (sku, state) ->
                        state.positions.forEach(
                                (nodeId, position) ->
                                        ledger.settleChecks(
                                                sku,
                                                nodeId,
                                                position,
                                                nodes.get(nodeId),
                                                Long.MAX_VALUE,
                                                out)));

        for (SkuLedger.Outcome outcome : SkuLedger.Outcome.values()) {
            outcomes.put(outcome, byOutcome[outcome.ordinal()]);
        }
        System.out.printf(
                Locale.ROOT,
                "   %s: %s, rejected on read %,d; availability %,d, network %,d,"
                        + " discrepancies %,d, alerts %,d, movements %,d%n",
                label,
                outcomes,
                rejectedOnRead,
                out.availability,
                out.network,
                out.discrepancies,
                out.alerts,
                out.movements);
        if (out.movements != (journal ? input.events : 0)) {
            throw new IllegalStateException(
                    label + ": " + out.movements + " journal entries for " + input.events);
        }
        if (rejectedOnRead != 0
                || byOutcome[SkuLedger.Outcome.REJECTED.ordinal()] != 0
                || byOutcome[SkuLedger.Outcome.DUPLICATE.ordinal()] != input.duplicates) {
            throw new IllegalStateException("plain-java rejected events or missed duplicates");
        }
        return Measured.of(label, interval, activity, input.events);
    }

    /**
     * Both Flink variants: the job's defaults ({@link EngineJob#environment}) with checkpoints and
     * RocksDB files under the run's work directory, and no restarts (a failure fails the run).
     */
    private static Configuration flinkConfiguration(Path dir) {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, PARALLELISM);
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.resolve("checkpoints").toAbsolutePath().toUri().toString());
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofSeconds(1));
        conf.set(
                RocksDBOptions.LOCAL_DIRECTORIES,
                dir.resolve("rocksdb").toAbsolutePath().toString());
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED_MEMORY);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // Task managers report accumulators with their heartbeats (every 10 s by default).
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        return conf;
    }

    /** The ledger pipeline's watermarks, for the baseline. */
    private static WatermarkStrategy<SourcedEvent> watermarks(Configuration conf) {
        return WatermarkStrategy.<SourcedEvent>forBoundedOutOfOrderness(
                        conf.get(LedgerOptions.MAX_OUT_OF_ORDERNESS))
                .withTimestampAssigner((event, recordTimestamp) -> event.eventTime())
                .withIdleness(conf.get(LedgerOptions.SOURCE_IDLENESS));
    }

    private static <T> EngineSinks.SinkApplier<T> counting(
            String run, String name, boolean marksEnd) {
        String uid = name + "-sink";
        return stream -> stream.sinkTo(new CountingSink<>(run, marksEnd)).name(uid).uid(uid);
    }

    private static long accumulator(Map<String, Object> accumulators, String name) {
        Object value = accumulators.get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** The deserializer's one record. */
    private static final class LastRecord implements Collector<SourcedEvent> {
        SourcedEvent record;

        @Override
        public void collect(SourcedEvent r) {
            record = r;
        }

        @Override
        public void close() {}
    }

    /** One variant's timed interval over its events. */
    private record Measured(CpuClock.Interval interval, long events, List<Figure> extras) {
        static Measured of(
                String label, CpuClock.Interval interval, JvmActivity activity, long events) {
            System.out.printf(
                    Locale.ROOT,
                    "   %s: %,d events in %.2f s, %.2f busy cores, %.1f µs CPU per event (%s)%n",
                    label,
                    events,
                    interval.seconds(),
                    interval.busyCores(),
                    interval.cpuMicrosPer(events),
                    activity);
            return new Measured(interval, events, List.of());
        }

        /** The same measurement with figures of its own appended. */
        Measured with(List<Figure> more) {
            List<Figure> all = new ArrayList<>(extras);
            all.addAll(more);
            return new Measured(interval, events, all);
        }

        double perBusyCoreSecond() {
            return interval.perBusyCoreSecond(events);
        }

        List<Figure> figures(String variant) {
            List<Figure> figures = new ArrayList<>();
            figures.addAll(
                    List.of(
                            new Figure(
                                    variant + " events/s", "events/s", interval.perSecond(events)),
                            new Figure(
                                    variant + " events/s per busy core",
                                    "events/s/core",
                                    perBusyCoreSecond()),
                            new Figure(
                                    variant + " CPU µs per event",
                                    "µs",
                                    interval.cpuMicrosPer(events)),
                            new Figure(variant + " busy cores", "cores", interval.busyCores())));
            for (Figure extra : extras) {
                figures.add(new Figure(variant + " " + extra.name(), extra.unit(), extra.value()));
            }
            return figures;
        }
    }
}
