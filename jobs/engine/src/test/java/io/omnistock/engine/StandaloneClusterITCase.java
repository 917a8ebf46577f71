package io.omnistock.engine;

import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static io.omnistock.engine.ReferenceCheck.assertMatchesReference;
import static io.omnistock.engine.ReferenceCheck.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnistock.avro.Availability;
import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.WmsEventType;
import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.Topics;
import io.omnistock.deploy.KafkaBrokerProcess;
import io.omnistock.deploy.StandaloneFlinkCluster;
import io.omnistock.domain.analytics.MetricRecords;
import io.omnistock.generator.ExpectedPosition;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.GeneratorPublisher;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.testing.Await;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded ledger job jar on a real Flink standalone session cluster (job manager and task
 * manager as separate JVMs from the Maven jars, configured from {@code flink-conf/config.yaml}) and
 * a real Kafka broker process, driven only through Flink's REST API, as ops would:
 *
 * <ol>
 *   <li>upload the jar and run it (exactly-once, checkpoints every second, parallelism 2) over a
 *       generated network; half the records are in before it starts, the rest stream in while the
 *       task manager's process is killed and a new one started: the job restores from its last
 *       checkpoint, the availability topics equal the reference ledger and every key's changes run
 *       1, 2, 3... ({@code read_committed}), none lost or repeated;
 *   <li>stop with a savepoint, run the jar again from it at parallelism 1 (rescaled) reading new
 *       records only from the savepoint's offsets, and publish receipts on known positions: each
 *       lands on the restored on-hand, and the keys' change counters continue where they stopped
 *       (in a new generation) instead of restarting at 1;
 *   <li>run the analytics job's shaded jar next to it (parallelism 1): it reads the ledger job's
 *       topics and publishes metric windows.
 * </ol>
 *
 * Logs of every process: {@code target/standalone-cluster-it/}.
 */
class StandaloneClusterITCase {
    private static final int RECEIPT_QUANTITY = 7;
    private static final int RECEIPT_KEYS = 12;

    private static StandaloneStack stack;
    private static Path work;
    private static StandaloneFlinkCluster flink;
    private static KafkaBrokerProcess kafka;

