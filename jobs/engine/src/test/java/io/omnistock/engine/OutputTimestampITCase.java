package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.awaitFigures;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.wms;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.InventoryAlert;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Output records are stamped with the time the job writes them, not the event time of the input
 * that caused them, on a broker with Kafka's default timestamp limits ({@code
 * message.timestamp.after.max.ms} of 1 hour). An event stamped two hours ahead, accepted because
 * the job allows a day of source clock skew, once made the availability sink's record refused by
 * the broker and the task manager exit, again on every restart; an event from long ago made records
 * on time-retained topics (alerts) that retention may delete at once.
 */
class OutputTimestampITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    @Test
    void eventsFromTheFutureAndTheDistantPastMakeRecordsStampedWithTheWriteTime(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long start = System.currentTimeMillis();
        long ahead = start + Duration.ofHours(2).toMillis();
        long monthsAgo = start - Duration.ofDays(60).toMillis();
        NodeRecord dc =
                node(
                        "D1",
                        NodeType.DC,
                        51.5,
                        0.0,
                        0,
                        1.0,
                        NodeStatus.OPEN,
                        monthsAgo - 1,
                        FulfilmentMethod.SHIP_TO_HOME);
        Configuration skew = new Configuration();
        skew.set(LedgerOptions.MAX_FUTURE_SKEW, Duration.ofHours(24));

        try (RunningLedger ledger =
                        RunningLedger.start(
                                kafka, DeliveryMode.AT_LEAST_ONCE, Duration.ofMillis(500), skew);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            // the inputs' own Kafka timestamps are now: the broker takes them; their event times
            // are two months ago (a replay of history) and two hours ahead (a till's clock)
            client.send(Topics.NODES, "D1", dc, start);
            client.send(
                    Topics.WMS,
                    "SKU-PAST",
                    wms(WmsEventType.RECEIPT, "past", monthsAgo, "SKU-PAST", "D1", 5),
                    start);
            client.send(
                    Topics.WMS,
                    "SKU-PAST",
                    wms(WmsEventType.PICK, "past-pick", monthsAgo + 1, "SKU-PAST", "D1", 5),
                    start);
            awaitFigures(client, Map.of("SKU-PAST|D1", figures(0, 0, 0)));
            // only then the future: it moves the watermark past the history
            client.send(
                    Topics.WMS,
                    "SKU-AHEAD",
                    wms(WmsEventType.RECEIPT, "ahead", ahead, "SKU-AHEAD", "D1", 7),
                    start);
            awaitFigures(client, Map.of("SKU-AHEAD|D1", figures(7, 0, 7)));
            List<KeyedValue<InventoryAlert>> alerts =
                    client.readUntil(
                            Topics.ALERTS,
                            values -> values.stream().anyMatch(a -> a.getSku().equals("SKU-PAST")),
                            DEADLINE);
            long end = System.currentTimeMillis();

            List<KeyedValue<Availability>> availability =
                    client.readAll(Topics.AVAILABILITY, Duration.ofMillis(300));
            assertThat(availability)
                    .as("availability records, stamped when written")
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.timestamp()).isBetween(start, end));
            assertThat(alerts)
                    .as("alerts of a two-month-old event, stamped when written")
                    .filteredOn(r -> r.value().getSku().equals("SKU-PAST"))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.timestamp()).isBetween(start, end));
            assertThat(JobAttempts.highestAttempt(cluster, ledger.client().getJobID()))
                    .as("attempt number of every task: the job never restarted")
                    .isZero();
        }
    }
}
