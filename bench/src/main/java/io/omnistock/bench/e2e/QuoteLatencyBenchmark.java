package io.omnistock.bench.e2e;

import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.QuoteStatus;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.bench.BenchSettings;
import io.omnistock.bench.Benchmark;
import io.omnistock.bench.Figure;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.Topics;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratorPublisher;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailNetwork;
import io.omnistock.generator.Sku;
import io.omnistock.testing.EmbeddedKafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * Quote request to response visible: 1,000 quotes/s through the real ledger job on the embedded
 * broker, first alone (the baseline), then alongside a steady stream of inventory events.
 */
public final class QuoteLatencyBenchmark implements Benchmark {
    static final double QUOTES_PER_SECOND = 1_000;

    /** The background load: about a quarter of the job's flat-out rate (bench/RESULTS.md). */
    static final double EVENTS_PER_SECOND = 4_000;

    private static final int PARTITIONS = 4;
    private static final int STOCKED_SKUS = 200;
    private static final int STOCK_UNITS = 1_000;
    private static final double[] PERCENTILES = {50, 99, 99.9};
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "quotes";
    }

    @Override
    public String description() {
        return """
                Delivery-options quote latency: a producer (acks=all, linger 5 ms) -> \
                `quotes.requests` on the embedded KRaft broker (4 partitions per topic) -> the \
                real ledger job (`EngineJob`, local MiniCluster, parallelism 2, RocksDB, \
                AT_LEAST_ONCE, checkpoints every 5 s) -> `quotes.responses` -> a consumer \
                (`read_uncommitted`). Each quote is probed through the SKU-keyed ledger like an \
                order and answered at routing with every feasible option. **Network**: the \
                default generated one (50 stores, 3 DCs, 2 3PLs); 1,000 units of each of the 200 \
                most popular SKUs received at every node before the run. **Quotes**: 1 to 3 \
                distinct SKUs of those 200, 1 or 2 units each, to a point within about 5 km of a \
                random store, BALANCED (so home, ship-from-store, same-day and the stores within \
                25 km for pickup are all planned), 1,000 quotes/s on a fixed schedule (open loop, \
                timed from the scheduled send). **Phases** on one job: warm-up 5 s at 500 \
                quotes/s then 5 s at 1,000 (a cold job answers slower), then **alone** (the baseline: quotes only) and **with load** (the same quotes + 4,000 \
                inventory events/s of the generated stream, about a quarter of the job's \
                flat-out rate in `end-to-end`), each 8 s measured after its warm-up (2 s before \
                with load). **Latency** = the consumer's `poll` returning the response naming the \
                quote's event id, minus the quote's scheduled send (System.nanoTime, one JVM). \
                Percentiles nearest-rank. **Target**: p99 <= 50 ms at 1,000 quotes/s alongside \
                the normal event load. Producer, broker, job and consumer share the machine's \
                cores; `machine load average` is the 1-minute load of the whole machine (2 cores), \
                other users' work included. Quick: warm-ups of 2 s, 3 s measured per phase.""";
    }

    @Override
    public List<Figure> runOnce(BenchSettings settings) throws Exception {
        return new Run(settings).execute();
    }

    private static final class Run {
        private final BenchSettings settings;
        private final Duration warmUp;
        private final Duration measured;
        private final Duration loadWarmUp;
        private final List<Figure> figures = new ArrayList<>();
        private final SplittableRandom rng = new SplittableRandom(42);
        private final AvroCodec<QuoteRequest> quotes = Topics.QUOTE_REQUESTS.codec();
        private EventFeed feed;
        private GeneratorPublisher publisher;
        private QuoteWatcher watcher;
        private List<String> skus;
        private List<NodeRecord> stores;

        /** Records handed to the producer. */
        private long sent;

        private long quotesSent;

        /** Event time of the latest inventory record sent: quotes are stamped with it. */
        private long clock;

        Run(BenchSettings settings) {
            this.settings = settings;
            warmUp = Duration.ofMillis(settings.size(5_000, 2_000));
            loadWarmUp = Duration.ofMillis(settings.size(2_000, 1_000));
            measured = Duration.ofMillis(settings.size(8_000, 3_000));
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
            stores = network.nodesOfType(NodeType.STORE);
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                    LedgerRun.Cluster cluster =
                            new LedgerRun.Cluster(
                                    settings.workDir().toAbsolutePath(), settings.flinkOptions())) {
                String bootstrap = broker.bootstrapServers();
                TopicAdmin.createTopics(bootstrap, new Properties(), Topics.all(), PARTITIONS);
                feed = generated.get();
                try (GeneratorPublisher p = new GeneratorPublisher(bootstrap, 0, null);
                        LedgerRun ledger =
                                cluster.submit(
                                        bootstrap,
                                        DeliveryMode.AT_LEAST_ONCE,
                                        CHECKPOINT_INTERVAL);
                        QuoteWatcher w = new QuoteWatcher(bootstrap)) {
                    publisher = p;
                    watcher = w;
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

                    double load = loadAverage();
                    // a cold job (JIT, fresh RocksDB) answers slower: ramp up at half the rate
                    paced(QUOTES_PER_SECOND / 2, 0, warmUp, Duration.ZERO, null);
                    paced(QUOTES_PER_SECOND, 0, warmUp, Duration.ZERO, null);
                    LatencySamples alone = new LatencySamples();
                    paced(QUOTES_PER_SECOND, 0, Duration.ZERO, measured, alone);
                    LatencySamples withLoad = new LatencySamples();
                    paced(QUOTES_PER_SECOND, EVENTS_PER_SECOND, loadWarmUp, measured, withLoad);
                    load = Math.max(load, loadAverage());
                    publisher.flush();
                    ledger.awaitDone(sent, DRAIN_TIMEOUT);
                    watcher.awaitRecords(quotesSent, DRAIN_TIMEOUT);

                    figures.add(new Figure("offered quotes", "quotes/s", QUOTES_PER_SECOND));
                    figures.add(
                            new Figure("with load: offered events", "events/s", EVENTS_PER_SECOND));
                    add("alone", alone);
                    add("with load", withLoad);
                    figures.add(
                            new Figure(
                                    "p99 with load / p99 alone",
                                    "ratio",
                                    withLoad.percentileMillis(99) / alone.percentileMillis(99)));
                    long answered =
                            watcher.count(QuoteStatus.OK)
                                    + watcher.count(QuoteStatus.UNAVAILABLE)
                                    + watcher.count(QuoteStatus.ERROR);
                    figures.add(
                            new Figure(
                                    "quotes answered OK",
                                    "ratio",
                                    (double) watcher.count(QuoteStatus.OK) / answered));
                    figures.add(
                            new Figure(
                                    "options per OK quote",
                                    "options",
                                    watcher.optionsPerAnsweredQuote()));
                    figures.add(
                            new Figure(
                                    "machine load average (1 min, higher of start and end)",
                                    "runnable",
                                    load));
                }
            }
            return figures;
        }

        private void add(String phase, LatencySamples samples) {
            for (double p : PERCENTILES) {
                String name = p == Math.rint(p) ? "p" + (int) p : "p" + p;
                figures.add(
                        new Figure(
                                phase + ": quote latency " + name,
                                "ms",
                                samples.percentileMillis(p)));
            }
            figures.add(new Figure(phase + ": samples", "count", samples.size()));
        }

        /** {@link #STOCK_UNITS} of each stocked SKU received at every node, at {@code time}. */
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
                                    .setQuantity(STOCK_UNITS)
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
            clock = time;
        }

        /**
         * Sends quotes at {@code quoteRate} and inventory events at {@code eventRate} on two fixed
         * schedules for {@code warmUp} plus {@code measure}; the latency of the quotes scheduled
         * after the warm-up goes to {@code samples}.
         */
        private void paced(
                double quoteRate,
                double eventRate,
                Duration warmUp,
                Duration measure,
                LatencySamples samples) {
            double quoteInterval = 1e9 / quoteRate;
            double eventInterval = eventRate > 0 ? 1e9 / eventRate : Double.MAX_VALUE;
            long start = System.nanoTime();
            long measureFrom = start + warmUp.toNanos();
            long end = measureFrom + measure.toNanos();
            long q = 0;
            long e = 0;
            while (true) {
                long quoteDue = start + (long) (q * quoteInterval);
                long eventDue = eventRate > 0 ? start + (long) (e * eventInterval) : Long.MAX_VALUE;
                long due = Math.min(quoteDue, eventDue);
                if (due >= end) {
                    return;
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (eventDue < quoteDue) {
                    EventFeed.Event event = feed.next();
                    clock = Math.max(clock, event.record().eventTime());
                    publisher.send(event.record());
                    e++;
                } else {
                    QuoteRequest quote = quote();
                    watcher.expect(
                            quote.getEventId(), quoteDue, quoteDue >= measureFrom ? samples : null);
                    publisher.send(
                            new GeneratedRecord(
                                    Topics.QUOTE_REQUESTS.name(),
                                    quote.getRequestId(),
                                    quotes.encode(quote),
                                    clock,
                                    GeneratedRecord.Kind.VALID,
                                    null,
                                    clock));
                    quotesSent++;
                    q++;
                }
                sent++;
            }
        }

        /**
         * The 1-minute load average of the machine (other work on it shows here); NaN if unknown.
         */
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

        private QuoteRequest quote() {
            int lines = 1 + rng.nextInt(3);
            List<OrderLine> cart = new ArrayList<>(lines);
            List<String> picked = new ArrayList<>(lines);
            while (picked.size() < lines) {
                String sku = skus.get(rng.nextInt(skus.size()));
                if (!picked.contains(sku)) {
                    picked.add(sku);
                    cart.add(new OrderLine(sku, 1 + rng.nextInt(2)));
                }
            }
            NodeRecord store = stores.get(rng.nextInt(stores.size()));
            String id = "bench-quote-" + quotesSent;
            return QuoteRequest.newBuilder()
                    .setEventId(id)
                    .setEventTime(Instant.ofEpochMilli(clock))
                    .setRequestId(id)
                    .setChannel("WEB")
                    .setLines(cart)
                    .setDestinationLatitude(store.getLatitude() + (rng.nextDouble() - 0.5) * 0.09)
                    .setDestinationLongitude(store.getLongitude() + (rng.nextDouble() - 0.5) * 0.14)
                    .setPreference(RoutingPreference.BALANCED)
                    .build();
        }
    }
}
