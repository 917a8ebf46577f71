package io.omnistock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.Topics;
import io.omnistock.deploy.StandaloneFlinkCluster;
import io.omnistock.generator.ExpectedPosition;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.GeneratorPublisher;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.OrderGenerator;
import io.omnistock.generator.QuoteGenerator;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.testing.Await;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;

/**
 * A soak of the shaded engine job on a real standalone Flink cluster and a Kafka broker process
 * ({@link StandaloneStack}): a generated network's inventory records with customer orders and a
 * quote before each order stream in at a fixed pace for {@link SoakSettings#duration()} while a
 * task manager is killed every few minutes, the job is stopped with a savepoint at half time and
 * resumed at another parallelism, and (optionally) the broker is restarted once. Checkpoint
 * statistics are sampled from Flink's REST API all along. Afterwards the audits of the failure
 * tests ({@link DeliveryAudit}) run over what a {@code read_committed} consumer sees.
 */
final class SoakRun {
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(15);

    private final StandaloneStack stack;
    private final SoakSettings settings;
    private final Duration deadline;
    private final List<SoakReport.Sample> samples = new ArrayList<>();
    private final List<String> faults = new ArrayList<>();
    private long start;

    private SoakRun(StandaloneStack stack, SoakSettings settings) {
        this.stack = stack;
        this.settings = settings;
        this.deadline = Duration.ofMinutes(3).plus(settings.duration().dividedBy(4));
    }

    static SoakReport run(StandaloneStack stack, SoakSettings settings) throws Exception {
        return new SoakRun(stack, settings).run();
    }

    private SoakReport run() throws Exception {
        String bootstrap = stack.kafka().bootstrapServers();
        StandaloneFlinkCluster flink = stack.flink();
        TopicAdmin.createTopics(bootstrap, new Properties(), Topics.all(), 2);

        Input input = Input.generate(settings);
        ReferenceCheck.publish(bootstrap, input.run().nodeRecords());
        // the stock before the first order goes in first (an order overtaking its SKU's stock is
        // rightly UNKNOWN_SKU)
        int opening = 0;
        while (!input.records().get(opening).topic().equals(Topics.ORDER_REQUESTS.name())) {
            opening++;
        }
        ReferenceCheck.publish(bootstrap, input.records().subList(0, opening));

        String jarId = flink.uploadJar(StandaloneStack.jobJar());
        String job =
                flink.runJar(jarId, jobArgs(bootstrap, "EARLIEST"), SoakSettings.PARALLELISM, null);
        flink.awaitRunning(job, StandaloneFlinkCluster.READY);

        start = System.nanoTime();
        List<GeneratedRecord> streamed = input.records().subList(opening, input.records().size());
        // the pace that streams the generated records in the soak's duration
        double pace = (double) streamed.size() / settings.duration().toSeconds();
        GeneratorPublisher publisher = new GeneratorPublisher(bootstrap, pace, null);
        CompletableFuture<Void> publishing =
                CompletableFuture.runAsync(
                        () -> {
                            try (publisher) {
                                publisher.sendAll(streamed);
                            }
                        });

        Duration half = settings.duration().dividedBy(2);
        Duration brokerAt = settings.duration().multipliedBy(3).dividedBy(4);
        Duration failoverAt = settings.duration().dividedBy(4);
        boolean failedOver = !settings.jobManagerFailover();
        Duration nextKill = settings.taskManagerKillEvery().dividedBy(2);
        Duration nextSample = Duration.ZERO;
        boolean rescaled = false;
        boolean brokerRestarted = !settings.brokerRestart();
        while (!publishing.isDone()) {
            Duration now = elapsed();
            if (now.compareTo(nextSample) >= 0) {
                sample(job);
                nextSample = now.plus(SAMPLE_EVERY);
            }
            if (!rescaled && now.compareTo(half) >= 0) {
                String savepoint = stopWithSavepoint(job);
                flink.awaitJob(
                        job,
                        j -> "FINISHED".equals(j.path("state").asText()),
                        "finishes after its savepoint",
                        deadline);
                job =
                        flink.runJar(
                                jarId,
                                jobArgs(bootstrap, "LATEST"),
                                settings.rescaledParallelism(),
                                savepoint);
                flink.awaitRunning(job, deadline);
                fault(
                        "stop with savepoint, resumed at parallelism "
                                + settings.rescaledParallelism());
                rescaled = true;
            } else if (!failedOver && now.compareTo(failoverAt) >= 0) {
                flink.killLeadingJobManager();
                awaitRunningAgain(job);
                jarId = flink.uploadJar(StandaloneStack.jobJar()); // jars stay with their leader
                fault("leading job manager killed, the standby took over");
                failedOver = true;
            } else if (!brokerRestarted && now.compareTo(brokerAt) >= 0) {
                stack.kafka().restart(StandaloneFlinkCluster.READY);
                awaitRunningAgain(job);
                fault("broker restarted");
                brokerRestarted = true;
            } else if (now.compareTo(nextKill) >= 0
                    && now.plus(Duration.ofSeconds(20)).compareTo(settings.duration()) < 0) {
                flink.killTaskManager();
                flink.startTaskManager();
                awaitRunningAgain(job);
                fault("task manager killed");
                nextKill = now.plus(settings.taskManagerKillEvery());
            }
            Thread.sleep(500);
        }
        publishing.get();
        Duration streamedFor = elapsed();
        if (publisher.failed() > 0) {
            throw new IllegalStateException(publisher.failed() + " records not published");
        }

        SoakReport report;
        try (KafkaTestClient client = new KafkaTestClient(bootstrap)) {
            report = audit(client, input, job, streamedFor);
        }
        String finalSavepoint = stopWithSavepoint(job);
        return report.withOpenTransactions(openTransactions(bootstrap), finalSavepoint);
    }

