package io.omnistock.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.SkuRecord;
import io.omnistock.avro.SourceSystem;
import io.omnistock.avro.SourcingRuleSet;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code omnistock what-if} against a real embedded broker, on a network small enough to decide by
 * hand: a store S1 (10 km from the customers) and a DC D1 (100 km), SKU-A (3 at S1 after a newer
 * availability version, 10 at D1), SKU-B (2 at S1, 3 at D1) and SKU-F (4 at S1, frozen on
 * reference.skus). In force on routing.rules: v3 {@code stores: * -> nodes=STORE} (a v4 that does
 * not read follows it). The draft backorders frozen orders, sends marketplace orders to DCs, lets
 * orders of 5 units or more use every node and keeps the rest on stores.
 *
 * <p>The orders, in event-time order, and what each rule set must do with them:
 *
 * <pre>
 * order  lines        in force (stores only)          draft
 * o1 WEB A x2         S1 2 (A@S1 3->1)                rest: S1 2 (A@S1 3->1)          same
 * o2 MKT A x2         S1 1 of 2 (A@S1 0)              marketplace: D1 2               changed
 * o3 WEB F x1, A x1   S1 F 1, A none: 1 of 2          frozen: BACKORDER               changed
 * o4 WEB A x1         nothing left at S1              rest: S1 1                      changed
 * o5 WEB B x5         S1 2 of 5                       big: S1 2 + D1 3 (a split)      changed
 * </pre>
 *
 * Units: 12 ordered; 2+1+1+0+2 = 6 allocated in force (fill 0.5), 2+2+0+1+5 = 10 under the draft
 * (0.833). Routed orders 4 and 4; split 0 of 4 and 1 of 4. o1 is promised a minute after it is
 * placed: late under both, so 3 of 4 on time under both. An older order written before --since and
 * an aborted one must not be replayed (they would take SKU-A).
 */
class WhatIfCommandITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final double LAT = 52.0;
    private static final double KM_PER_DEGREE = 6371.0 * Math.PI / 180.0;

    static final String DRAFT =
            """
            frozen: category=FROZEN -> BACKORDER
            marketplace: channel=MARKETPLACE -> nodes=DC
            big: units>=5 -> DEFAULT
            rest: * -> nodes=STORE
            """;

    private static final List<OrderRequest> ORDERS =
            List.of(
                    order("o1", "WEB", 0, 1, line("SKU-A", 2)),
                    order("o2", "MARKETPLACE", 1, 3 * 24 * 60, line("SKU-A", 2)),
                    order("o3", "WEB", 2, 3 * 24 * 60, line("SKU-F", 1), line("SKU-A", 1)),
                    order("o4", "WEB", 3, 3 * 24 * 60, line("SKU-A", 1)),
                    order("o5", "WEB", 4, 3 * 24 * 60, line("SKU-B", 5)));

    @BeforeAll
    static void recordedCluster() {
        KAFKA.createTopics(Topics.all(), 2);
        long at = T0.toEpochMilli();
        try (KafkaTestClient client = new KafkaTestClient(KAFKA.bootstrapServers())) {
            client.send(Topics.NODES, "S1", node("S1", NodeType.STORE, 10), at);
            client.send(Topics.NODES, "D1", node("D1", NodeType.DC, 100), at);
            client.send(Topics.AVAILABILITY, "SKU-A|S1", stock("SKU-A", "S1", 1, 9), at);
            client.send(Topics.AVAILABILITY, "SKU-A|S1", stock("SKU-A", "S1", 2, 3), at);
            client.send(Topics.AVAILABILITY, "SKU-A|D1", stock("SKU-A", "D1", 1, 10), at);
            client.send(Topics.AVAILABILITY, "SKU-B|S1", stock("SKU-B", "S1", 1, 2), at);
            client.send(Topics.AVAILABILITY, "SKU-B|D1", stock("SKU-B", "D1", 1, 3), at);
            client.send(Topics.AVAILABILITY, "SKU-F|S1", stock("SKU-F", "S1", 1, 4), at);
            // the newest category by event time wins, whatever the order of arrival
            client.send(Topics.SKUS, "SKU-F", sku("SKU-F", "frozen", 2), at);
            client.send(Topics.SKUS, "SKU-F", sku("SKU-F", "toys", 1), at);
            client.send(Topics.SKUS, "SKU-A", sku("SKU-A", "toys", 1), at);
            client.send(Topics.SKUS, "SKU-B", sku("SKU-B", "toys", 1), at);
            client.send(Topics.ROUTING_RULES, "default", rules(2, "dcs: * -> nodes=DC"), at);
            client.send(Topics.ROUTING_RULES, "default", rules(3, "stores: * -> nodes=STORE"), at);
            client.send(Topics.ROUTING_RULES, "default", rules(4, "not a rule"), at);
            // written two days before: left out by --since one day back
            client.send(
                    Topics.ORDER_REQUESTS,
                    "o0",
                    order("o0", "WEB", -1, 60, line("SKU-A", 3)),
                    at - Duration.ofDays(2).toMillis());
            for (OrderRequest order : ORDERS) {
                client.send(Topics.ORDER_REQUESTS, order.getOrderId(), order, at);
            }
            client.sendAborted(
                    Topics.ORDER_REQUESTS,
                    "o9",
                    order("o9", "WEB", 5, 60, line("SKU-A", 1)),
                    "what-if-it-aborted");
        }
    }

    @Test
    void recordedOrdersAreReplayedUnderTheDraftAndTheRulesInForceSideBySide(@TempDir Path dir)
            throws Exception {
        Path draft = Files.writeString(dir.resolve("draft.rules"), DRAFT);
        Path file = dir.resolve("orders.jsonl");
        RecordJson json = new RecordJson(RecordJson.Bytes.base64);
        Files.writeString(
                file,
                "# the same orders, as tail --json prints them\n"
                        + ORDERS.stream()
                                .map(o -> json.toJson(o).toString())
                                .collect(Collectors.joining("\n")));

        Run topic =
                run(
                        "what-if",
                        "--draft",
                        draft.toString(),
                        "--from-topic",
                        "--since",
                        T0.minus(Duration.ofDays(1)).toString(),
                        "--list",
                        "3");
        Run fromFile =
                run(
                        "what-if",
                        "--draft",
                        draft.toString(),
                        "--orders",
                        file.toString(),
                        "--list",
                        "3");

        assertThat(topic.exitCode).as(topic.err).isZero();
        assertThat(topic.out)
                .contains("What-if: 5 orders from orders.requests since 2026-03-01T10:00:00Z")
                .contains("2 nodes, opening stock of 5 SKU x node positions, categories of 3 SKUs")
                .contains("| figure | routing.rules (v3) | draft draft.rules (v4) | change |")
                .contains("| orders | 5 | 5 | = |")
                .contains("| routed orders | 4 | 4 | = |")
                .contains("| on time against the promise | 0.750 | 0.750 | = |")
                .contains("| split rate | 0.000 | 0.250 | new |")
                .contains("| fill rate (units) | 0.500 | 0.833 | +66.7% |")
                .contains("| backordered by a rule | 0 | 1 | new |")
                .contains("Orders decided otherwise: 4 (the first 3)");
        assertThat(topic.lines().stream().filter(l -> l.matches("\\| o\\d .*")))
                .containsExactly(
                        "| o2 | PARTIAL S1 (stores) | ROUTED D1 (marketplace) |",
                        "| o3 | PARTIAL S1 (stores) | BACKORDERED (frozen) |",
                        "| o4 | BACKORDERED (stores) | ROUTED S1 (rest) |");
        assertThat(topic.err).contains("order records read");
        // the file holds the same orders: the same comparison
        assertThat(fromFile.exitCode).as(fromFile.err).isZero();
        assertThat(fromFile.out).startsWith("What-if: 5 orders from " + file);
        assertThat(report(fromFile.out)).isEqualTo(report(topic.out));
        // nothing committed: the command joined no group
        try (Admin admin = Admin.create(adminProperties())) {
            assertThat(admin.listGroups().all().get()).isEmpty();
        }
    }

    @Test
    void userMistakesFailInOneLineNamingWhatIsWrong(@TempDir Path dir) throws Exception {
        Path draft = Files.writeString(dir.resolve("draft.rules"), DRAFT);
        Path bad =
                Files.writeString(
                        dir.resolve("bad.rules"), "ok: * -> DEFAULT\nb: colour=red -> DEFAULT\n");
        Path orders =
                Files.writeString(
                        dir.resolve("orders.jsonl"),
                        "\n{\"eventId\": \"e1\", \"eventTime\": \"yesterday\"}\n");

        Run badRules = run("what-if", "--draft", bad.toString(), "--from-topic");
        Run badFile = run("what-if", "--draft", draft.toString(), "--orders", orders.toString());
        Run noFile = run("what-if", "--draft", draft.toString(), "--orders", "no-such.jsonl");
        Run both =
                run(
                        "what-if",
                        "--draft",
                        draft.toString(),
                        "--orders",
                        orders.toString(),
                        "--limit",
                        "3");

        assertThat(badRules.exitCode).isEqualTo(1);
        assertThat(badRules.err.strip())
                .isEqualTo(
                        "error: the rule set of --draft "
                                + bad
                                + " does not read: line 2: condition 'colour=red' is not channel=,"
                                + " region=, category=, method=, preference=, units>=, units<,"
                                + " value>=, value< or hours=");
        assertThat(badFile.exitCode).isEqualTo(1);
        assertThat(badFile.err.strip())
                .startsWith("error: " + orders + " line 2: eventTime must be an ISO-8601 instant");
        assertThat(noFile.err.strip()).isEqualTo("error: no file no-such.jsonl");
        assertThat(both.exitCode).isEqualTo(2);
        assertThat(both.err).contains("--since and --limit go with --from-topic, not --orders");
    }

    private static String report(String out) {
        return out.substring(out.indexOf("| figure |"));
    }

    private static Properties adminProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return props;
    }

    private static OrderLine line(String sku, int quantity) {
        return new OrderLine(sku, quantity);
    }

    private static OrderRequest order(
            String id, String channel, int minute, int promiseMinutes, OrderLine... lines) {
        Instant time = T0.plus(Duration.ofMinutes(minute));
        return OrderRequest.newBuilder()
                .setEventId("e-" + id)
                .setEventTime(time)
                .setOrderId(id)
                .setChannel(channel)
                .setLines(new ArrayList<>(List.of(lines)))
                .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                .setShipFromStoreAllowed(true)
                .setDestinationLatitude(LAT)
                .setDestinationLongitude(0.0)
                .setPromiseBy(time.plus(Duration.ofMinutes(promiseMinutes)))
                .setPreference(RoutingPreference.BALANCED)
                .setRegion("EAST")
                .build();
    }

    private static NodeRecord node(String id, NodeType type, double km) {
        return NodeRecord.newBuilder()
                .setEventId("n-" + id)
                .setEventTime(T0.minus(Duration.ofDays(30)))
                .setNodeId(id)
                .setType(type)
                .setLatitude(LAT + km / KM_PER_DEGREE)
                .setLongitude(0.0)
                .setRegion("EAST")
                .setHandlingCost(type == NodeType.DC ? 1.0 : 0.5)
                .setFulfilmentMethods(
                        type == NodeType.DC
                                ? List.of(FulfilmentMethod.SHIP_TO_HOME)
                                : List.of(
                                        FulfilmentMethod.SHIP_TO_HOME,
                                        FulfilmentMethod.SHIP_FROM_STORE))
                .setStatus(NodeStatus.OPEN)
                .build();
    }

    private static io.omnistock.avro.Availability stock(
            String sku, String node, long version, long atp) {
        return io.omnistock.avro.Availability.newBuilder()
                .setEventId(sku + "|" + node + "|" + version)
                .setEventTime(T0.minusSeconds(60 - version))
                .setSku(sku)
                .setNodeId(node)
                .setNodeType(node.startsWith("D") ? NodeType.DC : NodeType.STORE)
                .setOnHand(atp)
                .setReserved(0)
                .setInTransit(0)
                .setSafetyStock(0)
                .setAtp(atp)
                .setVersion(version)
                .setLastSource(SourceSystem.WMS)
                .setLastEventId("wms-" + version)
                .build();
    }

    private static SkuRecord sku(String sku, String category, long minute) {
        return SkuRecord.newBuilder()
                .setEventId(sku + "-" + minute)
                .setEventTime(T0.minus(Duration.ofHours(1)).plus(Duration.ofMinutes(minute)))
                .setSku(sku)
                .setCategory(category)
                .build();
    }

    private static SourcingRuleSet rules(long version, String text) {
        return SourcingRuleSet.newBuilder()
                .setEventId("rules-" + version)
                .setEventTime(T0.minus(Duration.ofDays(1)).plusSeconds(version))
                .setRuleSetId("default")
                .setVersion(version)
                .setText(text)
                .build();
    }

    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = OmniStockCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> withBroker = new ArrayList<>(List.of(args));
        withBroker.addAll(List.of("--bootstrap", KAFKA.bootstrapServers()));
        int exitCode = cli.execute(withBroker.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }
}