    @BeforeAll
    static void startClusterAndBroker() throws Exception {
        stack = StandaloneStack.start("standalone-cluster-it");
        work = stack.work();
        flink = stack.flink();
        kafka = stack.kafka();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theShadedJarRecoversFromALostTaskManagerAndRescalesFromASavepoint() throws Exception {
        String bootstrap = kafka.bootstrapServers();
        TopicAdmin.createTopics(bootstrap, new Properties(), Topics.all(), 2);
        NetworkConfig network = NetworkConfig.small().withSeed(41);
        GeneratedRun run = RetailEventGenerator.generate(network);
        List<GeneratedRecord> records = ReferenceCheck.withoutTooLate(run);
        int half = records.size() / 2;
        publish(bootstrap, run.nodeRecords());
        publish(bootstrap, records.subList(0, half));

        String jarId = flink.uploadJar(StandaloneStack.jobJar());
        String job = flink.runJar(jarId, jobArgs(bootstrap, "EARLIEST"), 2, null);
        flink.awaitRunning(job, StandaloneFlinkCluster.READY);

        try (KafkaTestClient client = new KafkaTestClient(bootstrap)) {
            // 1. A lost task manager, mid-stream.
            client.readUntil(Topics.AVAILABILITY, values -> values.size() > 50, DEADLINE);
            CompletableFuture<Void> secondHalf =
                    CompletableFuture.runAsync(
                            () -> publishPaced(bootstrap, records.subList(half, records.size())));
            client.readUntil(Topics.AVAILABILITY, values -> values.size() > 200, DEADLINE);
            boolean midStream = !secondHalf.isDone();
            flink.killTaskManager();
            flink.startTaskManager();
            secondHalf.get();
            JsonNode restored =
                    Await.until(
                            "the job restores from a checkpoint on the new task manager",
                            () -> {
                                JsonNode r = flink.checkpoints(job).path("latest").path("restored");
                                return r.isObject()
                                                && StandaloneFlinkCluster.allRunning(
                                                        flink.get("/jobs/" + job))
                                        ? r
                                        : null;
                            },
                            r -> r != null,
                            DEADLINE);

            assertMatchesReference(client, run);
            List<KeyedValue<Availability>> afterRecovery =
                    client.readAll(Topics.AVAILABILITY, Duration.ofSeconds(1));
            DeliveryAudit.Versions recovered = DeliveryAudit.Versions.of(afterRecovery);
            assertThat(recovered.problems())
                    .as("availability changes through the task manager loss")
                    .isEmpty();
            System.out.printf(
                    "%d records (%d before the job started); task manager killed %s; restored"
                            + " from checkpoint %s; %d changes of %d keys: lost %d, duplicated %d,"
                            + " out of order %d%n",
                    records.size(),
                    half,
                    midStream ? "while records streamed in" : "after the last record was sent",
                    restored.path("id").asText(),
                    recovered.changes(),
                    recovered.keys(),
                    recovered.lost(),
                    recovered.duplicated(),
                    recovered.outOfOrder());

            // 2. Stop with a savepoint, resume at parallelism 1.
            String savepoint = flink.stopWithSavepoint(job, work.resolve("savepoints"), DEADLINE);
            flink.awaitJob(
                    job,
                    j -> "FINISHED".equals(j.path("state").asText()),
                    "finishes after its savepoint",
                    DEADLINE);
            Map<String, List<Long>> before =
                    versionsByKey(client.readAll(Topics.AVAILABILITY, Duration.ofSeconds(1)));

            // Starting offsets LATEST: only the savepoint's offsets and positions lead to the
            // reference below; a fresh start would hold no positions for the receipts to land on.
            String resumed = flink.runJar(jarId, jobArgs(bootstrap, "LATEST"), 1, savepoint);
            JsonNode rescaled = flink.awaitRunning(resumed, StandaloneFlinkCluster.READY);
            assertThat(rescaled.path("vertices"))
                    .as("operators of the resumed job")
                    .allSatisfy(v -> assertThat(v.path("parallelism").asInt()).isEqualTo(1));

            Map<String, ExpectedPosition> receipts = receiptPositions(run);
            long receiptTime = network.endMillis() + 60_000;
            for (ExpectedPosition p : receipts.values()) {
                client.send(
                        Topics.WMS,
                        p.sku(),
                        OrderFixtures.wms(
                                WmsEventType.RECEIPT,
                                "cluster-it-receipt-" + p.sku() + "-" + p.nodeId(),
                                receiptTime,
                                p.sku(),
                                p.nodeId(),
                                RECEIPT_QUANTITY),
                        receiptTime);
            }
            // The reference ledger of everything published: the run, then the receipts.
            Map<String, String> reference = new TreeMap<>();
            run.reference()
                    .positions()
                    .forEach(
                            (key, p) ->
                                    reference.put(
                                            key,
                                            figures(
                                                    p.onHand(),
                                                    p.inTransit(),
                                                    p.safetyStock(),
                                                    p.atp())));
            Map<String, String> received = receivedFigures(receipts);
            reference.putAll(received);
            Await.until(
                    "every position equals the reference ledger of the run and the receipts",
                    () -> mismatches(reference, latestFigures(client)),
                    List::isEmpty,
                    DEADLINE);

            List<KeyedValue<Availability>> all =
                    client.readAll(Topics.AVAILABILITY, Duration.ofSeconds(1));
            DeliveryAudit.Versions audit = DeliveryAudit.Versions.of(all);
            assertThat(audit.problems()).as("availability changes across the savepoint").isEmpty();
            Map<String, List<Long>> after = versionsByKey(all);
            for (String key : after.keySet()) {
                List<Long> earlier = before.getOrDefault(key, List.of());
                assertThat(after.get(key).subList(0, earlier.size()))
                        .as("what %s published before the savepoint", key)
                        .isEqualTo(earlier);
            }
            for (String key : receipts.keySet()) {
                List<Long> earlier = before.get(key);
                List<Long> versions = after.get(key);
                assertThat(versions)
                        .as("changes of %s after the savepoint", key)
                        .hasSizeGreaterThan(earlier.size());
                long next = versions.get(earlier.size());
                assertThat(next & 0xFFFF_FFFFL)
                        .as("change counter of %s after the savepoint", key)
                        .isEqualTo(earlier.size() + 1L);
                assertThat(next >>> 32)
                        .as("generation of %s after the savepoint", key)
                        .isGreaterThan(earlier.get(earlier.size() - 1) >>> 32);
            }
            System.out.printf(
                    "savepoint %s; resumed at parallelism 1; %d receipts on restored positions,"
                            + " e.g. %s; %d changes of %d keys in all: lost %d, duplicated %d, out"
                            + " of order %d%n",
                    savepoint,
                    receipts.size(),
                    received.entrySet().iterator().next(),
                    audit.changes(),
                    audit.keys(),
                    audit.lost(),
                    audit.duplicated(),
                    audit.outOfOrder());

            // 3. The analytics job's shaded jar next to it, in the slot the rescale freed: it
            // reads the ledger's topics from the earliest offsets and publishes metric windows.
            String analyticsJar = flink.uploadJar(analyticsJobJar());
            String analytics = flink.runJar(analyticsJar, analyticsArgs(bootstrap), 1, null);
            flink.awaitRunning(analytics, StandaloneFlinkCluster.READY);
            List<KeyedValue<OperationsMetrics>> metrics =
                    client.readUntil(Topics.METRICS_OPERATIONS, v -> !v.isEmpty(), DEADLINE);
            assertThat(metrics)
                    .allSatisfy(m -> assertThat(m.key()).isEqualTo(MetricRecords.key(m.value())));
            System.out.printf(
                    "analytics job %s: %d metric records published, e.g. %s%n",
                    analytics, metrics.size(), metrics.get(0).key());
        }
    }

    /** The analytics job's arguments: its shipped properties file, the broker, test timings. */
    private static List<String> analyticsArgs(String bootstrap) {
        Path properties =
                Path.of(System.getProperty("omnistock.flink-conf"), "analytics.properties");
        return List.of(
                "--config",
                properties.toString(),
                "--kafka.bootstrap-servers",
                bootstrap,
                "--kafka.starting-offsets",
                "EARLIEST",
                "--execution.checkpointing.interval",
                "1s",
                "--metrics.source-idleness",
                "1s");
    }

    private static Path analyticsJobJar() {
        Path jar = Path.of(System.getProperty("omnistock.analytics-job-jar"));
        assertThat(jar).as("the analytics job's shaded jar (mvn package)").isRegularFile();
        return jar;
    }

    /**
     * The job's arguments, as a user passes them: the shipped properties file, then the broker,
     * exactly-once, checkpoints every second and test-sized timings.
     */
    private static List<String> jobArgs(String bootstrap, String startingOffsets) {
        Path properties = Path.of(System.getProperty("omnistock.flink-conf"), "engine.properties");
        return List.of(
                "--config",
                properties.toString(),
                "--kafka.bootstrap-servers",
                bootstrap,
                "--kafka.group-id",
                "cluster-it",
                "--kafka.transactional-id-prefix",
                "cluster-it",
                "--kafka.starting-offsets",
                startingOffsets,
                "--delivery.mode",
                "EXACTLY_ONCE",
                "--execution.checkpointing.interval",
                "1s",
                "--ledger.source-idleness",
                "1s",
                "--ledger.unknown-node-grace",
                "2s");
    }

    /** Every eighth reference position with stock, up to {@link #RECEIPT_KEYS}, by key. */
    private static Map<String, ExpectedPosition> receiptPositions(GeneratedRun run) {
        Map<String, ExpectedPosition> positions = new TreeMap<>(run.reference().positions());
        Map<String, ExpectedPosition> chosen = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, ExpectedPosition> e : positions.entrySet()) {
            if (i++ % 8 == 0 && chosen.size() < RECEIPT_KEYS) {
                chosen.put(e.getKey(), e.getValue());
            }
        }
        return chosen;
    }