    /**
     * Stops the job with a savepoint. A stop whose savepoint cannot be triggered because a task is
     * restarting (the tail of an earlier fault) leaves the job running: it is asked again once
     * every task runs.
     */
    private String stopWithSavepoint(String job) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return stack.flink()
                        .stopWithSavepoint(job, stack.work().resolve("savepoints"), deadline);
            } catch (IllegalStateException e) {
                if (attempt == 5
                        || !e.getMessage().contains("NOT_ALL_REQUIRED_TASKS_RUNNING")
                                && !e.getMessage().contains("Not all required tasks")) {
                    throw e;
                }
                System.out.println("soak: savepoint not triggered while a task restarted; again");
                awaitRunningAgain(job);
            }
        }
    }

    /** Waits until the job runs every task again after a fault (its restart strategy). */
    private void awaitRunningAgain(String job) throws Exception {
        stack.flink().awaitRunning(job, deadline);
    }

    private SoakReport audit(KafkaTestClient client, Input input, String job, Duration streamedFor)
            throws Exception {
        DeliveryAudit.awaitFinalDecisions(client, input.orderIds(), deadline);
        Map<String, ExpectedPosition> reference = input.run().reference().positions();
        Await.until(
                "availability equals the reference ledger plus the decisions' reservations",
                () ->
                        DeliveryAudit.positionMismatches(
                                OrderFixtures.latestAvailability(client),
                                reference,
                                OrderFixtures.allocatedByPosition(decisions(client))),
                List::isEmpty,
                deadline);
        sample(job);
        Map<String, List<RoutingDecision>> byOrder = decisions(client);
        DeliveryAudit.Orders decided = DeliveryAudit.Orders.of(input.orderIds(), byOrder);
        long oversold = DeliveryAudit.oversoldUnits(OrderFixtures.latestAvailability(client));
        DeliveryAudit.Versions versions =
                DeliveryAudit.Versions.of(
                        client.readAll(Topics.AVAILABILITY, Duration.ofSeconds(1)));
        // an event for a node not yet known waits out ledger.unknown-node-grace before it is
        // dead-lettered: those published last may still be waiting when the positions match
        long malformed = input.expectedDeadLetters().values().stream().mapToLong(n -> n).sum();
        Await.until(
                "every malformed record dead-lettered",
                () -> client.readAll(Topics.DEADLETTER, Duration.ofSeconds(1)).size(),
                n -> n >= malformed,
                deadline);
        Map<DeadLetterReason, Long> deadLetters = new EnumMap<>(DeadLetterReason.class);
        Set<String> deadLetterIds = new HashSet<>();
        long repeatedDeadLetters = 0;
        for (KeyedValue<DeadLetter> d : client.readAll(Topics.DEADLETTER, Duration.ofSeconds(1))) {
            deadLetters.merge(d.value().getReason(), 1L, Long::sum);
            if (!deadLetterIds.add(d.value().getEventId())) {
                repeatedDeadLetters++;
            }
        }
        Set<String> answered =
                client
                        .<QuoteResponse>readAll(Topics.QUOTE_RESPONSES, Duration.ofSeconds(1))
                        .stream()
                        .map(r -> r.value().getRequestEventId())
                        .collect(Collectors.toSet());
        return new SoakReport(
                settings,
                Instant.now(),
                streamedFor,
                input.records().size() + input.run().nodeRecords().size(),
                input.orderIds().size(),
                input.quotes(),
                answered.size(),
                List.copyOf(faults),
                reference.size(),
                versions,
                decided,
                oversold,
                input.expectedDeadLetters(),
                deadLetters,
                repeatedDeadLetters,
                List.copyOf(samples),
                -1,
                null);
    }

    /** The latest completed checkpoint's figures, with the time since streaming started. */
    private void sample(String job) {
        try {
            JsonNode stats = stack.flink().checkpoints(job);
            JsonNode latest = stats.path("latest").path("completed");
            if (latest.isObject()) {
                samples.add(
                        new SoakReport.Sample(
                                elapsed(),
                                latest.path("id").asLong(),
                                latest.path("state_size").asLong(),
                                latest.path("checkpointed_size").asLong(),
                                latest.path("end_to_end_duration").asLong(),
                                stats.path("counts").path("failed").asLong()));
            }
        } catch (Exception e) { // a sample lost to a fault is no reason to stop the soak
            System.out.println("soak: no checkpoint sample at " + elapsed() + ": " + e);
        }
    }

    private void fault(String what) {
        String line = String.format("%4d s: %s", elapsed().toSeconds(), what);
        faults.add(line);
        System.out.println("soak: " + line);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Transactions the broker holds open (ONGOING), of any producer. */
    private static int openTransactions(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            int open = 0;
            for (TransactionListing t : admin.listTransactions().all().get(30, TimeUnit.SECONDS)) {
                if (t.state() == TransactionState.ONGOING) {
                    open++;
                }
            }
            return open;
        }
    }

    private static Map<String, List<RoutingDecision>> decisions(KafkaTestClient client) {
        return OrderFixtures.decisionsByOrder(
                client.readAll(Topics.DECISIONS, Duration.ofMillis(500)));
    }

    /** The job's arguments (as {@code StandaloneClusterITCase} passes them), soak timings. */
    private static List<String> jobArgs(String bootstrap, String startingOffsets) {
        Path properties = Path.of(System.getProperty("omnistock.flink-conf"), "engine.properties");
        return List.of(
                "--config",
                properties.toString(),
                "--kafka.bootstrap-servers",
                bootstrap,
                "--kafka.group-id",
                "soak",
                "--kafka.transactional-id-prefix",
                "soak",
                "--kafka.starting-offsets",
                startingOffsets,
                "--delivery.mode",
                "EXACTLY_ONCE",
                "--execution.checkpointing.interval",
                "2s",
                "--ledger.source-idleness",
                "1s",
                "--ledger.unknown-node-grace",
                "10s");
    }

    /**
     * The generated input: a network run long enough for the soak's records at its pace, its valid
     * orders (without lifecycle events: shipping would commit units behind the reference ledger's
     * back) each after a quote of the same cart, interleaved so no order runs ahead.
     */
    record Input(
            GeneratedRun run,
            List<GeneratedRecord> records,
            Set<String> orderIds,
            int quotes,
            Map<DeadLetterReason, Long> expectedDeadLetters) {

        /**
         * Simulated time runs at most {@link #MAX_COMPRESSION} times wall time (or one day in a
         * shorter soak, at most about 1,000 times in CI's 90 seconds): a backlog (a restore, the
         * savepoint's pause) then spans little event time, so one partition read ahead of another
         * does not move the watermark past the other's records by more than the ledger's horizon
         * (48 h), which would make them TOO_LATE and the reference wrong.
         */
        static final int MAX_COMPRESSION = 96;

        static Input generate(SoakSettings settings) {
            int days =
                    (int)
                            Math.max(
                                    1,
                                    settings.duration().toSeconds()
                                            * MAX_COMPRESSION
                                            / Duration.ofDays(1).toSeconds());
            // every rate and the SKUs scaled by one factor to the records asked for
            long perProbe = RetailEventGenerator.generate(network(settings, 1, 1)).records().size();
            double scale = Math.max(0.2, settings.records() / ((double) perProbe * days));
            NetworkConfig config = network(settings, scale, days);
            GeneratedRun run = RetailEventGenerator.generate(config);
            List<GeneratedRecord> orders =
                    OrderGenerator.generate(config).stream()
                            .filter(r -> r.topic().equals(Topics.ORDER_REQUESTS.name()))
                            .filter(r -> r.kind() == GeneratedRecord.Kind.VALID)
                            .toList();
            List<GeneratedRecord> records = new ArrayList<>();
            OrderGenerator.interleave(
                            ReferenceCheck.withoutTooLate(run).iterator(),
                            QuoteGenerator.withQuotes(orders.iterator()))
                    .forEachRemaining(records::add);
            Set<String> orderIds = new HashSet<>();
            int quotes = 0;
            Map<DeadLetterReason, Long> expected = new TreeMap<>();
            for (GeneratedRecord r : records) {
                if (r.topic().equals(Topics.ORDER_REQUESTS.name())) {
                    orderIds.add(r.key());
                } else if (r.topic().equals(Topics.QUOTE_REQUESTS.name())) {
                    quotes++;
                }
                if (r.kind() == GeneratedRecord.Kind.MALFORMED) {
                    expected.merge(r.expectedReason(), 1L, Long::sum);
                }
            }
            return new Input(run, List.copyOf(records), orderIds, quotes, expected);
        }

        /**
         * The small test network (4 stores, a DC, a dark store, a 3PL) over {@code days} ending two
         * days ago, with its SKUs, sales, picks and orders per hour times {@code scale}.
         */
        private static NetworkConfig network(SoakSettings settings, double scale, int days) {
            Instant end = Instant.now().minus(Duration.ofDays(2));
            NetworkConfig small = NetworkConfig.small();
            return small.toBuilder()
                    .skus((int) Math.max(10, Math.round(small.skus() * 5 * scale)))
                    .salesPerStoreHour(small.salesPerStoreHour() * scale)
                    .dcPicksPerHour(small.dcPicksPerHour() * scale)
                    .darkStorePicksPerHour(small.darkStorePicksPerHour() * scale)
                    .ordersPerStoreHour(small.ordersPerStoreHour() * scale)
                    .seed(settings.seed())
                    .start(end.minus(Duration.ofDays(days)))
                    .duration(Duration.ofDays(days))
                    .build();
        }
    }
}
