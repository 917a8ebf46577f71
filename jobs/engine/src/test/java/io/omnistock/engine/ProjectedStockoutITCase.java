package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.wms;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.Availability;
import io.omnistock.avro.InventoryAlert;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.avro.ProjectedAtp;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.ThreePlEventType;
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
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Projected stockouts end to end on a real Kafka broker and the Flink runtime, with the default
 * forecast options (half-life 3 d, lead time 2 d, horizons 1/3/7 d, minimum history 1 d): one store
 * position opens at 100 units and sells a steady 5 units every 12 hours (10 a day), never
 * replenished (an ASN of 50 is announced but never received). The PROJECTED_STOCKOUT alert arrives,
 * in event time, days before the OUT_OF_STOCK alert, with an expected stockout time close to the
 * real one, and the availability records carry projected ATP at each horizon.
 */
class ProjectedStockoutITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final String SKU = "SKU-STEADY";
    private static final String STORE = "STORE-STEADY";
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final int SALES = 20; // 20 x 5 = the 100 units

    @Test
    void aSteadyDemandIsPredictedToRunOutBeforeItDoes() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        // whole days in the past, so no event is ahead of the wall clock
        long t0 =
                Instant.now()
                        .truncatedTo(ChronoUnit.DAYS)
                        .minus(Duration.ofDays(20))
                        .toEpochMilli();
        long firstSale = t0 + DAY;
        long lastSale = firstSale + (SALES - 1) * 12 * HOUR; // the 20th sale empties the shelf

        try (KafkaTestClient client = new KafkaTestClient(KAFKA.bootstrapServers())) {
            client.send(
                    Topics.NODES,
                    STORE,
                    node(STORE, NodeType.STORE, 51.5, -0.1, 0, 1.0, NodeStatus.OPEN, t0 - DAY),
                    t0 - DAY);
            client.send(
                    Topics.WMS,
                    SKU,
                    wms(WmsEventType.CYCLE_COUNT, "open-count", t0, SKU, STORE, 100),
                    t0);
            client.send(Topics.THREE_PL, SKU, asn(t0 + HOUR, t0 + 5 * DAY), t0 + HOUR);
            for (int i = 0; i < SALES; i++) {
                long at = firstSale + i * 12 * HOUR;
                client.send(Topics.POS, SKU, sale("sale-" + i, at), at);
            }

            try (RunningLedger ledger =
                    RunningLedger.start(KAFKA.bootstrapServers(), DeliveryMode.AT_LEAST_ONCE)) {
                ledger.awaitAllResolved(3 + SALES, DEADLINE);

                List<InventoryAlert> alerts =
                        client
                                .readUntil(
                                        Topics.ALERTS,
                                        values ->
                                                values.stream()
                                                        .anyMatch(
                                                                a ->
                                                                        a.getType()
                                                                                == AlertType
                                                                                        .OUT_OF_STOCK),
                                        DEADLINE)
                                .stream()
                                .map(KeyedValue::value)
                                .filter(a -> a.getNodeId().equals(STORE))
                                .toList();
                List<InventoryAlert> projected =
                        alerts.stream()
                                .filter(a -> a.getType() == AlertType.PROJECTED_STOCKOUT)
                                .toList();
                InventoryAlert outOfStock =
                        alerts.stream()
                                .filter(a -> a.getType() == AlertType.OUT_OF_STOCK)
                                .findFirst()
                                .orElseThrow();

                assertThat(outOfStock.getEventTime().toEpochMilli()).isEqualTo(lastSale);
                assertThat(projected).as("one alert for one fall, no storm").hasSize(1);
                InventoryAlert alert = projected.get(0);
                long alertTime = alert.getEventTime().toEpochMilli();
                assertThat(alertTime)
                        .as("predicted a day or more ahead")
                        .isLessThan(lastSale - DAY);
                assertThat(alert.getAtp()).isPositive();
                assertThat(alert.getDaysOfCover()).isLessThan(2.0);
                assertThat(alert.getThreshold()).as("the lead time in hours").isEqualTo(48);
                assertThat(alert.getVelocityPerDay()).isCloseTo(10.0, within(3.0));
                assertThat(alert.getExpectedStockoutTime().toEpochMilli())
                        .as("expected stockout within a day of the real one")
                        .isBetween(lastSale - DAY, lastSale + DAY);

                // the first sale's record, by hand: velocity 5 ln2/3 / (1 - 2^(-1/3)) = 5.5998461
                // per day; ATP 95; +1 d: 95 - 5.60 = 89.4; +3 d: 95 - 16.80 = 78.2;
                // +7 d: 95 + 50 (the ASN due at +5 d) - 39.20 = 105.8
                Availability first =
                        client
                                .readUntil(
                                        Topics.AVAILABILITY,
                                        values ->
                                                values.stream()
                                                        .anyMatch(
                                                                a ->
                                                                        a.getEventTime()
                                                                                        .toEpochMilli()
                                                                                == lastSale),
                                        DEADLINE)
                                .stream()
                                .map(KeyedValue::value)
                                .filter(a -> a.getNodeId().equals(STORE))
                                .filter(a -> a.getLastEventId().equals("sale-0"))
                                .findFirst()
                                .orElseThrow();
                assertThat(first.getVelocityPerDay()).isCloseTo(5.5998461, within(1e-6));
                assertThat(first.getDaysOfCover()).isCloseTo(95 / 5.5998461, within(1e-6));
                assertThat(first.getProjected())
                        .extracting(ProjectedAtp::getHorizonHours, ProjectedAtp::getAtp)
                        .containsExactly(tuple(24L, 89L), tuple(72L, 78L), tuple(168L, 105L));
            }
        }
    }

    private static PosEvent sale(String eventId, long at) {
        return PosEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(Instant.ofEpochMilli(at))
                .setSku(SKU)
                .setNodeId(STORE)
                .setType(PosEventType.SALE)
                .setQuantity(5)
                .setVoidedEventId(null)
                .setTransactionId("txn-" + eventId)
                .build();
    }

    private static ThreePlEvent asn(long at, long eta) {
        return ThreePlEvent.newBuilder()
                .setEventId("asn-event-1")
                .setEventTime(Instant.ofEpochMilli(at))
                .setSku(SKU)
                .setNodeId(STORE)
                .setType(ThreePlEventType.ASN)
                .setQuantity(50)
                .setAsnId("ASN-1")
                .setEta(Instant.ofEpochMilli(eta))
                .setBatchId(null)
                .build();
    }
}
