package io.omnistock.demo;

import io.omnistock.analytics.AnalyticsJob;
import io.omnistock.analytics.MetricsOptions;
import io.omnistock.avro.AlertType;
import io.omnistock.avro.Availability;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.ProjectedAtp;
import io.omnistock.connectors.KafkaOptions;
import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.Topics;
import io.omnistock.demo.report.MetricsReport;
import io.omnistock.demo.report.MetricsSeries;
import io.omnistock.engine.EngineJob;
import io.omnistock.engine.functions.LedgerMetrics;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratorPublisher;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.OrderGenerator;
import io.omnistock.generator.QuoteGenerator;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.testing.EmbeddedKafkaBroker;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * README command 1: a real Kafka broker in this JVM, the ledger job and the analytics job (the
 * metric windows) on local Flink with RocksDB, and a generated retail network feeding it inventory
 * events, customer orders and their lifecycle, with live progress (ledger and routing) until {@code
 * --duration} has passed or Ctrl-C.
 */
public final class DemoMain {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    /**
     * How long the demo waits after the generator stops for the requests in flight: a decision
     * waits for at most two checkpoints (5 s apart) once the job has caught up.
     */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

    /** Decisions/s is measured over this much recent time (they come in bursts per checkpoint). */
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    /**
     * The rates records are offered at and taken in at, for the backlog's verdict, are measured
     * over this much recent time (the backlog read from committed offsets moves once per
     * checkpoint).
     */
    private static final Duration BACKLOG_RATE_WINDOW = Duration.ofSeconds(20);

    /** The generated timeline ends now: events are never stamped in the future. */
    private static final Duration SIMULATED_HISTORY = Duration.ofDays(7);

    /** Share of delivered orders some of whose lines come back, graded, to be triaged. */
    private static final double ORDER_RETURN_RATE = 0.10;

