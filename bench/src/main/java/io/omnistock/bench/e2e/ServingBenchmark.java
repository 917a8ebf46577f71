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
import io.omnistock.serving.AvailabilityService;
import io.omnistock.serving.AvailabilityView;
import io.omnistock.serving.StoredRecord;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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

    /** Nodes per SKU in the memory measurement: the default generated network's 55. */
    private static final int NODES_PER_SKU = 55;

    @Override
    public String name() {
        return "serving";
    }

    @Override
    public String description() {
        return """
                The availability service (`serving`, JDK HttpServer, 8 worker threads) in the \
                benchmark's JVM beside the real ledger job (`EngineJob`, local MiniCluster, \
                parallelism 2, RocksDB, AT_LEAST_ONCE, checkpoints every 5 s) on a KRaft broker \
                (4 partitions per topic). **Processes**, as deployed (the service runs as \
                `./omnistock-serve`, the engine on a Flink cluster): the broker in a JVM of its \
                own (`kafka.Kafka`, Kafka's script defaults: `-Xmx1g -Xms1g`, G1 with \
                `MaxGCPauseMillis=20`), the engine in another (`-Xmx2g`, G1; progress read from \
                a file it rewrites every 20 ms from the job's accumulators), and the service, \
                the lookup clients, the event producer and the freshness consumers in the \
                benchmark's JVM (`./omnistock-bench`'s `-Xmx6g`, G1 by default; \
                `./omnistock-serve` runs the service with `-Xmx1g`): all on the same 2 cores. \
                Earlier runs put all of them in one JVM, where the engine's and the broker's young \
                collections stopped the service's threads too: a cost no deployment pays. \
                **Keys**: 1,000 units of each of the 200 \
                most popular SKUs received at every node of the default network (11,000 \
                positions) before the service starts; it is ready (caught up) before measuring. \
                **Lookups**: `GET /v1/availability/{sku}/{node}` of a random stocked position, \
                16 kept-alive HTTP/1.1 connections (plain sockets, one thread each, fed from one queue in schedule order), open loop on a fixed schedule at \
                500, 2,000 and 5,000 req/s, each phase measured after a warm-up, while the job \
                takes 2,000 inventory events/s of the generated stream; **baselines**: 2,000 \
                and 5,000 req/s first while the job takes no events (same service, same run). \
                **Achieved** = lookups answered / (last answer - first measured send). **Latency** = response \
                body read minus the request's scheduled send (System.nanoTime, one JVM): a wait \
                for a free connection included. Non-200 answers and failures are counted, not \
                sampled. **GC** per phase, from the first measured send to the last answer: \
                stop-the-world collection time (G1 young, mixed and full, from each JVM's \
                GarbageCollectorMXBeans; the children's over JMX on localhost) of the bench JVM \
                (with their count and the longest pause, which stops the service) and of the \
                engine's and the broker's JVMs (which no longer stop it). **Freshness**, same events, same run: event scheduled send -> the first \
                availability record naming it (`lastEventId`) returned by a `read_committed` \
                consumer `poll` (topic), and -> that record applied to the service's view, from \
                which the next lookup answers (API; the lookup's own latency is the figure \
                above). **Memory**: heap used after GC before and after holding N positions \
                (55 per SKU, plus one network record per SKU) in an `AvailabilityView`, records \
                with 3 projected horizons as the job writes them, divided by N. **Targets**: \
                lookup p99 <= 5 ms at 2,000 req/s beside the engine on 2 cores; freshness p99 \
                within 50 ms of the topic's. Producer, broker, job, service and client share \
                the machine's cores. Quick: 100k keys, warm-ups of 2 s and 3 s measured per \
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

    /**
     * A fixed pool of HTTP/1.1 keep-alive connections, one thread each, taking lookups from one
     * queue in schedule order: bounded connections, and a lookup waiting for a free connection
     * counts the wait (latency runs from the scheduled send).
     */
    private static final class LookupClients implements AutoCloseable {
        private record Lookup(String path, java.util.function.Consumer<Boolean> done) {}

        private final java.util.concurrent.BlockingQueue<Lookup> queue =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private final List<Thread> threads = new ArrayList<>();
        private final int port;
        private volatile boolean running = true;

        LookupClients(int port, int connections) {
            this.port = port;
            for (int i = 0; i < connections; i++) {
                Thread t = new Thread(this::work, "bench-lookup-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        void submit(String path, java.util.function.Consumer<Boolean> done) {
            queue.add(new Lookup(path, done));
        }

        private void work() {
            java.net.Socket socket = null;
            java.io.InputStream in = null;
            while (running) {
                Lookup l;
                try {
                    l = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (l == null) {
                    continue;
                }
                boolean ok = false;
                try {
                    if (socket == null) {
                        socket = new java.net.Socket("localhost", port);
                        socket.setTcpNoDelay(true);
                        in = new java.io.BufferedInputStream(socket.getInputStream(), 16_384);
                    }
                    ok = get(socket, in, l.path()) == 200;
                } catch (java.io.IOException e) {
                    closeQuietly(socket);
                    socket = null;
                }
                l.done().accept(ok);
            }
            closeQuietly(socket);
        }

        /** One GET on a kept-alive connection; reads the whole answer; returns the status. */
        private static int get(java.net.Socket socket, java.io.InputStream in, String path)
                throws java.io.IOException {
            java.io.OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder head = new StringBuilder(256);
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new java.io.EOFException("connection closed");
                }
                head.append((char) b);
            }
            String[] lines = head.toString().split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            int length = 0;
            for (String line : lines) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            if (in.readNBytes(length).length < length) {
                throw new java.io.EOFException("connection closed in a body");
            }
            return status;
        }

        private static void closeQuietly(java.net.Socket s) {
            if (s != null) {
                try {
                    s.close();
                } catch (java.io.IOException e) {
                    // closing anyway
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(5_000);
            }
        }
    }

    /** The service's view: each record applied, matched by {@code lastEventId}. */
    private static final class ServedWatcher {
        private record Expected(long sentNanos, LatencySamples samples) {}

        private final Map<String, Expected> expected = new ConcurrentHashMap<>();

        void expect(String eventId, long sentNanos, LatencySamples samples) {
            expected.put(eventId, new Expected(sentNanos, samples));
        }

        void applied(Availability a) {
            Expected e = expected.remove(a.getLastEventId());
            if (e != null && e.samples() != null) {
                e.samples().add(System.nanoTime() - e.sentNanos());
            }
        }
    }

    private static final class Run {
        private final BenchSettings settings;
        private final Duration warmUp;
        private final Duration measured;
        private final List<Figure> figures = new ArrayList<>();
        private final SplittableRandom rng = new SplittableRandom(42);
        private final AtomicLong outstanding = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong lastAnswered = new AtomicLong();
        private LookupClients clients;
        private EventFeed feed;
        private GeneratorPublisher publisher;
        private AvailabilityWatcher topic;
        private final ServedWatcher served = new ServedWatcher();
        private List<String> skus;
        private List<String> lookups;
        private long sent;
        private LedgerProcess engine;

        /** The bench JVM's collections (the service's), the engine's and the broker's. */
        private GcPauses[] gc;

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
                try (GeneratorPublisher p = new GeneratorPublisher(bootstrap, 0, null);
                        GcPauses benchGc = GcPauses.local();
                        GcPauses engineGc =
                                GcPauses.remote("engine JVM", engineJmx, START_TIMEOUT);
                        GcPauses brokerGc =
                                GcPauses.remote("broker JVM", brokerJmx, START_TIMEOUT)) {
                    publisher = p;
                    gc = new GcPauses[] {benchGc, engineGc, brokerGc};
                    engine = ledger;
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
                    try (AvailabilityService service =
                                    AvailabilityService.start(
                                            AvailabilityService.Settings.of(bootstrap, 0));
                            AvailabilityWatcher t = new AvailabilityWatcher(bootstrap, true)) {
                        topic = t;
                        service.onPositionApplied(served::applied);
                        awaitCaughtUp(service);
                        lookups = new ArrayList<>();
                        for (String sku : skus) {
                            for (NodeRecord node : network.nodes()) {
                                lookups.add("/v1/availability/" + sku + "/" + node.getNodeId());
                            }
                        }
                        try (LookupClients c = new LookupClients(service.port(), CONNECTIONS)) {
                            clients = c;
                            measure();
                        }
                    }
                    publisher.flush();
                    // a job that died mid-run leaves figures of an idle job: fail the run instead
                    ledger.requireAlive();
                    if (!broker.isAlive()) {
                        throw new IllegalStateException(
                                "the broker died during the run: " + broker);
                    }
                }
            }
            return figures;
        }

        private void measure() throws Exception {
            double load = loadAverage();
            paced(
                    System.nanoTime(),
                    OFFERED[0],
                    EVENTS_PER_SECOND,
                    warmUp,
                    Duration.ZERO,
                    null,
                    null,
                    null);
            awaitOutstanding();
            // the baselines: the same lookups while the job takes no events
            Map<Double, LatencySamples> idle = new java.util.HashMap<>();
            for (double rate : BASELINE_RATES) {
                LatencySamples samples = new LatencySamples();
                idle.put(rate, samples);
                phase(
                        String.format("job idle, %,d req/s", (long) rate),
                        rate,
                        0,
                        samples,
                        null,
                        null);
            }
            LatencySamples topicFreshness = new LatencySamples();
            LatencySamples apiFreshness = new LatencySamples();
            for (double rate : OFFERED) {
                LatencySamples latency = new LatencySamples();
                String phase = String.format("%,d req/s", (long) rate);
                phase(phase, rate, EVENTS_PER_SECOND, latency, topicFreshness, apiFreshness);
                load = Math.max(load, loadAverage());
                if (idle.containsKey(rate)) {
                    figures.add(
                            new Figure(
                                    phase + ": p99 with the job's load / p99 job idle",
                                    "ratio",
                                    latency.percentileMillis(99)
                                            / idle.get(rate).percentileMillis(99)));
                }
            }
            // the last events' records: wait for both readers before reading the figures
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && apiFreshness.size() < topicFreshness.size()) {
                Thread.sleep(20);
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

        /** One measured phase and its figures. */
        private void phase(
                String phase,
                double rate,
                double eventRate,
                LatencySamples latency,
                LatencySamples topicFreshness,
                LatencySamples apiFreshness)
                throws Exception {
            failed.set(0);
            long start = System.nanoTime();
            long gcFrom = start + warmUp.toNanos();
            // each JVM's collections from the first measured send, taken off the pacing thread
            java.util.concurrent.atomic.AtomicReference<GcPauses.Totals[]> gcAtStart =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Thread snapshot =
                    new Thread(
                            () -> {
                                long wait;
                                while ((wait = gcFrom - System.nanoTime()) > 0) {
                                    LockSupport.parkNanos(wait);
                                }
                                gc[0].resetLongest();
                                gcAtStart.set(gcTotals());
                            },
                            "bench-gc-snapshot");
            snapshot.setDaemon(true);
            snapshot.start();
            long measureFrom =
                    paced(
                            start,
                            rate,
                            eventRate,
                            warmUp,
                            measured,
                            latency,
                            topicFreshness,
                            apiFreshness);
            awaitOutstanding();
            GcPauses.Totals[] gcAtEnd = gcTotals();
            double longestPause = gc[0].longestMillis();
            snapshot.join();
            engine.requireAlive();
            figures.add(
                    new Figure(
                            phase + ": achieved (answered / first send to last answer)",
                            "req/s",
                            latency.size() / ((lastAnswered.get() - measureFrom) / 1e9)));
            for (double p : PERCENTILES) {
                figures.add(
                        new Figure(
                                phase + ": lookup latency " + name(p),
                                "ms",
                                latency.percentileMillis(p)));
            }
            figures.add(new Figure(phase + ": failed or non-200", "count", failed.get()));
            GcPauses.Totals bench = gcAtEnd[0].minus(gcAtStart.get()[0]);
            figures.add(new Figure(phase + ": GC pause time, bench JVM", "ms", bench.millis()));
            figures.add(new Figure(phase + ": GC pauses, bench JVM", "count", bench.count()));
            figures.add(new Figure(phase + ": longest GC pause, bench JVM", "ms", longestPause));
            figures.add(
                    new Figure(
                            phase + ": GC pause time, engine JVM",
                            "ms",
                            gcAtEnd[1].minus(gcAtStart.get()[1]).millis()));
            figures.add(
                    new Figure(
                            phase + ": GC pause time, broker JVM",
                            "ms",
                            gcAtEnd[2].minus(gcAtStart.get()[2]).millis()));
        }

        /** Stop-the-world collections so far of the bench, engine and broker JVMs. */
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
         * Lookups at {@code lookupRate} and inventory events at {@code eventRate} on two fixed
         * schedules from {@code start} for {@code warm} plus {@code measure}; what is scheduled
         * after the warm-up is measured.
         */
        private long paced(
                long start,
                double lookupRate,
                double eventRate,
                Duration warm,
                Duration measure,
                LatencySamples latency,
                LatencySamples topicFreshness,
                LatencySamples apiFreshness) {
            double lookupInterval = 1e9 / lookupRate;
            double eventInterval = eventRate > 0 ? 1e9 / eventRate : Double.MAX_VALUE;
            long measureFrom = start + warm.toNanos();
            long end = measureFrom + measure.toNanos();
            long l = 0;
            long e = 0;
            while (true) {
                long lookupDue = start + (long) (l * lookupInterval);
                long eventDue = eventRate > 0 ? start + (long) (e * eventInterval) : Long.MAX_VALUE;
                long due = Math.min(lookupDue, eventDue);
                if (due >= end) {
                    return measureFrom;
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                boolean measuring = due >= measureFrom;
                if (eventDue < lookupDue) {
                    EventFeed.Event event = feed.next();
                    topic.expect(event.eventId(), eventDue, measuring ? topicFreshness : null);
                    served.expect(event.eventId(), eventDue, measuring ? apiFreshness : null);
                    publisher.send(event.record());
                    sent++;
                    e++;
                } else {
                    lookup(lookupDue, measuring ? latency : null);
                    l++;
                }
            }
        }

        private void lookup(long due, LatencySamples samples) {
            String path = lookups.get(rng.nextInt(lookups.size()));
            outstanding.incrementAndGet();
            clients.submit(
                    path,
                    ok -> {
                        long now = System.nanoTime();
                        long took = now - due;
                        lastAnswered.accumulateAndGet(now, Math::max);
                        if (samples != null) {
                            if (ok) {
                                samples.add(took);
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                        outstanding.decrementAndGet();
                    });
        }

        private void awaitOutstanding() throws Exception {
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (outstanding.get() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(outstanding.get() + " lookups still unanswered");
                }
                Thread.sleep(5);
            }
        }

        private static void awaitCaughtUp(AvailabilityService service) throws Exception {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!service.caughtUp()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the service did not catch up");
                }
                Thread.sleep(20);
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
