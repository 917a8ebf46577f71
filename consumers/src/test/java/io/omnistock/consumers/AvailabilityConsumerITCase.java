package io.omnistock.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnistock.avro.Availability;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.SourceSystem;
import io.omnistock.consumers.examples.AvailabilityConsumer;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.Await;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consumer guide's copy-paste consumers against the real broker, on records the engine's codec
 * wrote: an older version after a newer one (kept out), a version of a later generation (high 32
 * bits) after a higher change count of the previous one (wins), and an aborted transaction (never
 * seen with {@code read_committed}). The Java consumer runs in this JVM, the Python one as a child
 * process.
 */
class AvailabilityConsumerITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Instant BEGINNING = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** A record of generation 1 (after one restore): outranks any change count of generation 0. */
    private static final long GENERATION_1_CHANGE_1 = (1L << 32) | 1;

    /**
     * What a consumer that keeps the highest version per key must end with: key -> version, atp.
     */
    private static final Map<String, long[]> EXPECTED =
            Map.of(
                    "SKU-1|STORE-1", new long[] {7, 7},
                    "SKU-1|DC-1", new long[] {GENERATION_1_CHANGE_1, 11},
                    "SKU-2|STORE-1", new long[] {1, 3});

    @BeforeAll
    static void writeRecords() {
        KAFKA.createTopics(List.of(Topics.AVAILABILITY), 2);
        try (KafkaTestClient kafka = new KafkaTestClient(KAFKA.bootstrapServers())) {
            long ts = 1_000;
            send(kafka, availability("SKU-1", "STORE-1", 7, 7), ts++);
            send(kafka, availability("SKU-1", "STORE-1", 3, 99), ts++); // older, arrives later
            send(kafka, availability("SKU-1", "DC-1", 40, 40), ts++);
            send(kafka, availability("SKU-1", "DC-1", GENERATION_1_CHANGE_1, 11), ts++);
            send(kafka, availability("SKU-2", "STORE-1", 1, 3), ts++);
            sendAborted(kafka, availability("SKU-2", "STORE-1", 1_000, 1_000));
        }
    }

    @Test
    void theJavaConsumerKeepsTheHighestCommittedVersionPerKey() throws Exception {
        try (AvailabilityConsumer consumer =
                new AvailabilityConsumer(
                        KAFKA.bootstrapServers(),
                        "java-consumer-it",
                        AvailabilityConsumer.schemaFromClassPath())) {
            Await.until(
                    "the Java consumer has read every key",
                    () -> {
                        consumer.poll(Duration.ofMillis(200));
                        return consumer.latest().size();
                    },
                    n -> n >= EXPECTED.size(),
                    DEADLINE);
            // the aborted record sits after the committed ones: read to the end before judging
            for (int i = 0; i < 5; i++) {
                consumer.poll(Duration.ofMillis(200));
            }
            Map<String, long[]> seen = new HashMap<>();
            for (Map.Entry<String, GenericRecord> e : consumer.latest().entrySet()) {
                seen.put(
                        e.getKey(),
                        new long[] {
                            (long) e.getValue().get("version"), (long) e.getValue().get("atp")
                        });
            }
            assertThat(seen).containsOnlyKeys(EXPECTED.keySet());
            EXPECTED.forEach(
                    (key, want) -> assertThat(seen.get(key)).as(key).containsExactly(want));
        }
    }

    @Test
    void thePythonConsumerParses() throws Exception {
        Python.Result compiled =
                Python.run(
                        List.of(
                                "-c",
                                "import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])",
                                Python.SOURCES.resolve("availability_consumer.py").toString()),
                        "",
                        60);
        assertThat(compiled.exitCode()).as(compiled.stderr()).isZero();
    }

    @Test
    void thePythonConsumerKeepsTheHighestCommittedVersionPerKey() throws Exception {
        Python.requireLibraries();
        Path schema = Files.createTempFile("Availability", ".avsc");
        Files.writeString(schema, AvailabilityConsumer.schemaFromClassPath().toString(true));
        Python.Result run =
                Python.run(
                        List.of(
                                Python.SOURCES.resolve("availability_consumer.py").toString(),
                                "--bootstrap",
                                KAFKA.bootstrapServers(),
                                "--schema",
                                schema.toString(),
                                "--group",
                                "python-consumer-it",
                                "--until-caught-up"),
                        "",
                        60);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        ObjectMapper json = new ObjectMapper();
        Map<String, long[]> last = new HashMap<>();
        for (String line : run.stdout().lines().toList()) {
            JsonNode change = json.readTree(line);
            last.put(
                    change.get("key").asText(),
                    new long[] {change.get("version").asLong(), change.get("atp").asLong()});
        }
        assertThat(last).as(run.stdout()).containsOnlyKeys(EXPECTED.keySet());
        EXPECTED.forEach((key, want) -> assertThat(last.get(key)).as(key).containsExactly(want));
    }

    private static void send(KafkaTestClient kafka, Availability a, long timestamp) {
        kafka.send(
                Topics.AVAILABILITY, Topics.positionKey(a.getSku(), a.getNodeId()), a, timestamp);
    }

    private static void sendAborted(KafkaTestClient kafka, Availability a) {
        kafka.sendAborted(
                Topics.AVAILABILITY,
                Topics.positionKey(a.getSku(), a.getNodeId()),
                a,
                "consumers-it-aborted");
    }

    static Availability availability(String sku, String node, long version, long atp) {
        return Availability.newBuilder()
                .setEventId(sku + '|' + node + '|' + version)
                .setEventTime(BEGINNING.plusSeconds(version % 1000))
                .setSku(sku)
                .setNodeId(node)
                .setNodeType(node.startsWith("DC") ? NodeType.DC : NodeType.STORE)
                .setOnHand(atp + 2)
                .setReserved(0)
                .setInTransit(0)
                .setInTransitByEta(List.of())
                .setSafetyStock(2)
                .setAtp(atp)
                .setVersion(version)
                .setLastSource(SourceSystem.POS)
                .setLastEventId("pos-" + version)
                .setVelocityPerDay(0.0)
                .setDaysOfCover(null)
                .setProjected(List.of())
                .build();
    }
}
