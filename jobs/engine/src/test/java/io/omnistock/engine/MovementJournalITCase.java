package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.wms;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.Movement;
import io.omnistock.avro.MovementOutcome;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.avro.PositionFigures;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.ThreePlEventType;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The movement journal end to end on a real Kafka broker and the Flink runtime: a count with a
 * reason code, a sale delivered twice, a stale re-count with a reason code, an ASN, a 3PL snapshot
 * of a batch and a VOID of no sale. Every event but the VOID (a dead letter) is one record on
 * inventory.movements with its outcome and origin, and each position's records chain from nothing
 * to its final figures, whatever order the three input topics interleave in.
 */
class MovementJournalITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final String SKU = "SKU-J";
    private static final String DC = "DC-J";
    private static final String THREE_PL = "3PL-J";
    private static final long HOUR = 3_600_000L;

    @Test
    void everyJudgedEventIsOneRecordAndThePositionsChain() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        long t0 =
                Instant.now()
                        .truncatedTo(ChronoUnit.HOURS)
                        .minus(Duration.ofDays(1))
                        .toEpochMilli();
        WmsEvent count = wms(WmsEventType.CYCLE_COUNT, "count-1", t0 + HOUR, SKU, DC, 100);
        count.setReasonCode("CC-ANNUAL");
        WmsEvent staleCount = wms(WmsEventType.CYCLE_COUNT, "count-0", t0, SKU, DC, 90);
        staleCount.setReasonCode("CC-LATE-UPLOAD");

        try (KafkaTestClient client = new KafkaTestClient(KAFKA.bootstrapServers())) {
            long before = t0 - 24 * HOUR;
            client.send(
                    Topics.NODES,
                    DC,
                    node(DC, NodeType.DC, 51.5, -0.1, 0, 1.0, NodeStatus.OPEN, before),
                    before);
            client.send(
                    Topics.NODES,
                    THREE_PL,
                    node(THREE_PL, NodeType.THREE_PL, 52.0, -1.0, 0, 1.0, NodeStatus.OPEN, before),
                    before);
            client.send(Topics.WMS, SKU, count, t0 + HOUR);
            client.send(Topics.POS, SKU, pos("sale-1", PosEventType.SALE, 3, t0 + 2 * HOUR), t0);
            client.send(Topics.POS, SKU, pos("sale-1", PosEventType.SALE, 3, t0 + 2 * HOUR), t0);
            client.send(Topics.WMS, SKU, staleCount, t0);
            client.send(Topics.THREE_PL, SKU, asn(t0 + 3 * HOUR), t0 + 3 * HOUR);
            client.send(Topics.THREE_PL, SKU, snapshot(t0 + HOUR), t0 + HOUR);
            PosEvent voidOfNothing = pos("void-1", PosEventType.VOID, 1, t0 + 4 * HOUR);
            voidOfNothing.setVoidedEventId("no-such-sale");
            client.send(Topics.POS, SKU, voidOfNothing, t0 + 4 * HOUR);

            Configuration journal = new Configuration();
            journal.set(LedgerOptions.JOURNAL_ENABLED, true);
            try (RunningLedger ledger =
                    RunningLedger.start(
                            KAFKA.bootstrapServers(),
                            DeliveryMode.AT_LEAST_ONCE,
                            Duration.ofMillis(500),
                            journal)) {
                ledger.awaitAllResolved(9, 1, DEADLINE);

                List<KeyedValue<Movement>> records =
                        client.readUntil(Topics.MOVEMENTS, values -> values.size() >= 6, DEADLINE);
                List<DeadLetter> dead =
                        client
                                .readUntil(Topics.DEADLETTER, values -> !values.isEmpty(), DEADLINE)
                                .stream()
                                .map(KeyedValue::value)
                                .toList();

                assertThat(dead)
                        .extracting(DeadLetter::getReason)
                        .containsExactly(DeadLetterReason.UNKNOWN_SALE);
                assertThat(records)
                        .extracting(KeyedValue::key)
                        .containsOnly(
                                Topics.positionKey(SKU, DC), Topics.positionKey(SKU, THREE_PL));
                List<Movement> movements = records.stream().map(KeyedValue::value).toList();
                assertThat(movements)
                        .as("one record per judged event, not the VOID")
                        .extracting(
                                Movement::getEventId,
                                Movement::getOutcome,
                                Movement::getSourceTopic,
                                Movement::getReasonCode,
                                Movement::getBatchId,
                                Movement::getAsnId)
                        .containsExactlyInAnyOrder(
                                tuple(
                                        "count-1",
                                        MovementOutcome.APPLIED,
                                        "inventory.wms",
                                        "CC-ANNUAL",
                                        null,
                                        null),
                                tuple(
                                        "sale-1",
                                        MovementOutcome.APPLIED,
                                        "inventory.pos",
                                        null,
                                        null,
                                        null),
                                tuple(
                                        "sale-1",
                                        MovementOutcome.DUPLICATE,
                                        "inventory.pos",
                                        null,
                                        null,
                                        null),
                                tuple(
                                        "count-0",
                                        MovementOutcome.STALE_COUNT,
                                        "inventory.wms",
                                        "CC-LATE-UPLOAD",
                                        null,
                                        null),
                                tuple(
                                        "asn-1",
                                        MovementOutcome.APPLIED,
                                        "inventory.3pl",
                                        null,
                                        null,
                                        "ASN-9"),
                                tuple(
                                        "snap-1",
                                        MovementOutcome.APPLIED,
                                        "inventory.3pl",
                                        null,
                                        "B-7",
                                        null));
                assertThat(movements)
                        .allSatisfy(
                                m -> {
                                    assertThat(m.getSourceOffset()).isNotNegative();
                                    assertThat(m.getSourcePartition()).isBetween(0, 1);
                                });
                Map<String, PositionFigures> last = chainedByKey(movements);
                assertThat(last.get(DC))
                        .as(
                                "count 100, sale 3, an ASN of 20; the duplicate and stale count change nothing")
                        .isEqualTo(new PositionFigures(97L, 0L, 20L, 97L));
                assertThat(last.get(THREE_PL)).isEqualTo(new PositionFigures(40L, 0L, 0L, 40L));
                Movement duplicate =
                        movements.stream()
                                .filter(m -> m.getOutcome() == MovementOutcome.DUPLICATE)
                                .findFirst()
                                .orElseThrow();
                assertThat(duplicate.getAfter()).isEqualTo(duplicate.getBefore());
                assertThat(duplicate.getQuantity()).isEqualTo(3);
                assertThat(duplicate.getEventType()).isEqualTo("SALE");
            }
        }
    }

    /**
     * Checks each node's chain (each record starts where the one before ended); its last figures.
     */
    private static Map<String, PositionFigures> chainedByKey(List<Movement> movements) {
        Map<String, PositionFigures> last = new LinkedHashMap<>();
        Map<String, List<Long>> versions = new LinkedHashMap<>();
        for (Movement m : movements) {
            PositionFigures previous =
                    last.getOrDefault(m.getNodeId(), new PositionFigures(0L, 0L, 0L, 0L));
            assertThat(m.getBefore()).as(m.toString()).isEqualTo(previous);
            last.put(m.getNodeId(), m.getAfter());
            versions.computeIfAbsent(m.getNodeId(), n -> new ArrayList<>())
                    .add(m.getAvailabilityVersion());
        }
        versions.values().forEach(v -> assertThat(v).isSorted());
        return last;
    }

    private static PosEvent pos(String eventId, PosEventType type, int quantity, long at) {
        return PosEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(Instant.ofEpochMilli(at))
                .setSku(SKU)
                .setNodeId(DC)
                .setType(type)
                .setQuantity(quantity)
                .setVoidedEventId(null)
                .setTransactionId("txn-" + eventId)
                .build();
    }

    private static ThreePlEvent asn(long at) {
        return ThreePlEvent.newBuilder()
                .setEventId("asn-1")
                .setEventTime(Instant.ofEpochMilli(at))
                .setSku(SKU)
                .setNodeId(DC)
                .setType(ThreePlEventType.ASN)
                .setQuantity(20)
                .setAsnId("ASN-9")
                .setEta(Instant.ofEpochMilli(at + 48 * HOUR))
                .setBatchId(null)
                .build();
    }

    private static ThreePlEvent snapshot(long asOf) {
        return ThreePlEvent.newBuilder()
                .setEventId("snap-1")
                .setEventTime(Instant.ofEpochMilli(asOf))
                .setSku(SKU)
                .setNodeId(THREE_PL)
                .setType(ThreePlEventType.SNAPSHOT)
                .setQuantity(40)
                .setAsnId(null)
                .setEta(null)
                .setBatchId("B-7")
                .build();
    }
}
