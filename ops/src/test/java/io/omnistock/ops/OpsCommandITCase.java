package io.omnistock.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnistock.avro.AlertType;
import io.omnistock.avro.Availability;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.Discrepancy;
import io.omnistock.avro.InventoryAlert;
import io.omnistock.avro.Movement;
import io.omnistock.avro.MovementOutcome;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.avro.PositionFigures;
import io.omnistock.avro.SourceSystem;
import io.omnistock.contracts.DeadLetters;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.Await;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code omnistock} commands, run in-process as a user runs them, against a real embedded
 * broker. {@code topics create} runs first, on a broker without topics; the other tests make sure
 * the catalog exists and each writes to topics no other test writes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsCommandITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @BeforeEach
    void catalogExists(TestInfo test) {
        if (!test.getTestMethod().orElseThrow().getName().startsWith("topicsCreate")) {
            KAFKA.createTopics(Topics.all(), 2);
        }
    }

    @Test
    @Order(1)
    void topicsCreateMakesTheCatalogWithItsSettingsAndDescribeSaysAllMatch() throws Exception {
        int catalog = Topics.all().size();

        Run first = run("topics", "create", "--partitions", "3", "--replication-factor", "1");
        Run second = run("topics", "create", "--partitions", "3");
        Run describe = run("topics", "describe");

        assertThat(first.exitCode).as(first.err).isZero();
        assertThat(first.out).contains(catalog + " created, 0 already there");
        assertThat(first.line("inventory.availability ")).contains("created");
        assertThat(second.out).contains("0 created, " + catalog + " already there");
        assertThat(describe.exitCode).as(describe.out).isZero();
        assertThat(describe.out).contains(catalog + " of " + catalog + " topics match the catalog");
        assertThat(describe.line("orders.decisions ").split("\\s+"))
                .containsSequence("orders.decisions", "3", "1", "delete", "2592000000", "yes");
        Map<String, String> cleanupPolicies = new TreeMap<>();
        try (Admin admin = Admin.create(adminProperties())) {
            for (TopicSpec<?> topic : Topics.all()) {
                ConfigResource resource =
                        new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                cleanupPolicies.put(topic.name(), config.get("cleanup.policy").value());
                assertThat(
                                admin.describeTopics(List.of(topic.name()))
                                        .allTopicNames()
                                        .get()
                                        .get(topic.name())
                                        .partitions())
                        .as(topic.name())
                        .hasSize(3);
            }
        }
        Set<String> compacted =
                Set.of(
                        Topics.AVAILABILITY.name(),
                        Topics.NETWORK_AVAILABILITY.name(),
                        Topics.GROUP_AVAILABILITY.name(),
                        Topics.CHANNEL_AVAILABILITY.name(),
                        Topics.NODES.name(),
                        Topics.CHANNELS.name(),
                        Topics.SKUS.name(),
                        Topics.SAFETY_STOCK.name(),
                        Topics.ROUTING_RULES.name());
        assertThat(cleanupPolicies).hasSize(catalog);
        cleanupPolicies.forEach(
                (name, policy) ->
                        assertThat(policy)
                                .as(name)
                                .isEqualTo(compacted.contains(name) ? "compact" : "delete"));
    }

    @Test
    void availabilityShowsTheHighestVersionPerNodeWhateverTheOrderOfArrival() {
        try (KafkaTestClient client = new KafkaTestClient(KAFKA.bootstrapServers())) {
            // an at-least-once sink may write an older version again after a failure
            client.send(
                    Topics.AVAILABILITY,
                    "sku-7|store-1",
                    availability("store-1", 1, 10),
                    AT.toEpochMilli());
            client.send(
                    Topics.AVAILABILITY,
                    "sku-7|store-1",
                    availability("store-1", 3, 4),
                    AT.toEpochMilli());
            client.send(
                    Topics.AVAILABILITY,
                    "sku-7|store-1",
                    availability("store-1", 2, 7),
                    AT.toEpochMilli());
            client.send(
                    Topics.AVAILABILITY,
                    "sku-7|dc-1",
                    availability("dc-1", 1, 250),
                    AT.toEpochMilli());
            client.send(
                    Topics.AVAILABILITY,
                    "sku-77|store-1",
                    Availability.newBuilder(availability("store-1", 9, 999))
                            .setSku("sku-77")
                            .build(),
                    AT.toEpochMilli());
            client.send(Topics.NETWORK_AVAILABILITY, "sku-7", network(2, 254), AT.toEpochMilli());
            client.send(Topics.NETWORK_AVAILABILITY, "sku-7", network(1, 260), AT.toEpochMilli());
        }

        Run all = run("availability", "--sku", "sku-7");
        Run one = run("availability", "--sku", "sku-7", "--node", "dc-1");

        assertThat(all.exitCode).as(all.err).isZero();
        assertThat(columns(all.line("store-1 ")))
                .as("ON HAND ... ATP, VERSION of the newest version")
                .startsWith("store-1", "STORE", "4", "0", "0", "0", "4", "3");
        assertThat(columns(all.line("dc-1 "))).startsWith("dc-1", "DC", "250");
        assertThat(all.out)
                .doesNotContain("999")
                .contains("Network ATP 254 ")
                .contains("version 2");
        assertThat(one.out).contains("dc-1").doesNotContain("store-1");
    }

    @Test
    void availabilityOfAnUnknownSkuSaysSo() {
        Run run = run("availability", "--sku", "no-such-sku");

        assertThat(run.exitCode).isZero();
        assertThat(run.out)
                .contains("No availability for SKU no-such-sku")
                .contains("No network availability for SKU no-such-sku");
    }

    @Test
    void tailPrintsDecodedRecordsUpToTheLimitAndFollowsNewOnes() throws Exception {
        try (KafkaTestClient client = new KafkaTestClient(KAFKA.bootstrapServers())) {
            for (int i = 1; i <= 3; i++) {
                client.send(Topics.ALERTS, "sku-1|store-1", alert("old-" + i), AT.toEpochMilli());
            }

            Run history = run("tail", "alerts", "--from-beginning", "--limit", "2");

            assertThat(history.exitCode).as(history.err).isZero();
            assertThat(history.lines())
                    .hasSize(2)
                    .allSatisfy(l -> assertThat(l).startsWith("inventory.alerts/"))
                    .satisfiesExactly(
                            l ->
                                    assertThat(l)
                                            .contains("\"eventId\":\"old-1\"", "key=sku-1|store-1"),
                            l -> assertThat(l).contains("\"eventId\":\"old-2\"", "OUT_OF_STOCK"));

            CompletableFuture<Run> live =
                    CompletableFuture.supplyAsync(() -> run("tail", "alerts", "--limit", "1"));
            List<String> sent = new ArrayList<>();
            Await.until(
                    "the tail to see a record sent after it started",
                    () -> {
                        String id = "new-" + sent.size();
                        sent.add(id);
                        client.send(Topics.ALERTS, "sku-1|store-1", alert(id), AT.toEpochMilli());
                        return live.isDone();
                    },
                    done -> done,
                    DEADLINE);
            Run following = live.get();
            assertThat(following.lines()).hasSize(1);
            assertThat(following.out).contains("\"eventId\":\"new-").doesNotContain("old-");
        }
    }

    @Test
    void tailJsonPrintsOneObjectPerRecordWithTheDecodedValue() throws Exception {
        // stamped now: the broker deletes records of a time-retained topic stamped long ago
        long now = System.currentTimeMillis();
        try (KafkaTestClient client = new KafkaTestClient(KAFKA.bootstrapServers())) {
            client.send(
                    Topics.DISCREPANCIES,
                    "sku-9|dc-1",
                    Discrepancy.newBuilder()
                            .setEventId("count-9")
                            .setEventTime(AT)
                            .setSku("sku-9")
                            .setNodeId("dc-1")
                            .setExpected(10)
                            .setCounted(7)
                            .setDelta(-3)
                            .setSource(SourceSystem.WMS)
                            .setCountType("CYCLE_COUNT")
                            .build(),
                    now);
            client.send(Topics.DISCREPANCIES.name(), "sku-9|dc-2", new byte[] {1, 2, 3}, now);
        }

        Run run = run("tail", "discrepancies", "--from-beginning", "--limit", "2", "--json");

        assertThat(run.exitCode).as(run.err).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.lines()) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).hasSize(2);
        JsonNode good = lines.stream().filter(l -> l.has("value")).findFirst().orElseThrow();
        assertThat(good.get("topic").asText()).isEqualTo("inventory.discrepancies");
        assertThat(good.get("key").asText()).isEqualTo("sku-9|dc-1");
        assertThat(good.get("timestamp").asText()).isEqualTo(Instant.ofEpochMilli(now).toString());
        assertThat(good.at("/value/delta").asLong()).isEqualTo(-3);
        assertThat(good.at("/value/eventTime").asText()).isEqualTo(AT.toString());
        assertThat(good.at("/value/source").asText()).isEqualTo("WMS");
        JsonNode bad = lines.stream().filter(l -> l.has("error")).findFirst().orElseThrow();
        assertThat(bad.get("key").asText()).isEqualTo("sku-9|dc-2");
        assertThat(bad.get("error").asText()).startsWith("not a Discrepancy");
    }

    @Test
    void historyPrintsOnePositionsJournalOldestFirstWithinTheWindow() throws Exception {
        long now = System.currentTimeMillis();
        long old = now - Duration.ofDays(30).toMillis();
        try (KafkaTestClient client = new KafkaTestClient(KAFKA.bootstrapServers())) {
            client.send(
                    Topics.MOVEMENTS,
                    "sku-h|dc-1",
                    movement("opening", "CYCLE_COUNT", 5, MovementOutcome.APPLIED, 0, 5, 1),
                    old);
            client.send(
                    Topics.MOVEMENTS,
                    "sku-h|dc-1",
                    movement("count-1", "CYCLE_COUNT", 20, MovementOutcome.APPLIED, 5, 20, 2),
                    now - 3_000);
            client.send(
                    Topics.MOVEMENTS,
                    "sku-h|dc-2",
                    movement("elsewhere", "SALE", 1, MovementOutcome.APPLIED, 9, 8, 4),
                    now - 2_500);
            client.send(
                    Topics.MOVEMENTS,
                    "sku-h|dc-1",
                    movement("sale-1", "SALE", 8, MovementOutcome.APPLIED, 20, 12, 3),
                    now - 2_000);
            client.send(
                    Topics.MOVEMENTS,
                    "sku-h|dc-1",
                    movement("sale-1", "SALE", 8, MovementOutcome.DUPLICATE, 12, 12, 3),
                    now - 1_000);
        }

        Run week = run("history", "--sku", "sku-h", "--node", "dc-1");
        Run month = run("history", "--sku", "sku-h", "--node", "dc-1", "--since", "60d");
        Run json = run("history", "--sku", "sku-h", "--node", "dc-1", "--json");
        Run none = run("history", "--sku", "sku-h", "--node", "dc-9");
        Run badAge = run("history", "--sku", "sku-h", "--node", "dc-1", "--since", "soon");

        assertThat(week.exitCode).as(week.err).isZero();
        List<String> rows = week.lines().subList(1, week.lines().size());
        assertThat(rows).as(week.out).hasSize(3);
        assertThat(columns(rows.get(0)))
                .as(
                        "EVENT TIME, EVENT, TYPE, QTY, OUTCOME, ON HAND, RESERVED, IN TRANSIT, ATP, VERSION")
                .containsSubsequence(
                        "count-1", "CYCLE_COUNT", "20", "APPLIED", "5->20", "0", "0", "5->20", "2")
                .contains("reason=R-count-1", "inventory.wms/1@41");
        assertThat(columns(rows.get(1)))
                .containsSubsequence("sale-1", "SALE", "8", "APPLIED", "20->12");
        assertThat(columns(rows.get(2)))
                .containsSubsequence("sale-1", "SALE", "8", "DUPLICATE", "12", "0", "0", "12", "3");
        assertThat(week.out).doesNotContain("opening").doesNotContain("elsewhere");
        assertThat(week.err).contains("journal records read").contains("(3 of sku-h|dc-1)");
        assertThat(month.lines()).hasSize(5);
        assertThat(month.lines().get(1)).contains("opening");
        List<JsonNode> objects = new ArrayList<>();
        for (String line : json.lines()) {
            objects.add(new ObjectMapper().readTree(line));
        }
        assertThat(objects)
                .extracting(o -> o.get("outcome").asText())
                .containsExactly("APPLIED", "APPLIED", "DUPLICATE");
        assertThat(objects.get(1).at("/after/onHand").asLong()).isEqualTo(12);
        assertThat(none.exitCode).isZero();
        assertThat(none.out).contains("No movements for sku-h|dc-9 on inventory.movements since");
        assertThat(badAge.exitCode).isEqualTo(2);
        assertThat(badAge.err).contains("'soon' is not an age");
    }

    @Test
    void historyFromAnUnreachableBrokerFailsNamingItsAddress() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        StringWriter err = new StringWriter();
        var cli = OmniStockCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));

        int exitCode =
                cli.execute(
                        "history",
                        "--sku",
                        "s",
                        "--node",
                        "n",
                        "--bootstrap",
                        "127.0.0.1:" + closed);

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString())
                .contains("error: cannot reach Kafka at 127.0.0.1:" + closed + " within 10 s");
    }

    @Test
    void anUnreachableBrokerFailsNamingItsAddressAndTheFix() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        StringWriter err = new StringWriter();
        var cli = OmniStockCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));

        int exitCode = cli.execute("tail", "alerts", "--bootstrap", "127.0.0.1:" + closed);

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("error: cannot reach Kafka at 127.0.0.1:" + closed + " within 10 s")
                .contains("--bootstrap host:port");
    }

    @Test
    void replayRepublishesTheOriginalBytesAndKeyOfTheChosenDeadLetters() {
        byte[] sale = Topics.POS.codec().encode(sale("pos-1"));
        byte[] other = Topics.POS.codec().encode(sale("pos-2"));
        try (KafkaTestClient client = new KafkaTestClient(KAFKA.bootstrapServers())) {
            client.send(
                    Topics.DEADLETTER,
                    "inventory.pos",
                    deadLetter("inventory.pos", 41, DeadLetterReason.UNKNOWN_NODE, sale),
                    AT.toEpochMilli());
            client.send(
                    Topics.DEADLETTER,
                    "inventory.wms",
                    deadLetter("inventory.wms", 42, DeadLetterReason.UNKNOWN_SKU, other),
                    AT.toEpochMilli());
            client.send(
                    Topics.DEADLETTER,
                    "inventory.pos",
                    deadLetter("inventory.pos", 43, DeadLetterReason.OVERSIZED_RECORD, other),
                    AT.toEpochMilli());
        }

        Run dryRun = run("deadletters", "replay", "--topic", "inventory.pos", "--dry-run");
        List<ConsumerRecord<String, byte[]>> afterDryRun = records("inventory.pos");
        Run replay = run("deadletters", "replay", "--reason", "UNKNOWN_NODE");

        assertThat(dryRun.exitCode).as(dryRun.err).isZero();
        assertThat(dryRun.out).contains("Would replay 1 dead letters", "skipped 1");
        assertThat(afterDryRun).isEmpty();
        assertThat(replay.exitCode).as(replay.err).isZero();
        assertThat(replay.out)
                .contains("Replayed 1 dead letters to their source topics, skipped 0");
        assertThat(replay.err).contains("dead letters read");
        List<ConsumerRecord<String, byte[]>> pos = records("inventory.pos");
        assertThat(pos).hasSize(1);
        assertThat(pos.get(0).key()).isEqualTo("sku-1");
        assertThat(pos.get(0).value()).isEqualTo(sale);
        assertThat(pos.get(0).timestamp()).isEqualTo(AT.toEpochMilli());
        assertThat(records("inventory.wms")).as("other reasons are not replayed").isEmpty();
    }

    @Test
    void everyCommandExplainsItselfAndReplayTellsThatRepeatsAreHarmless() {
        for (String[] command :
                List.of(
                        new String[] {"--help"},
                        new String[] {"topics", "create", "--help"},
                        new String[] {"topics", "describe", "--help"},
                        new String[] {"availability", "--help"},
                        new String[] {"tail", "--help"},
                        new String[] {"history", "--help"},
                        new String[] {"deadletters", "replay", "--help"})) {
            Run help = run(command);
            assertThat(help.exitCode).as(Arrays.toString(command)).isZero();
            assertThat(help.out).as(Arrays.toString(command)).contains("Usage: omnistock");
        }
        assertThat(run("deadletters", "replay", "--help").out)
                .contains("dedupes on event ids")
                .contains("--bootstrap")
                .contains("--config");
    }

    /** What a command printed and returned. */
    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        String line(String start) {
            return out.lines()
                    .filter(l -> l.startsWith(start))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no line " + start + " in\n" + out));
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = OmniStockCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> withBroker = new ArrayList<>(List.of(args));
        if (!withBroker.contains("--help")) {
            withBroker.addAll(List.of("--bootstrap", KAFKA.bootstrapServers()));
        }
        int exitCode = cli.execute(withBroker.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static List<String> columns(String line) {
        return List.of(line.trim().split("\\s+"));
    }

    private static Properties adminProperties() {
        Properties props = new Properties();
        props.putAll(KAFKA.adminProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return props;
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic) {
        Properties props = adminProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        TopicSnapshotReader.read(props, topic, records::add);
        return records;
    }

    private static Availability availability(String node, long version, long onHand) {
        return Availability.newBuilder()
                .setEventId("sku-7|" + node + '|' + version)
                .setEventTime(AT.plusSeconds(version))
                .setSku("sku-7")
                .setNodeId(node)
                .setNodeType(node.startsWith("dc") ? NodeType.DC : NodeType.STORE)
                .setOnHand(onHand)
                .setReserved(0)
                .setInTransit(0)
                .setSafetyStock(0)
                .setAtp(onHand)
                .setVersion(version)
                .setLastSource(SourceSystem.POS)
                .setLastEventId("pos-" + version)
                .build();
    }

    private static NetworkAvailability network(long version, long atp) {
        return NetworkAvailability.newBuilder()
                .setEventId("sku-7|" + version)
                .setEventTime(AT.plusSeconds(version))
                .setSku("sku-7")
                .setNetworkAtp(atp)
                .setStoreAtp(atp - 250)
                .setDcAtp(250)
                .setDarkStoreAtp(0)
                .setThreePlAtp(0)
                .setOpenNodes(2)
                .setVersion(version)
                .build();
    }

    private static Movement movement(
            String eventId,
            String type,
            long quantity,
            MovementOutcome outcome,
            long onHandBefore,
            long onHandAfter,
            long version) {
        return Movement.newBuilder()
                .setEventId(eventId)
                .setEventTime(AT)
                .setSku("sku-h")
                .setNodeId("dc-1")
                .setSource(SourceSystem.WMS)
                .setSourceTopic("inventory.wms")
                .setSourcePartition(1)
                .setSourceOffset(41)
                .setEventType(type)
                .setQuantity(quantity)
                .setReasonCode("R-" + eventId)
                .setOutcome(outcome)
                .setBefore(new PositionFigures(onHandBefore, 0L, 0L, onHandBefore))
                .setAfter(new PositionFigures(onHandAfter, 0L, 0L, onHandAfter))
                .setAvailabilityVersion(version)
                .build();
    }

    private static InventoryAlert alert(String eventId) {
        return InventoryAlert.newBuilder()
                .setEventId(eventId)
                .setEventTime(AT)
                .setSku("sku-1")
                .setNodeId("store-1")
                .setType(AlertType.OUT_OF_STOCK)
                .setAtp(0)
                .setPreviousAtp(2)
                .setThreshold(3)
                .build();
    }

    private static PosEvent sale(String eventId) {
        return PosEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(AT)
                .setSku("sku-1")
                .setNodeId("store-1")
                .setType(PosEventType.SALE)
                .setQuantity(1)
                .build();
    }

    private static DeadLetter deadLetter(
            String source, long offset, DeadLetterReason reason, byte[] original) {
        return DeadLetters.of(
                source, 0, offset, AT.toEpochMilli(), "sku-1", reason, null, original);
    }
}
