package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.decisionsByOrder;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.figuresOf;
import static io.omnistock.engine.OrderFixtures.lifecycle;
import static io.omnistock.engine.OrderFixtures.line;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.shipToHome;
import static io.omnistock.engine.OrderFixtures.stock;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static io.omnistock.engine.RunningLedger.counter;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.engine.functions.LedgerMetrics;
import io.omnistock.testing.Await;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every kind of bad order input, sent to a running ledger job: each record ends in {@code
 * deadletter} with its own reason code and its original bytes; each order that can be identified
 * gets exactly one decision, REJECTED (but a duplicate order id keeps the first copy's routing);
 * nothing is reserved for a rejected order; a valid order sent afterwards is still routed; the job
 * never restarts, and records in = processed + dead-lettered.
 */
class RoutingBadOrdersITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final double LAT = 51.5;
    private static final double LON = -0.1;

    /** One bad input: where it went, its bytes, the reason it must be dead-lettered with. */
    private record Bad(String topic, String key, byte[] bytes, DeadLetterReason reason) {}

    @Test
    void everyBadOrderIsDeadLetteredRejectedOnceAndTheJobRoutesOn(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long now = System.currentTimeMillis();
        long nodeTime = now - Duration.ofHours(2).toMillis();
        long stockTime = now - Duration.ofHours(1).toMillis();
        long t = now - Duration.ofMinutes(30).toMillis();

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.AT_LEAST_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            long published = 0;
            for (NodeRecord n :
                    List.of(
                            node(
                                    "S1",
                                    NodeType.STORE,
                                    51.52,
                                    -0.12,
                                    0,
                                    3.0,
                                    NodeStatus.OPEN,
                                    nodeTime,
                                    FulfilmentMethod.SHIP_FROM_STORE,
                                    FulfilmentMethod.BOPIS),
                            node(
                                    "D1",
                                    NodeType.DC,
                                    52.45,
                                    -1.90,
                                    0,
                                    1.0,
                                    NodeStatus.OPEN,
                                    nodeTime,
                                    FulfilmentMethod.SHIP_TO_HOME))) {
                client.send(Topics.NODES, n.getNodeId(), n, nodeTime);
                published++;
            }
            for (String nodeId : List.of("S1", "D1")) {
                stock(client, WmsEventType.RECEIPT, "SKU-A", nodeId, 10, stockTime);
                published++;
            }
            Await.until(
                    "the ledger holds the opening stock",
                    () -> figuresOf(client, List.of("SKU-A|S1", "SKU-A|D1")),
                    Map.of("SKU-A|S1", figures(10, 0, 10), "SKU-A|D1", figures(10, 0, 10))::equals,
                    DEADLINE);

            List<Bad> bad = new ArrayList<>();
            bad.add(
                    order(
                            client,
                            valid("unknown-sku", t)
                                    .setLines(List.of(line("SKU-A", 1), line("SKU-NOPE", 1))),
                            DeadLetterReason.UNKNOWN_SKU));
            bad.add(
                    order(
                            client,
                            valid("zero-qty", t).setLines(List.of(line("SKU-A", 0))),
                            DeadLetterReason.NON_POSITIVE_QUANTITY));
            bad.add(
                    order(
                            client,
                            valid("negative-qty", t)
                                    .setLines(List.of(line("SKU-A", 1), line("SKU-A", -2))),
                            DeadLetterReason.NON_POSITIVE_QUANTITY));
            bad.add(
                    order(
                            client,
                            valid("no-destination", t)
                                    .setDestinationLatitude(null)
                                    .setDestinationLongitude(null),
                            DeadLetterReason.MISSING_DESTINATION));
            bad.add(
                    order(
                            client,
                            valid("unknown-pickup", t)
                                    .setMethod(FulfilmentMethod.BOPIS)
                                    .setDestinationLatitude(null)
                                    .setDestinationLongitude(null)
                                    .setPickupNodeId("S-NOWHERE"),
                            DeadLetterReason.UNKNOWN_PICKUP_NODE));
            bad.add(
                    order(
                            client,
                            valid("empty", t).setLines(List.of()),
                            DeadLetterReason.EMPTY_ORDER));
            send(
                    client,
                    Topics.ORDER_REQUESTS.name(),
                    "duplicate",
                    Topics.ORDER_REQUESTS.codec().encode(valid("duplicate", t).build()),
                    t);
            bad.add(
                    order(
                            client,
                            valid("duplicate", t + 1_000).setEventId("req-duplicate-again"),
                            DeadLetterReason.DUPLICATE_ORDER));
            byte[] ghost =
                    Topics.ORDER_LIFECYCLE
                            .codec()
                            .encode(
                                    lifecycle(
                                            "ghost-cancelled",
                                            t,
                                            "ghost",
                                            LifecycleType.CANCELLED));
            send(client, Topics.ORDER_LIFECYCLE.name(), "ghost", ghost, t);
            bad.add(
                    new Bad(
                            Topics.ORDER_LIFECYCLE.name(),
                            "ghost",
                            ghost,
                            DeadLetterReason.UNKNOWN_ORDER));
            // a string length of -1: not an OrderRequest
            byte[] garbage = {0x01, 0x02, 0x03, 0x04};
            send(client, Topics.ORDER_REQUESTS.name(), "garbage", garbage, t);
            bad.add(
                    new Bad(
                            Topics.ORDER_REQUESTS.name(),
                            "garbage",
                            garbage,
                            DeadLetterReason.UNDECODABLE));
            assertThat(bad.stream().map(Bad::reason).distinct()).hasSize(8);

            // Sent after all the bad ones: routing carries on. Its time is past the ghost's by
            // more than the watermark's out-of-orderness (10 min), so routing stops waiting for
            // the ghost's order (it could have come late, on its own topic).
            long later = t + Duration.ofMinutes(11).toMillis();
            send(
                    client,
                    Topics.ORDER_REQUESTS.name(),
                    "valid-after",
                    Topics.ORDER_REQUESTS.codec().encode(valid("valid-after", later).build()),
                    later);
            List<KeyedValue<DeadLetter>> deadLetters =
                    client.readUntil(
                            Topics.DEADLETTER, values -> values.size() >= bad.size(), DEADLINE);
            published += bad.size() + 2; // + the duplicate's first copy and valid-after
            client.readUntil(
                    Topics.DECISIONS,
                    values -> values.stream().anyMatch(d -> d.getOrderId().equals("valid-after")),
                    DEADLINE);
            Map<String, List<RoutingDecision>> decisions =
                    decisionsByOrder(client.readAll(Topics.DECISIONS, Duration.ofSeconds(1)));
            deadLetters = client.readAll(Topics.DEADLETTER, Duration.ofMillis(500));

            // dead letters: one per bad record, with its reason, origin and original bytes
            assertThat(deadLetters).hasSameSizeAs(bad);
            for (Bad b : bad) {
                assertThat(deadLetters)
                        .as(
                                "%s (%s) is dead-lettered with its reason and bytes",
                                b.key(), b.reason())
                        .filteredOn(d -> b.key().equals(d.value().getKey()))
                        .singleElement()
                        .satisfies(
                                d -> {
                                    assertThat(d.value().getReason()).isEqualTo(b.reason());
                                    assertThat(d.value().getSourceTopic()).isEqualTo(b.topic());
                                    assertThat(bytes(d.value())).isEqualTo(b.bytes());
                                });
            }

            // decisions: one REJECTED per identifiable bad order, none for the rest
            for (String rejected :
                    List.of(
                            "unknown-sku",
                            "zero-qty",
                            "negative-qty",
                            "no-destination",
                            "unknown-pickup",
                            "empty")) {
                assertThat(decisions.get(rejected))
                        .as("decisions of %s", rejected)
                        .singleElement()
                        .satisfies(
                                d -> {
                                    assertThat(d.getStatus()).isEqualTo(DecisionStatus.REJECTED);
                                    assertThat(d.getRevision()).isEqualTo(1);
                                    assertThat(d.getAllocations()).isEmpty();
                                    assertThat(d.getReason())
                                            .startsWith(
                                                    bad.stream()
                                                            .filter(b -> b.key().equals(rejected))
                                                            .findFirst()
                                                            .orElseThrow()
                                                            .reason()
                                                            .name());
                                });
            }
            for (String routed : List.of("duplicate", "valid-after")) {
                assertThat(decisions.get(routed))
                        .as("decisions of %s", routed)
                        .singleElement()
                        .satisfies(
                                d -> {
                                    assertThat(d.getStatus()).isEqualTo(DecisionStatus.ROUTED);
                                    assertThat(d.getUnitsAllocated()).isEqualTo(1);
                                });
            }
            assertThat(decisions).doesNotContainKeys("ghost", "garbage");
            assertThat(decisions).hasSize(8);

            // only the two routed orders hold stock: 1 unit each
            Await.until(
                    "SKU-A reserved at S1 and D1 adds up to the 2 routed units",
                    () ->
                            OrderFixtures.latestAvailability(client).values().stream()
                                    .mapToLong(a -> a.getReserved())
                                    .sum(),
                    reserved -> reserved == 2,
                    Duration.ofSeconds(10));

            // the job never restarted: every record in (the job's own reservation requests too)
            // is counted processed or dead-lettered by the first and only attempt
            Map<String, Object> counters =
                    ledger.awaitAllResolvedWithLoop(published, bad.size(), client, DEADLINE);
            assertThat(counter(counters, LedgerMetrics.DEAD_LETTERED)).isEqualTo(bad.size());
            assertThat(JobAttempts.highestAttempt(cluster, ledger.client().getJobID()))
                    .as("attempt number of every task")
                    .isZero();
            assertThat(ledger.client().getJobStatus().get().isTerminalState()).isFalse();
        }
    }

    /** A valid order: 1 x SKU-A shipped home to central London. */
    private static OrderRequest.Builder valid(String orderId, long time) {
        return shipToHome(orderId, time, RoutingPreference.BALANCED, LAT, LON, line("SKU-A", 1));
    }

    private static Bad order(
            KafkaTestClient client, OrderRequest.Builder order, DeadLetterReason reason) {
        OrderRequest request = order.build();
        byte[] bytes = Topics.ORDER_REQUESTS.codec().encode(request);
        long time = request.getEventTime().toEpochMilli();
        send(client, Topics.ORDER_REQUESTS.name(), request.getOrderId(), bytes, time);
        return new Bad(Topics.ORDER_REQUESTS.name(), request.getOrderId(), bytes, reason);
    }

    private static void send(
            KafkaTestClient client, String topic, String key, byte[] bytes, long time) {
        client.send(topic, key, bytes, time);
    }

    private static byte[] bytes(DeadLetter d) {
        ByteBuffer buffer = d.getOriginalBytes().duplicate();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