    /** Written at the end of the run, in the working directory. */
    private static final Path REPORT = Path.of("omnistock-report.html");

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (DemoOptions.UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        LiveConsole console = LiveConsole.install();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stop.countDown();
                                    awaitQuietly(stopped);
                                }));
        try {
            new DemoMain(console).run(options, stop);
        } finally {
            stopped.countDown();
        }
        System.exit(0);
    }

    private final LiveConsole console;

    private DemoMain(LiveConsole console) {
        this.console = console;
    }

    private void run(DemoOptions options, CountDownLatch stop) throws Exception {
        String log = System.getProperty("omnistock.demo.log");
        if (log != null && !options.verbose()) {
            System.out.printf(
                    "Kafka's and Flink's log: %s (--verbose shows it here too)%n",
                    Path.of(log).toAbsolutePath().normalize());
        }
        System.out.println("OmniStock demo: starting a Kafka broker (KRaft) in this JVM...");
        Path checkpoints = Files.createTempDirectory("omnistock-demo-checkpoints");
        try (EmbeddedKafkaBroker broker = startBroker(options.port(), options.verbose())) {
            run(options, stop, broker, checkpoints);
        } finally {
            deleteRecursively(checkpoints);
        }
    }

    private void run(
            DemoOptions options, CountDownLatch stop, EmbeddedKafkaBroker broker, Path checkpoints)
            throws Exception {
        String bootstrap = broker.bootstrapServers();
        TopicAdmin.createTopics(bootstrap, new Properties(), Topics.all(), 4);
        System.out.printf(
                "Kafka is up at %s. Attach any consumer, e.g.%n"
                        + "  kafka-console-consumer.sh --bootstrap-server %s --topic %s"
                        + " --isolation-level read_committed --from-beginning%n",
                bootstrap, bootstrap, Topics.AVAILABILITY.name());

        Configuration conf = jobConfiguration(options, bootstrap, checkpoints);
        StreamExecutionEnvironment env = EngineJob.environment(conf);
        EngineJob.build(env, conf);
        JobClient job = env.executeAsync(EngineJob.JOB_NAME);
        System.out.printf(
                "Engine job %s running on local Flink (parallelism %d, RocksDB, %s).%n",
                job.getJobID(), options.parallelism(), options.deliveryMode());
        // The metric windows are a job of their own, reading the ledger job's topics.
        Configuration analyticsConf = analyticsConfiguration(conf);
        StreamExecutionEnvironment analyticsEnv = AnalyticsJob.environment(analyticsConf);
        AnalyticsJob.build(analyticsEnv, analyticsConf);
        JobClient analytics = analyticsEnv.executeAsync(AnalyticsJob.JOB_NAME);
        System.out.printf(
                "Analytics job %s running on local Flink (the metric windows).%n",
                analytics.getJobID());

        NetworkConfig network = networkConfig(options);
        System.out.printf(
                "Generating %d stores, %d DCs, %d 3PLs, %,d SKUs and %s orders per store hour"
                        + " at %s events/s (simulated %s -> now).%n%n",
                network.stores(),
                network.dcs(),
                network.threePls(),
                network.skus(),
                network.ordersPerStoreHour(),
                options.eventsPerSecond() == 0 ? "max" : options.eventsPerSecond(),
                network.start());

        PendingOrders pendingOrders = new PendingOrders();
        try (GeneratorPublisher publisher =
                        new GeneratorPublisher(bootstrap, options.eventsPerSecond(), null);
                OutputWatcher watcher = new OutputWatcher(bootstrap, pendingOrders);
                ConsumerLag lag =
                        new ConsumerLag(
                                bootstrap, conf.get(KafkaOptions.GROUP_ID), Topics.LEDGER_INPUTS);
                ConsumerLag analyticsLag =
                        new ConsumerLag(
                                bootstrap,
                                analyticsConf.get(KafkaOptions.GROUP_ID),
                                Topics.ANALYTICS_INPUTS);
                DemoServing serving = DemoServing.start(bootstrap, options.servePort())) {
            watcher.start();
            AtomicBoolean generating = new AtomicBoolean(true);
            Iterator<GeneratedRecord> records =
                    OrderGenerator.interleave(
                            RetailEventGenerator.stream(network),
                            QuoteGenerator.withQuotes(OrderGenerator.stream(network)));
            Thread generator =
                    new Thread(
                            () -> {
                                while (generating.get() && records.hasNext()) {
                                    GeneratedRecord record = records.next();
                                    if (isOrder(record)) {
                                        pendingOrders.offered(record.key(), System.nanoTime());
                                    }
                                    publisher.send(record);
                                }
                            },
                            "generator");
            generator.setDaemon(true);
            generator.start();

            Progress progress = new Progress(publisher, watcher, lag, pendingOrders, job);
            Instant deadline =
                    options.duration() == null ? null : Instant.now().plus(options.duration());
            boolean stopped = false;
            while (!(stopped = stop.await(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS))) {
                printProgress(progress, watcher, !generator.isAlive());
                serving.announceExample(watcher);
                if (deadline != null && Instant.now().isAfter(deadline)) {
                    break;
                }
            }
            generating.set(false);
            generator.join();
            if (!stopped) {
                drain(progress, watcher, stop);
            }
            System.out.println();
            progress.sampleBacklog(false);
            String provisional = "the run was interrupted";
            if (!stopped) {
                System.out.println(
                        "Stopping both jobs with savepoints; the last metric windows close...");
                provisional =
                        FinalWindows.close(
                                job,
                                analytics,
                                analyticsLag,
                                watcher,
                                checkpoints.resolve("savepoints"));
            }
            System.out.println(progress.summary());
            if (provisional != null) {
                System.out.printf("  the last metric windows stay provisional: %s%n", provisional);
                job.cancel();
                analytics.cancel();
            }
            writeReport(watcher.metrics());
        }
    }

    private void printProgress(Progress progress, OutputWatcher watcher, boolean done)
            throws Exception {
        console.block(
                List.of(
                        progress.line(done),
                        progress.backlogLine(),
                        progress.routingLine(),
                        "      | " + watcher.returns().line(),
                        progress.quoteLine(),
                        MetricsSummary.progressLine(watcher.metrics())));
    }

    /**
     * Once the generator has stopped at the end of {@code --duration}: waits, with progress, until
     * every order sent is decided, every quote answered and the input backlog caught up, for at
     * most {@link #DRAIN_LIMIT} (Ctrl-C ends the wait), so the summary reports the run's outcome
     * rather than requests still in flight.
     */
    private void drain(Progress progress, OutputWatcher watcher, CountDownLatch stop)
            throws Exception {
        progress.sampleBacklog(false);
        if (progress.drained()) {
            return;
        }
        System.out.printf(
                "%nGenerator stopped; waiting up to %d s for the requests in flight"
                        + " (Ctrl-C skips)...%n",
                DRAIN_LIMIT.toSeconds());
        Instant until = Instant.now().plus(DRAIN_LIMIT);
        while (!stop.await(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
            printProgress(progress, watcher, true);
            if (progress.drained() || Instant.now().isAfter(until)) {
                return;
            }
        }
    }

    /** The HTML report of the hourly windows the watcher holds; a failure only prints. */
    private static void writeReport(MetricsSeries metrics) {
        try {
            int windows =
                    MetricsReport.write(
                            metrics, MetricsSeries.Selection.DEFAULT, REPORT, Instant.now());
            System.out.printf(
                    "Report: %s (%d hourly windows; ./omnistock-report --bootstrap <host:port>"
                            + " writes one from any broker)%n",
                    REPORT.toAbsolutePath().normalize(), windows);
        } catch (IOException | RuntimeException e) {
            System.out.println("Could not write " + REPORT.toAbsolutePath() + ": " + e);
        }
    }

    /** A valid order request: one order the job must decide (not a re-send or a malformed one). */
    private static boolean isOrder(GeneratedRecord record) {
        return record.kind() == GeneratedRecord.Kind.VALID
                && record.topic().equals(Topics.ORDER_REQUESTS.name());
    }

    /**
     * The broker on {@code port}, else on a free one (said in one line). Kafka's storage formatting
     * prints to standard output: silenced unless {@code verbose}.
     */
    private static EmbeddedKafkaBroker startBroker(int port, boolean verbose) throws Exception {
        PrintStream console = System.out;
        if (!verbose) {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        }
        boolean taken = false;
        try {
            try {
                return EmbeddedKafkaBroker.start(port);
            } catch (Exception e) {
                if (port == 0 || !(rootCause(e) instanceof BindException)) {
                    throw e;
                }
                taken = true;
                return EmbeddedKafkaBroker.start(0);
            }
        } finally {
            System.setOut(console);
            if (taken) {
                System.out.printf("Port %d is taken; using a free port instead.%n", port);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            System.out.println("Could not delete " + dir + ": " + e);
        }
    }

    private static Configuration jobConfiguration(
            DemoOptions options, String bootstrap, Path checkpoints) {
        Configuration conf = new Configuration();
        // a folder of this run, deleted at its end
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrap);
        conf.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
        conf.set(KafkaOptions.DELIVERY_MODE, options.deliveryMode());
        conf.set(
                KafkaOptions.TRANSACTIONAL_ID_PREFIX,
                "omnistock-demo-" + UUID.randomUUID().toString().substring(0, 8));
        conf.set(CoreOptions.DEFAULT_PARALLELISM, options.parallelism());
        // accumulators (the live counters) travel with heartbeats: refresh them every second
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        return conf;
    }

    /**
     * The analytics job's options: the ledger job's, with the analytics job's own consumer group
     * and transactional ids (both jobs write {@code deadletter}), and the demo's metric windows.
     */
    private static Configuration analyticsConfiguration(Configuration ledger) {
        Configuration conf = new Configuration(ledger);
        conf.set(
                KafkaOptions.TRANSACTIONAL_ID_PREFIX,
                ledger.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX) + "-analytics");
        conf.set(KafkaOptions.GROUP_ID, AnalyticsJob.JOB_NAME);
        // The simulated clock runs about 1.7 simulated hours per wall second, and a reservation
        // round trip waits for one 5 s checkpoint, so decisions reach the metric windows out of
        // order by hours of event time (an order re-planned after a refused grant, by a round trip
        // more), and a slow checkpoint on a busy machine makes it more. Hold the metric watermark
        // 12 h behind, keep windows provisional for a day, and keep their sums 2 days longer so
        // that
        // decisions later still are applied and counted (lateFacts) rather than lost.
        conf.set(MetricsOptions.MAX_OUT_OF_ORDERNESS, Duration.ofHours(12));
        conf.set(MetricsOptions.ALLOWED_LATENESS, Duration.ofHours(24));
        conf.set(MetricsOptions.LATE_RETENTION, Duration.ofDays(2));
        return conf;
    }

    private static NetworkConfig networkConfig(DemoOptions options) {
        Instant start = Instant.now().minus(SIMULATED_HISTORY).truncatedTo(ChronoUnit.HOURS);
        return NetworkConfig.builder()
                .seed(options.seed())
                .stores(options.stores())
                .dcs(options.dcs())
                .threePls(options.threePls())
                .skus(options.skus())
                .ordersPerStoreHour(options.ordersPerStoreHour())
                .orderReturnRate(ORDER_RETURN_RATE)
                .start(start)
                .duration(Duration.between(start, Instant.now()))
                .build();
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Formats the live progress line and the final summary. */
    private static final class Progress {
        private final GeneratorPublisher publisher;
        private final OutputWatcher watcher;
        private final JobClient job;
        private final long startNanos = System.nanoTime();
        private final BacklogMonitor backlog;
        private final RateWindow decisionRate = new RateWindow(RATE_WINDOW);
        private Map<String, Object> counters = Map.of();

        Progress(
                GeneratorPublisher publisher,
                OutputWatcher watcher,
                ConsumerLag lag,
                PendingOrders pendingOrders,
                JobClient job) {
            this.publisher = publisher;
            this.watcher = watcher;
            this.job = job;
            this.backlog = new BacklogMonitor(lag, pendingOrders, BACKLOG_RATE_WINDOW, startNanos);
        }

        /** Reads the job's counters and input backlog now. */
        void sampleBacklog(boolean generatorSending) {
            refreshCounters();
            backlog.sample(System.nanoTime(), counter(LedgerMetrics.RECORDS_IN), generatorSending);
        }

        /** Samples the backlog, then formats the first progress line. */
        String line(boolean generatorDone) {
            sampleBacklog(!generatorDone);
            Map<String, Long> sent = publisher.ackedByTopic();
            return String.format(
                    "%5ds | in pos %,9d wms %,8d 3pl %,8d | ledger processed %,10d (%,7.0f/s) |"
                            + " availability out %,9d | dead letters on topic %,6d | discrepancies %,6d |"
                            + " projected stockouts %,6d out of stock %,6d%s",
                    elapsedSeconds(),
                    sent.getOrDefault(Topics.POS.name(), 0L),
                    sent.getOrDefault(Topics.WMS.name(), 0L),
                    sent.getOrDefault(Topics.THREE_PL.name(), 0L),
                    counter(LedgerMetrics.PROCESSED),
                    backlog.active().perSecond(counter(LedgerMetrics.RECORDS_IN)),
                    watcher.records(Topics.AVAILABILITY.name()),
                    watcher.records(Topics.DEADLETTER.name()),
                    watcher.records(Topics.DISCREPANCIES.name()),
                    watcher.alerts(AlertType.PROJECTED_STOCKOUT),
                    watcher.alerts(AlertType.OUT_OF_STOCK),
                    generatorDone ? " | generator finished" : "");
        }

        /**
         * As of the last sample: every order sent decided, every quote answered, the input backlog
         * caught up (read from committed offsets, so never quite 0: transaction markers take
         * offsets too).
         */
        boolean drained() {
            CatchUpEstimate input = backlog.input();
            return backlog.orders().undecided().undecided() == 0
                    && undecidedQuotes().undecided() == 0
                    && input != null
                    && input.caughtUp();
        }

        /** Input backlog, whether the job keeps up, and orders and quotes not answered yet. */
        String backlogLine() {
            return BacklogReport.progressLine(backlog.input(), backlog.orders(), undecidedQuotes());
        }

        private Undecided undecidedQuotes() {
            return Undecided.ofCounts(
                    publisher.ackedByTopic().getOrDefault(Topics.QUOTE_REQUESTS.name(), 0L),
                    watcher.quotes().responses());
        }

        /** Orders in, decisions out by status, and the routed orders' split rate and carbon. */
        String routingLine() {
            Map<String, Long> sent = publisher.ackedByTopic();
            RoutingTally.Snapshot r = watcher.routing();
            return String.format(
                    "      | orders in %,8d lifecycle %,8d | decisions %,8d (%,5.0f/s): routed %,7d"
                            + " partial %,6d backordered %,6d rejected %,5d re-routed %,5d |"
                            + " split %4.1f%% | %.2f kg CO2e/order, %.2f kg avoided",
                    sent.getOrDefault(Topics.ORDER_REQUESTS.name(), 0L),
                    sent.getOrDefault(Topics.ORDER_LIFECYCLE.name(), 0L),
                    r.decisions(),
                    decisionsPerSecond(r.decisions()),
                    r.count(DecisionStatus.ROUTED),
                    r.count(DecisionStatus.PARTIALLY_ROUTED),
                    r.count(DecisionStatus.BACKORDERED),
                    r.count(DecisionStatus.REJECTED),
                    r.count(DecisionStatus.RE_ROUTED),
                    100 * r.splitRate(),
                    r.co2eKgPerRoutedOrder(),
                    r.avoidedKgPerRoutedOrder());
        }

        String quoteLine() {
            return String.format(
                    "      | quotes in %,8d | %s",
                    publisher.ackedByTopic().getOrDefault(Topics.QUOTE_REQUESTS.name(), 0L),
                    watcher.quotes().line());
        }

        /** Decisions per second over the last {@link #RATE_WINDOW}. */
        private double decisionsPerSecond(long decisions) {
            return decisionRate.add(System.nanoTime(), decisions);
        }

        /** The final summary, as of the last {@link #sampleBacklog}. */
        String summary() throws Exception {
            StringBuilder s = new StringBuilder("Summary\n");
            s.append(
                    String.format(
                            "  ran %d s; records published: %s%n",
                            elapsedSeconds(), publisher.ackedByTopic()));
            s.append(
                    String.format(
                            "  ledger: in %,d = processed %,d + dead-lettered %,d + still in flight %,d;"
                                    + " applied %,d, duplicates %,d, stale counts %,d, superseded deltas %,d%n",
                            counter(LedgerMetrics.RECORDS_IN),
                            counter(LedgerMetrics.PROCESSED),
                            counter(LedgerMetrics.DEAD_LETTERED),
                            counter(LedgerMetrics.RECORDS_IN)
                                    - counter(LedgerMetrics.PROCESSED)
                                    - counter(LedgerMetrics.DEAD_LETTERED),
                            counter(LedgerMetrics.APPLIED),
                            counter(LedgerMetrics.DUPLICATES),
                            counter(LedgerMetrics.STALE_COUNTS),
                            counter(LedgerMetrics.SUPERSEDED_DELTAS)));
            s.append(
                    BacklogReport.summary(
                            backlog.input(), backlog.orders(), undecidedQuotes(), throughput()));
            s.append(
                    String.format(
                            "  out: availability %,d records for %,d SKU x node keys, network %,d,"
                                    + " alerts %,d %s, discrepancies %,d, deadletter topic %,d %s%n",
                            watcher.records(Topics.AVAILABILITY.name()),
                            watcher.distinctAvailabilityKeys(),
                            watcher.records(Topics.NETWORK_AVAILABILITY.name()),
                            watcher.records(Topics.ALERTS.name()),
                            watcher.alertsByType(),
                            watcher.records(Topics.DISCREPANCIES.name()),
                            watcher.records(Topics.DEADLETTER.name()),
                            watcher.deadLettersByReason()));
            RoutingTally.Snapshot r = watcher.routing();
            s.append(
                    String.format(
                            "  routing: %,d decisions (%,.1f/s) for %,d orders: ROUTED %,d,"
                                    + " PARTIALLY_ROUTED %,d, BACKORDERED %,d, REJECTED %,d %s,"
                                    + " RE_ROUTED %,d; %.1f%% of ordered units allocated%n",
                            r.decisions(),
                            backlog.active().perSecond(r.decisions()),
                            r.orders(),
                            r.count(DecisionStatus.ROUTED),
                            r.count(DecisionStatus.PARTIALLY_ROUTED),
                            r.count(DecisionStatus.BACKORDERED),
                            r.count(DecisionStatus.REJECTED),
                            r.rejectedByReason(),
                            r.count(DecisionStatus.RE_ROUTED),
                            100 * r.fillRate()));
            s.append(
                    String.format(
                            "  routed orders: %,d, split %.1f%% (more than one shipment),"
                                    + " %.2f kg CO2e per order (%,.0f kg in all),"
                                    + " %.2f kg CO2e avoided per order vs the cost-only baseline"
                                    + " (%,.0f kg in all)%n",
                            r.routed(),
                            100 * r.splitRate(),
                            r.co2eKgPerRoutedOrder(),
                            r.co2eKg(),
                            r.avoidedKgPerRoutedOrder(),
                            r.avoidedKg()));
            s.append("  ").append(watcher.returns().line()).append(System.lineSeparator());
            s.append("  ").append(watcher.quotes().line()).append(System.lineSeparator());
            s.append(MetricsSummary.summaryLine(watcher.metrics()));
            s.append(MetricsSummary.agreementLine(watcher.metrics(), watcher.routing()));
            s.append(
                    DeadLetterAccount.of(
                                    counter(LedgerMetrics.DEAD_LETTERED),
                                    watcher.records(Topics.DEADLETTER.name()),
                                    watcher.deadLettersFromAnalytics(),
                                    watcher.metrics())
                            .line());
            Availability sample = watcher.latestAvailability();
            if (sample != null) {
                s.append(
                        String.format(
                                "  latest availability: %s|%s onHand=%d inTransit=%d safety=%d ATP=%d v%d;"
                                        + " velocity %.2f/day, cover %s, projected ATP %s%n",
                                sample.getSku(),
                                sample.getNodeId(),
                                sample.getOnHand(),
                                sample.getInTransit(),
                                sample.getSafetyStock(),
                                sample.getAtp(),
                                sample.getVersion(),
                                sample.getVelocityPerDay(),
                                sample.getDaysOfCover() == null
                                        ? "-"
                                        : String.format("%.1f d", sample.getDaysOfCover()),
                                projected(sample)));
            }
            return s.toString();
        }

        /** Projected ATP by horizon, e.g. {@code +24h=12 +72h=7 +168h=0}. */
        private static String projected(Availability a) {
            StringBuilder s = new StringBuilder();
            for (ProjectedAtp p : a.getProjected()) {
                s.append(s.length() == 0 ? "" : " ")
                        .append('+')
                        .append(p.getHorizonHours())
                        .append("h=")
                        .append(p.getAtp());
            }
            return s.toString();
        }

        private long counter(String name) {
            Object value = counters.get(name);
            return value == null ? 0 : ((Number) value).longValue();
        }

        private void refreshCounters() {
            try {
                counters = job.getAccumulators().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // keep the last counters; the job may be restarting
            }
        }

        private ActiveThroughput throughput() {
            return new ActiveThroughput(
                    Duration.ofNanos(System.nanoTime() - startNanos),
                    backlog.sending().active(),
                    backlog.active().active(),
                    publisher.ackedByTopic().values().stream().mapToLong(Long::longValue).sum(),
                    counter(LedgerMetrics.RECORDS_IN));
        }

        private long elapsedSeconds() {
            return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        }
    }
}
