package io.omnistock.bench.e2e;

import io.omnistock.avro.Availability;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.ProjectedAtp;
import io.omnistock.avro.SourceSystem;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.bench.BenchSettings;
import io.omnistock.bench.Benchmark;
import io.omnistock.bench.Figure;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.Topics;
import io.omnistock.deploy.ChildJvm;
import io.omnistock.deploy.KafkaBrokerProcess;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratorPublisher;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailNetwork;
import io.omnistock.generator.Sku;
import io.omnistock.serving.AvailabilityView;
import io.omnistock.serving.StoredRecord;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * The availability service beside the real ledger job: point-lookup latency at fixed offered rates,
 * freshness (event to visible through the API against event to visible on the topic, same events),
 * and heap per key held.
 */
public final class ServingBenchmark implements Benchmark {
    static final double[] OFFERED = {500, 2_000, 5_000};

    /** The rates of the baseline phases, the job taking no events. */
    static final double[] BASELINE_RATES = {2_000, 5_000};

    /**
     * The rate measured again last with the engine's and the broker's JVMs at a lower CPU priority
     * (nice {@value #NICE}), as an operator puts a latency-bound service ahead of a
     * throughput-bound job on shared cores.
     */
    static final double PRIORITIZED_RATE = 2_000;

    static final int NICE = 10;

    /** Inventory load on the job during the lookups. */
    static final double EVENTS_PER_SECOND = 2_000;

    private static final int PARTITIONS = 4;
    private static final int STOCKED_SKUS = 200;
    private static final double[] PERCENTILES = {50, 99, 99.9};
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    /** Kept-alive connections the lookups are spread over (open loop: a late answer queues). */
    private static final int CONNECTIONS = 16;

    /** The JVM flags {@code ./omnistock-serve} starts the service with. */
    static final List<String> SERVE_JVM_FLAGS = List.of("-Xmx1g", "-XX:+UseZGC");

    /** Nodes per SKU in the memory measurement: the default generated network's 55. */
    private static final int NODES_PER_SKU = 55;

    @Override
    public String name() {
        return "serving";
    }

    @Override
    public String description() {
        return """
                The availability service (`serving`, JDK HttpServer, 8 worker threads) beside \
                the real ledger job (`EngineJob`, local MiniCluster, parallelism 2, RocksDB, \
                AT_LEAST_ONCE, checkpoints every 5 s) on a KRaft broker (4 partitions per \
                topic). **Processes**, as deployed, each in a JVM of its own on the same 2 cores: \
                the broker (`kafka.Kafka`, Kafka's script defaults: `-Xmx1g -Xms1g`, G1 with \
                `MaxGCPauseMillis=20`); the engine (`-Xmx2g`, G1; progress read from a file it \
                rewrites every 20 ms from the job's accumulators); the service, started as \
                `./omnistock-serve` starts it (`-Xmx1g -XX:+UseZGC`); the callers (`-Xmx512m \
                -XX:+UseZGC`, as a web shop's JVM would be, so their own collections do not \
                count against the service); and the benchmark's JVM, which sends the inventory \
                events and reads the topic. **Keys**: 1,000 units of each of the 200 \
                most popular SKUs received at every node of the default network (11,000 \
                positions) before the service starts; it is ready (caught up) before measuring. \
                **Lookups**: `GET /v1/availability/{sku}/{node}` of a random stocked position, \
                16 kept-alive HTTP/1.1 connections (plain sockets, one thread each, fed from one \
                queue in schedule order, requests encoded once), open loop on a fixed schedule at \
                500, 2,000 and 5,000 req/s, each phase measured after a warm-up, while the job \
                takes 2,000 inventory events/s of the generated stream (sent on the same \
                wall-clock schedule by the benchmark's JVM); **baselines**: 2,000 and 5,000 \
                req/s first while the job takes no events (same service, same run); **last**, \
                2,000 req/s again with every thread of the engine's and the broker's JVMs at \
                nice 10 (`renice`), as an operator puts a latency-bound service ahead of a \
                throughput-bound job on shared cores (no freshness sampled there). \
                **Achieved** = lookups answered / (last answer - first measured send). \
                **Latency** = response body read minus the request's scheduled send \
                (System.nanoTime in the callers' JVM): a wait for a free connection included. \
                Non-200 answers and failures are counted, not sampled. **GC** per phase, from \
                the first measured send to the last answer: stop-the-world collection time and \
                count (ZGC pauses; G1 young, mixed and full collections) of each JVM from its \
                GarbageCollectorMXBeans, the service's, the engine's and the broker's over JMX on \
                localhost, the callers' from inside (with its longest pause). **Freshness**, same events, same run: event scheduled send -> the first \
                availability record naming it (`lastEventId`) returned by a `read_committed` \
                consumer `poll` (topic), and -> that record applied to the service's view, from \
                which the next lookup answers (API: the service's JVM notes System.nanoTime, \
                the machine's monotonic clock, the same in every process on Linux; the lookup's \
                own latency is the figure above). **Memory**: heap used after GC before and after holding N positions \
                (55 per SKU, plus one network record per SKU) in an `AvailabilityView`, records \
                with 3 projected horizons as the job writes them, divided by N. **Targets**: \
                lookup p99 <= 5 ms at 2,000 req/s beside the engine on 2 cores; freshness p99 \
                within 50 ms of the topic's. Quick: 100k keys, warm-ups of 2 s and 3 s measured per \
                rate; full: 1M and 10M keys (10M only if the heap has room), 3 s warm-ups and \
                10 s measured.""";
    }

