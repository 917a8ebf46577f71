package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.wms;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Discrepancy;
import io.omnistock.avro.FulfilmentMethod;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reference data that keeps arriving does not hold the ledger's watermark back: node records are
 * stamped with their own time. While a partition of {@code network.nodes} receives a record every
 * few hundred milliseconds (never idle), a count's check settles once later inventory moves the
 * watermark past it, and its discrepancy is published. (With node records stamped with no time,
 * that partition kept the watermark at its minimum for as long as node updates came, so no count
 * check ever settled and no dedupe entry ever expired.)
 */
class ReferenceDataWatermarkITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    @Test
    void aCountSettlesWhileNodeRecordsKeepArriving() throws Exception {
        KAFKA.createTopics(Topics.all(), 1);
        String kafka = KAFKA.bootstrapServers();
        Configuration job =
                RunningLedger.configuration(
                        kafka, DeliveryMode.AT_LEAST_ONCE, Duration.ofMillis(500));
        long t0 = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
        AtomicLong nodeTime = new AtomicLong(t0);
        ScheduledExecutorService nodeFeed = Executors.newSingleThreadScheduledExecutor();
        try (KafkaTestClient sources = new KafkaTestClient(kafka);
                RunningLedger ledger = RunningLedger.submit(job, EngineJob::build)) {
            nodeFeed.scheduleAtFixedRate(
                    () -> {
                        long time = nodeTime.incrementAndGet();
                        sources.send(
                                Topics.NODES,
                                "D1",
                                node(
                                        "D1",
                                        NodeType.DC,
                                        51.5,
                                        0.0,
                                        0,
                                        1.0,
                                        NodeStatus.OPEN,
                                        time,
                                        FulfilmentMethod.SHIP_TO_HOME),
                                time);
                    },
                    0,
                    300,
                    TimeUnit.MILLISECONDS);
            // stock for the node before its first record is held for ledger.unknown-node-grace
            sources.send(
                    Topics.WMS,
                    "SKU-A",
                    wms(WmsEventType.RECEIPT, "in", t0, "SKU-A", "D1", 10),
                    t0);
            long countTime = t0 + Duration.ofMinutes(1).toMillis();
            sources.send(
                    Topics.WMS,
                    "SKU-A",
                    wms(WmsEventType.CYCLE_COUNT, "count", countTime, "SKU-A", "D1", 8),
                    countTime);
            // 30 minutes on: the watermark (10 minutes behind) passes the count
            long later = t0 + Duration.ofMinutes(30).toMillis();
            sources.send(
                    Topics.WMS,
                    "SKU-A",
                    wms(WmsEventType.RECEIPT, "later", later, "SKU-A", "D1", 1),
                    later);

            List<KeyedValue<Discrepancy>> discrepancies =
                    sources.readUntil(Topics.DISCREPANCIES, values -> !values.isEmpty(), DEADLINE);

            assertThat(discrepancies)
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.value().getExpected()).isEqualTo(10);
                                assertThat(d.value().getCounted()).isEqualTo(8);
                            });
        } finally {
            nodeFeed.shutdownNow();
        }
    }
}
