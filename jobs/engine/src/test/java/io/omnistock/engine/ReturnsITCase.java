package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.awaitFigures;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.kmNorth;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.stock;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.ConditionGrade;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DispositionType;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.ReturnGrading;
import io.omnistock.avro.SourceSystem;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Returns on the running job (docs/design.md section 5): each returned line is triaged by the
 * default rules onto returns.dispositions, once, with the rule that decided it; RESTOCK adds
 * sellable on-hand at the receiving node and so shows in the availability topic; the other
 * dispositions add nothing; a RETURN_RECEIVED without a grade is a dead letter with its bytes.
 *
 * <p>The parcel of return "r-sealed" travels from the customer to D1, 200 km north on the same
 * meridian: 200 x 1.2 (TRUCK_LTL circuity) = 240 km; 2 units x 1 kg; 240 x 0.002 t x 0.12522
 * kg/t.km = 0.0601056 kg, + 0.50999 kg for the parcel = 0.5700956 kg CO2e.
 */
class ReturnsITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final double LAT = 51.5;
    private static final double LON = 0.0;
    private static final String SKU = "SKU-R";

    @Test
    void returnsAreTriagedAndRestocksShowInAvailability() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long now = System.currentTimeMillis();
        long nodeTime = now - Duration.ofHours(2).toMillis();
        long stockTime = now - Duration.ofHours(1).toMillis();
        long returnTime = now - Duration.ofMinutes(10).toMillis();

        NodeRecord s1 =
                node(
                        "S1",
                        NodeType.STORE,
                        kmNorth(LAT, 10),
                        LON,
                        0,
                        3.0,
                        NodeStatus.OPEN,
                        nodeTime,
                        FulfilmentMethod.BOPIS);
        NodeRecord d1 =
                node(
                        "D1",
                        NodeType.DC,
                        kmNorth(LAT, 200),
                        LON,
                        0,
                        1.0,
                        NodeStatus.OPEN,
                        nodeTime,
                        FulfilmentMethod.SHIP_TO_HOME);

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.AT_LEAST_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            client.send(Topics.NODES, "S1", s1, nodeTime);
            client.send(Topics.NODES, "D1", d1, nodeTime);
            stock(client, WmsEventType.RECEIPT, SKU, "D1", 10, stockTime);
            stock(client, WmsEventType.RECEIPT, SKU, "S1", 5, stockTime);
            awaitFigures(
                    client, Map.of(SKU + "|D1", figures(10, 0, 10), SKU + "|S1", figures(5, 0, 5)));

            OrderLifecycleEvent sealed =
                    returnReceived(
                                    "r-sealed",
                                    "ORD-1",
                                    "D1",
                                    2,
                                    ConditionGrade.A,
                                    "toys",
                                    20.0,
                                    returnTime)
                            .setReturnedFromLatitude(LAT)
                            .setReturnedFromLongitude(LON)
                            .build();
            client.send(Topics.ORDER_LIFECYCLE, "ORD-1", sealed, returnTime);
            client.send(Topics.ORDER_LIFECYCLE, "ORD-1", sealed, returnTime); // a re-send
            client.send(
                    Topics.ORDER_LIFECYCLE,
                    "ORD-2",
                    returnReceived(
                                    "r-broken",
                                    "ORD-2",
                                    "D1",
                                    3,
                                    ConditionGrade.D,
                                    "toys",
                                    5.0,
                                    returnTime)
                            .build(),
                    returnTime);
            client.send(
                    Topics.ORDER_LIFECYCLE,
                    "ORD-3",
                    returnReceived(
                                    "r-lipstick",
                                    "ORD-3",
                                    "S1",
                                    1,
                                    ConditionGrade.B,
                                    "beauty",
                                    15.0,
                                    returnTime)
                            .build(),
                    returnTime);
            client.send(
                    Topics.POS,
                    SKU,
                    PosEvent.newBuilder()
                            .setEventId("r-till")
                            .setEventTime(Instant.ofEpochMilli(returnTime))
                            .setSku(SKU)
                            .setNodeId("S1")
                            .setType(PosEventType.RETURN)
                            .setQuantity(1)
                            .build(),
                    returnTime);
            OrderLifecycleEvent ungraded =
                    returnReceived(
                                    "r-ungraded",
                                    "ORD-4",
                                    "D1",
                                    1,
                                    ConditionGrade.A,
                                    "toys",
                                    20.0,
                                    returnTime)
                            .setGrading(null)
                            .build();
            client.send(Topics.ORDER_LIFECYCLE, "ORD-4", ungraded, returnTime);

            // D1: 10 + 2 restocked (the re-send and the recycled 3 add nothing); S1: 5 + 1 till
            // return
            awaitFigures(
                    client, Map.of(SKU + "|D1", figures(12, 0, 12), SKU + "|S1", figures(6, 0, 6)));
            List<KeyedValue<ReturnDisposition>> records =
                    client.readUntil(
                            Topics.RETURN_DISPOSITIONS, values -> values.size() >= 4, DEADLINE);
            Map<String, ReturnDisposition> byReturn =
                    records.stream().collect(Collectors.toMap(KeyedValue::key, KeyedValue::value));
            assertThat(records).as("one disposition per return, re-send included").hasSize(4);
            assertThat(byReturn).containsOnlyKeys("r-sealed", "r-broken", "r-lipstick", "r-till");

            ReturnDisposition restocked = byReturn.get("r-sealed");
            assertThat(restocked.getDisposition()).isEqualTo(DispositionType.RESTOCK);
            assertThat(restocked.getRule()).isEqualTo("sealed");
            assertThat(restocked.getOrderId()).isEqualTo("ORD-1");
            assertThat(restocked.getNodeId()).isEqualTo("D1");
            assertThat(restocked.getRegion()).isEqualTo("UK");
            assertThat(restocked.getReturnDistanceKm()).isCloseTo(240.0, within(1e-6));
            assertThat(restocked.getReturnCo2eKg()).isCloseTo(0.5700956, within(1e-6));

            assertThat(byReturn.get("r-broken").getDisposition())
                    .isEqualTo(DispositionType.RECYCLE);
            assertThat(byReturn.get("r-broken").getRule()).isEqualTo("rest");
            assertThat(byReturn.get("r-lipstick").getDisposition())
                    .isEqualTo(DispositionType.LIQUIDATE);
            assertThat(byReturn.get("r-lipstick").getRule()).isEqualTo("opened-hygiene");
            assertThat(byReturn.get("r-lipstick").getReturnCo2eKg()).as("handed in").isZero();
            ReturnDisposition till = byReturn.get("r-till");
            assertThat(till.getDisposition()).isEqualTo(DispositionType.RESTOCK);
            assertThat(till.getRule()).isEqualTo("ungraded-till-return");
            assertThat(till.getSource()).isEqualTo(SourceSystem.POS);

            List<KeyedValue<DeadLetter>> dead =
                    client.readUntil(Topics.DEADLETTER, values -> !values.isEmpty(), DEADLINE);
            assertThat(dead).hasSize(1);
            DeadLetter letter = dead.get(0).value();
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
            assertThat(letter.getSourceTopic()).isEqualTo(Topics.ORDER_LIFECYCLE.name());
            assertThat(Topics.ORDER_LIFECYCLE.codec().decode(letter.getOriginalBytes().array()))
                    .isEqualTo(ungraded);
        }
    }

    private static OrderLifecycleEvent.Builder returnReceived(
            String eventId,
            String orderId,
            String nodeId,
            int units,
            ConditionGrade grade,
            String category,
            double value,
            long time) {
        return OrderLifecycleEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(Instant.ofEpochMilli(time))
                .setOrderId(orderId)
                .setType(LifecycleType.RETURN_RECEIVED)
                .setSku(SKU)
                .setQuantity(units)
                .setReceivingNodeId(nodeId)
                .setGrading(
                        ReturnGrading.newBuilder()
                                .setConditionGrade(grade)
                                .setCategory(category)
                                .setUnitValue(value)
                                .setReturnReason("changed mind")
                                .build());
    }
}