    @Override
    public List<Figure> runOnce(BenchSettings settings) throws Exception {
        List<Figure> figures = new ArrayList<>();
        long keys = settings.size(1_000_000, 100_000);
        double perKey = bytesPerKey((int) keys);
        figures.add(new Figure("heap per key at " + label(keys) + " keys", "bytes", perKey));
        if (!settings.quick()) {
            long tenMillion = 10_000_000;
            Runtime rt = Runtime.getRuntime();
            double needed = perKey * tenMillion * 1.5; // room for the copies made while loading
            if (needed < rt.maxMemory() - usedAfterGc()) {
                figures.add(
                        new Figure(
                                "heap per key at 10M keys",
                                "bytes",
                                bytesPerKey((int) tenMillion)));
            } else {
                figures.add(
                        new Figure("heap per key at 10M keys (does not fit)", "bytes", Double.NaN));
            }
        }
        figures.addAll(new Run(settings).execute());
        return figures;
    }

    /**
     * The broker's JVM as Kafka's own start script sets it ({@code kafka-server-start.sh}, {@code
     * kafka-run-class.sh}): 1 GB heap, G1 aiming at 20 ms pauses.
     */
    static List<String> brokerJvmArgs(int jmxPort) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "-Xmx1g",
                                "-Xms1g",
                                "-XX:+UseG1GC",
                                "-XX:MaxGCPauseMillis=20",
                                "-XX:InitiatingHeapOccupancyPercent=35",
                                "-XX:+ExplicitGCInvokesConcurrent",
                                "-Djava.awt.headless=true"));
        args.addAll(inherited());
        args.addAll(GcPauses.jmxFlags(jmxPort));
        return args;
    }

    /**
     * The engine's JVM (job manager and task manager of a local MiniCluster in one process): 2 GB
     * heap, G1, this JVM's {@code --add-opens} for Flink's serializers.
     */
    static List<String> engineJvmArgs(int jmxPort) {
        List<String> args = new ArrayList<>(List.of("-Xmx2g", "-XX:+UseG1GC"));
        args.addAll(inherited());
        args.addAll(GcPauses.jmxFlags(jmxPort));
        return args;
    }

    /**
     * The service's JVM as {@code ./omnistock-serve} starts it: 1 GB heap and ZGC, whose pauses
     * stay under a millisecond while it shares the cores with the engine.
     */
    static List<String> serviceJvmArgs(int jmxPort) {
        List<String> args = new ArrayList<>(SERVE_JVM_FLAGS);
        args.addAll(inherited());
        args.addAll(GcPauses.jmxFlags(jmxPort));
        return args;
    }

    /** The callers' JVM: a web shop's, low-pause too, so its own collections stay out. */
    static List<String> callersJvmArgs() {
        List<String> args = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseZGC"));
        args.addAll(inherited());
        return args;
    }

    /** This JVM's module openings and logging configuration, for its children. */
    private static List<String> inherited() {
        List<String> args = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                args.add(arg);
            }
        }
        String log4j = System.getProperty("log4j.configurationFile");
        if (log4j != null) {
            args.add("-Dlog4j.configurationFile=" + log4j);
        }
        return args;
    }

    private static String label(long keys) {
        return keys >= 1_000_000 ? keys / 1_000_000 + "M" : keys / 1_000 + "k";
    }

    /** Heap bytes per position held, N positions of 55 nodes per SKU plus network totals. */
    static double bytesPerKey(int keys) {
        AvroCodec<Availability> positions = Topics.AVAILABILITY.codec();
        AvroCodec<NetworkAvailability> networks = Topics.NETWORK_AVAILABILITY.codec();
        long before = usedAfterGc();
        AvailabilityView view = new AvailabilityView();
        int skus = (keys + NODES_PER_SKU - 1) / NODES_PER_SKU;
        long t = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
        int held = 0;
        for (int s = 0; s < skus && held < keys; s++) {
            String sku = String.format("SKU-%07d", s);
            for (int n = 0; n < NODES_PER_SKU && held < keys; n++, held++) {
                String node = n < 50 ? "STORE-%03d".formatted(n + 1) : "DC-%02d".formatted(n - 49);
                Availability a = position(sku, node, t + held);
                view.applyPosition(
                        a.getSku(),
                        a.getNodeId(),
                        new StoredRecord(1, t + held, t + held, positions.encode(a)));
            }
            NetworkAvailability total =
                    NetworkAvailability.newBuilder()
                            .setEventId(sku + "|1")
                            .setEventTime(Instant.ofEpochMilli(t))
                            .setSku(sku)
                            .setNetworkAtp(500)
                            .setStoreAtp(400)
                            .setDcAtp(100)
                            .setDarkStoreAtp(0)
                            .setThreePlAtp(0)
                            .setOpenNodes(NODES_PER_SKU)
                            .setVersion(1)
                            .build();
            view.applyNetwork(sku, new StoredRecord(1, t, t, networks.encode(total)));
        }
        long after = usedAfterGc();
        Reference.reachabilityFence(view);
        return (double) (after - before) / keys;
    }

    private static Availability position(String sku, String node, long at) {
        return Availability.newBuilder()
                .setEventId(sku + '|' + node + "|1")
                .setEventTime(Instant.ofEpochMilli(at))
                .setSku(sku)
                .setNodeId(node)
                .setNodeType(node.startsWith("DC") ? NodeType.DC : NodeType.STORE)
                .setOnHand(12)
                .setReserved(1)
                .setInTransit(0)
                .setInTransitByEta(List.of())
                .setSafetyStock(2)
                .setAtp(9)
                .setVersion(1)
                .setLastSource(SourceSystem.POS)
                .setLastEventId("e-" + Long.toString(at, 36))
                .setVelocityPerDay(1.5)
                .setDaysOfCover(6.0)
                .setProjected(
                        List.of(
                                new ProjectedAtp(24L, 8L),
                                new ProjectedAtp(72L, 5L),
                                new ProjectedAtp(168L, 0L)))
                .build();
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static final class Run {
        /** Between phases: the callers drain and report, the next phase's schedule starts. */
        private static final Duration GAP = Duration.ofSeconds(2);

        /** Time for the callers' JVM to start before its first phase. */
        private static final Duration CALLERS_START = Duration.ofSeconds(5);

        private final BenchSettings settings;
        private final Duration warmUp;
        private final Duration measured;
        private final List<Figure> figures = new ArrayList<>();
        private EventFeed feed;
        private GeneratorPublisher publisher;
        private AvailabilityWatcher topic;

        /** Each measured event's send time (nanoTime) and where its API freshness goes. */
        private final Map<String, Sent> sentEvents = new HashMap<>();

        private List<String> skus;
        private long sent;

        /** The service's, the engine's and the broker's collections. */
        private GcPauses[] gc;

        private record Sent(long nanos, LatencySamples apiFreshness) {}

        /** A phase of the run: lookups at {@code rate}, inventory events at {@code eventRate}. */
        private record Step(
                String name, double rate, double eventRate, boolean reported, boolean jobBehind) {}

        Run(BenchSettings settings) {
            this.settings = settings;
            warmUp = Duration.ofMillis(settings.size(3_000, 2_000));
            measured = Duration.ofMillis(settings.size(10_000, 3_000));
        }

        List<Figure> execute() throws Exception {
            NetworkConfig config = EndToEndLatencyBenchmark.network();
            CompletableFuture<EventFeed> generated =
                    CompletableFuture.supplyAsync(() -> new EventFeed(config));
            RetailNetwork network = RetailNetwork.build(config);
            skus =
                    network.skus().stream()
                            .sorted(Comparator.comparingDouble(Sku::popularity).reversed())
                            .limit(STOCKED_SKUS)
                            .map(Sku::id)
                            .toList();
            Path dir = settings.workDir().toAbsolutePath();
            try (ChildProcesses children = new ChildProcesses()) {
                int brokerJmx = ChildJvm.freePort();
                KafkaBrokerProcess broker =
                        children.add(
                                KafkaBrokerProcess.start(
                                        dir.resolve("kafka"),
                                        System.getProperty("java.class.path"),
                                        brokerJvmArgs(brokerJmx),
                                        START_TIMEOUT));
                String bootstrap = broker.bootstrapServers();
                TopicAdmin.createTopics(bootstrap, new Properties(), Topics.all(), PARTITIONS);
                feed = generated.get();
                int engineJmx = ChildJvm.freePort();
                LedgerProcess ledger =
                        children.add(
                                LedgerProcess.start(
                                        dir.resolve("engine"),
                                        engineJvmArgs(engineJmx),
                                        bootstrap,
                                        DeliveryMode.AT_LEAST_ONCE,
                                        CHECKPOINT_INTERVAL,
                                        settings.flinkOptions(),
                                        START_TIMEOUT));
                try (GeneratorPublisher p = new GeneratorPublisher(bootstrap, 0, null)) {
                    publisher = p;
                    for (GeneratedRecord node : feed.nodes()) {
                        publisher.send(node);
                        sent++;
                    }
                    publisher.flush();
                    ledger.awaitReady(sent, START_TIMEOUT);
                    stock(
                            network,
                            config.start().toEpochMilli() + EventFeed.OPENING_LOAD.toMillis());
                    publisher.flush();
                    ledger.awaitDone(sent, DRAIN_TIMEOUT);
                    int serviceJmx = ChildJvm.freePort();
                    ServiceProcess service =
                            children.add(
                                    ServiceProcess.start(
                                            dir.resolve("service"),
                                            serviceJvmArgs(serviceJmx),
                                            bootstrap,
                                            START_TIMEOUT));
                    service.awaitCaughtUp(START_TIMEOUT);
                    List<String> lookups = new ArrayList<>();
                    for (String sku : skus) {
                        for (NodeRecord node : network.nodes()) {
                            lookups.add("/v1/availability/" + sku + "/" + node.getNodeId());
                        }
                    }
                    try (GcPauses serviceGc =
                                    GcPauses.remote("service JVM", serviceJmx, START_TIMEOUT);
                            GcPauses engineGc =
                                    GcPauses.remote("engine JVM", engineJmx, START_TIMEOUT);
                            GcPauses brokerGc =
                                    GcPauses.remote("broker JVM", brokerJmx, START_TIMEOUT);
                            AvailabilityWatcher t = new AvailabilityWatcher(bootstrap, true)) {
                        gc = new GcPauses[] {serviceGc, engineGc, brokerGc};
                        topic = t;
                        measure(children, dir, broker, service, ledger, lookups);
                    }
                    publisher.flush();
                    // a process that died mid-run leaves figures of an idle one: fail instead
                    ledger.requireAlive();
                    service.requireAlive();
                    if (!broker.isAlive()) {
                        throw new IllegalStateException(
                                "the broker died during the run: " + broker);
                    }
                }
            }
            return figures;
        }

        /**
         * A warm-up phase, the baselines (the job taking no events), then each offered rate with
         * the job's load; the callers' JVM runs the lookups of each phase on the schedule chosen
         * here while this JVM sends the phase's inventory events.
         */
        private void measure(
                ChildProcesses children,
                Path dir,
                KafkaBrokerProcess broker,
                ServiceProcess service,
                LedgerProcess ledger,
                List<String> lookups)
                throws Exception {
            double load = loadAverage();
            List<Step> steps = new ArrayList<>();
            steps.add(new Step("warm-up", OFFERED[0], EVENTS_PER_SECOND, false, false));
            for (double rate : BASELINE_RATES) {
                steps.add(
                        new Step(
                                String.format("job idle, %,d req/s", (long) rate),
                                rate,
                                0,
                                true,
                                false));
            }
            for (double rate : OFFERED) {
                steps.add(
                        new Step(
                                String.format("%,d req/s", (long) rate),
                                rate,
                                EVENTS_PER_SECOND,
                                true,
                                false));
            }
            // last: lowering a priority cannot be undone without privilege
            steps.add(
                    new Step(
                            String.format(
                                    "%,d req/s, engine and broker at nice %d",
                                    (long) PRIORITIZED_RATE, NICE),
                            PRIORITIZED_RATE,
                            EVENTS_PER_SECOND,
                            true,
                            true));
            List<CallerProcess.Phase> phases = new ArrayList<>();
            long start = System.currentTimeMillis() + CALLERS_START.toMillis();
            for (Step step : steps) {
                CallerProcess.Phase phase =
                        new CallerProcess.Phase(step.rate(), start, warmUp, measured);
                phases.add(phase);
                start = phase.endEpochMillis() + GAP.toMillis();
            }
            CallerProcess callers =
                    children.add(
                            CallerProcess.start(
                                    dir.resolve("callers"),
                                    callersJvmArgs(),
                                    service.port(),
                                    CONNECTIONS,
                                    lookups,
                                    phases));
            LatencySamples topicFreshness = new LatencySamples();
            LatencySamples apiFreshness = new LatencySamples();
            Map<String, Double> idleP99 = new HashMap<>();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                CallerProcess.Phase phase = phases.get(i);
                if (step.jobBehind()) {
                    CpuPriority.lower(ledger.pid(), NICE);
                    CpuPriority.lower(broker.pid(), NICE);
                }
                boolean freshness = step.reported() && step.eventRate() > 0 && !step.jobBehind();
                GcPauses.Totals[] gcAtEnd = new GcPauses.Totals[gc.length];
                GcPauses.Totals[] gcAtStart =
                        events(
                                phase,
                                step.eventRate(),
                                freshness ? topicFreshness : null,
                                freshness ? apiFreshness : null,
                                gcAtEnd);
                CallerProcess.PhaseResult result = callers.await(i, DRAIN_TIMEOUT);
                ledger.requireAlive();
                service.requireAlive();
                load = Math.max(load, loadAverage());
                if (step.reported()) {
                    report(step.name(), result, gcAtStart, gcAtEnd);
                    if (step.eventRate() == 0) {
                        idleP99.put(String.format("%,d req/s", (long) step.rate()), result.p99());
                    } else if (idleP99.containsKey(step.name())) {
                        figures.add(
                                new Figure(
                                        step.name() + ": p99 with the job's load / p99 job idle",
                                        "ratio",
                                        result.p99() / idleP99.get(step.name())));
                    }
                }
            }
            // the last events' records: wait for both readers before reading the figures
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                matchApplied(service.appliedNanos());
                if (apiFreshness.size() >= topicFreshness.size()) {
                    break;
                }
                Thread.sleep(100);
            }
            for (double p : new double[] {50, 99}) {
                figures.add(
                        new Figure(
                                "freshness event -> topic " + name(p),
                                "ms",
                                topicFreshness.percentileMillis(p)));
                figures.add(
                        new Figure(
                                "freshness event -> API " + name(p),
                                "ms",
                                apiFreshness.percentileMillis(p)));
            }
            figures.add(
                    new Figure(
                            "freshness p99: API - topic",
                            "ms",
                            apiFreshness.percentileMillis(99)
                                    - topicFreshness.percentileMillis(99)));
            figures.add(new Figure("freshness samples (topic)", "count", topicFreshness.size()));
            figures.add(new Figure("freshness samples (API)", "count", apiFreshness.size()));
            figures.add(new Figure("machine load average (1 min, highest seen)", "runnable", load));
        }

        /** Moves the events the service has applied from {@link #sentEvents} into their samples. */
        private void matchApplied(Map<String, Long> applied) {
            var it = sentEvents.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                Long at = applied.get(e.getKey());
                if (at != null) {
                    e.getValue().apiFreshness().add(at - e.getValue().nanos());
                    it.remove();
                }
            }
        }

        private void report(
                String phase,
                CallerProcess.PhaseResult result,
                GcPauses.Totals[] gcAtStart,
                GcPauses.Totals[] gcAtEnd) {
            figures.add(
                    new Figure(
                            phase + ": achieved (answered / first send to last answer)",
                            "req/s",
                            result.achieved()));
            figures.add(new Figure(phase + ": lookup latency p50", "ms", result.p50()));
            figures.add(new Figure(phase + ": lookup latency p99", "ms", result.p99()));
            figures.add(new Figure(phase + ": lookup latency p99.9", "ms", result.p999()));
            figures.add(new Figure(phase + ": failed or non-200", "count", result.failed()));
            GcPauses.Totals service = gcAtEnd[0].minus(gcAtStart[0]);
            figures.add(new Figure(phase + ": GC pause time, service JVM", "ms", service.millis()));
            figures.add(new Figure(phase + ": GC pauses, service JVM", "count", service.count()));
            figures.add(
                    new Figure(phase + ": GC pause time, callers JVM", "ms", result.gcMillis()));
            figures.add(
                    new Figure(
                            phase + ": longest GC pause, callers JVM",
                            "ms",
                            result.longestGcMillis()));
            figures.add(
                    new Figure(
                            phase + ": GC pause time, engine JVM",
                            "ms",
                            gcAtEnd[1].minus(gcAtStart[1]).millis()));
            figures.add(
                    new Figure(
                            phase + ": GC pause time, broker JVM",
                            "ms",
                            gcAtEnd[2].minus(gcAtStart[2]).millis()));
        }

        /** Stop-the-world collections so far of the service, engine and broker JVMs. */
        private GcPauses.Totals[] gcTotals() {
            GcPauses.Totals[] totals = new GcPauses.Totals[gc.length];
            for (int i = 0; i < gc.length; i++) {
                totals[i] = gc[i].totals();
            }
            return totals;
        }

        private static String name(double p) {
            return p == Math.rint(p) ? "p" + (int) p : "p" + p;
        }

        /**
         * The phase's inventory events at {@code eventRate} on a fixed schedule, beside the
         * callers' lookups; the collections of the other JVMs are read at the start of the measured
         * part (returned) and at its end (into {@code gcAtEnd}). Events sent in the measured part
         * give freshness samples.
         */
        private GcPauses.Totals[] events(
                CallerProcess.Phase phase,
                double eventRate,
                LatencySamples topicFreshness,
                LatencySamples apiFreshness,
                GcPauses.Totals[] gcAtEnd)
                throws InterruptedException {
            long start =
                    System.nanoTime()
                            + (phase.startEpochMillis() - System.currentTimeMillis()) * 1_000_000L;
            long measureFrom = start + phase.warmUp().toNanos();
            long end = measureFrom + phase.measured().toNanos();
            double interval = eventRate > 0 ? 1e9 / eventRate : Double.MAX_VALUE;
            GcPauses.Totals[] gcAtStart = null;
            for (long e = 0; ; e++) {
                long due = eventRate > 0 ? start + (long) (e * interval) : end;
                if (gcAtStart == null && due >= measureFrom) {
                    parkUntil(measureFrom);
                    gcAtStart = gcTotals();
                }
                if (due >= end) {
                    break;
                }
                parkUntil(due);
                boolean measuring = due >= measureFrom;
                EventFeed.Event event = feed.next();
                topic.expect(event.eventId(), due, measuring ? topicFreshness : null);
                if (measuring && apiFreshness != null) {
                    sentEvents.put(event.eventId(), new Sent(due, apiFreshness));
                }
                publisher.send(event.record());
                sent++;
            }
            parkUntil(end);
            System.arraycopy(gcTotals(), 0, gcAtEnd, 0, gc.length);
            return gcAtStart;
        }

        private static void parkUntil(long due) {
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }

        /** 1,000 units of each stocked SKU received at every node, at {@code time}. */
        private void stock(RetailNetwork network, long time) {
            AvroCodec<WmsEvent> wms = Topics.WMS.codec();
            for (String sku : skus) {
                for (NodeRecord node : network.nodes()) {
                    WmsEvent receipt =
                            WmsEvent.newBuilder()
                                    .setEventId("bench-stock-" + sku + "-" + node.getNodeId())
                                    .setEventTime(Instant.ofEpochMilli(time))
                                    .setSku(sku)
                                    .setNodeId(node.getNodeId())
                                    .setType(WmsEventType.RECEIPT)
                                    .setQuantity(1_000)
                                    .build();
                    publisher.send(
                            new GeneratedRecord(
                                    Topics.WMS.name(),
                                    sku,
                                    wms.encode(receipt),
                                    time,
                                    GeneratedRecord.Kind.VALID,
                                    null,
                                    time));
                    sent++;
                }
            }
        }

        private static double loadAverage() {
            try {
                String[] parts =
                        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                                .split(" ");
                return Double.parseDouble(parts[0]);
            } catch (java.io.IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
    }
}