    /** The reference figures of {@code positions} with one receipt more each. */
    private static Map<String, String> receivedFigures(Map<String, ExpectedPosition> positions) {
        Map<String, String> figures = new TreeMap<>();
        positions.forEach(
                (key, p) -> {
                    long onHand = p.onHand() + RECEIPT_QUANTITY;
                    figures.put(
                            key,
                            figures(
                                    onHand,
                                    p.inTransit(),
                                    p.safetyStock(),
                                    Math.max(0, onHand - p.safetyStock())));
                });
        return figures;
    }

    /** The latest published figures of every availability key. */
    private static Map<String, String> latestFigures(KafkaTestClient client) {
        Map<String, String> figures = new TreeMap<>();
        KafkaTestClient.latestByKey(
                        client.<Availability>readAll(Topics.AVAILABILITY, Duration.ofMillis(500)))
                .forEach(
                        (key, a) ->
                                figures.put(
                                        key,
                                        figures(
                                                a.getOnHand(),
                                                a.getInTransit(),
                                                a.getSafetyStock(),
                                                a.getAtp())));
        return figures;
    }

    /** Keys whose published figures differ from the reference (at most 10, for the report). */
    private static List<String> mismatches(
            Map<String, String> reference, Map<String, String> published) {
        TreeMap<String, String> keys = new TreeMap<>(reference);
        published.forEach(keys::putIfAbsent);
        List<String> mismatches = new ArrayList<>();
        for (String key : keys.keySet()) {
            String want = reference.getOrDefault(key, "none");
            String got = published.getOrDefault(key, "none");
            if (!want.equals(got) && mismatches.size() < 10) {
                mismatches.add(key + " published " + got + ", reference " + want);
            }
        }
        return mismatches;
    }

    private static String figures(long onHand, long inTransit, long safetyStock, long atp) {
        return "onHand "
                + onHand
                + " inTransit "
                + inTransit
                + " safety "
                + safetyStock
                + " atp "
                + atp;
    }

    private static Map<String, List<Long>> versionsByKey(List<KeyedValue<Availability>> records) {
        Map<String, List<Long>> byKey = new TreeMap<>();
        for (KeyedValue<Availability> r : records) {
            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().getVersion());
        }
        return byKey;
    }

    private static void publishPaced(String bootstrap, List<GeneratedRecord> records) {
        try (GeneratorPublisher publisher = new GeneratorPublisher(bootstrap, 500, null)) {
            publisher.sendAll(records);
        }
    }
}
