package io.omnistock.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.CountCheck;
import io.omnistock.avro.ReconciliationReport;
import io.omnistock.avro.SourceSystem;
import io.omnistock.connectors.KafkaOptions;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.analytics.ReconciliationTally;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The analytics job on the real broker (exactly-once) turns count checks into reconciliation
 * reports on {@code metrics.reconciliation}: a 3PL snapshot batch of 4 positions (2 match, 1 over
 * by 3, 1 short by 2) with one SKU of the node's previous snapshot missing, a node-day of cycle
 * counts, and a check that comes after its day's report is final, published as a new final
 * revision.
 */
class ReconciliationReportsITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String FIRST_BATCH = "batch|3pl-1|SNAP-1";
    private static final String SECOND_BATCH = "batch|3pl-1|SNAP-2";
    private static final String DAY = "day|dc-1|2026-11-23";

    @Test
    void batchesAndNodeDaysAreReconciledProvisionalThenFinalAndRevisedByALateCheck()
            throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        try (KafkaTestClient client = new KafkaTestClient(kafka)) {
            JobClient job = start(kafka);
            try {
                for (int sku = 1; sku <= 5; sku++) {
                    send(client, check("sku-" + sku, "3pl-1", T0, 7, 7, "SNAP-1"));
                }
                Instant second = T0.plus(HOUR);
                send(client, check("sku-1", "3pl-1", second, 10, 10, "SNAP-2"));
                send(client, check("sku-2", "3pl-1", second, 5, 5, "SNAP-2"));
                send(client, check("sku-3", "3pl-1", second, 8, 5, "SNAP-2"));
                send(client, check("sku-4", "3pl-1", second, 1, 3, "SNAP-2"));
                send(client, check("sku-1", "dc-1", T0, 4, 4, null));
                send(client, check("sku-2", "dc-1", T0.plus(HOUR), 6, 4, null));
                send(client, check("sku-3", "dc-1", T0.plus(HOUR.multipliedBy(2)), 2, 3, null));
                // Two days later: every report above is final.
                send(client, check("sku-9", "dc-1", T0.plus(Duration.ofDays(2)), 1, 1, null));

                Map<String, ReconciliationReport> reports =
                        latest(
                                client.readUntil(
                                        Topics.METRICS_RECONCILIATION,
                                        v -> allFinal(highest(v), FIRST_BATCH, SECOND_BATCH, DAY),
                                        DEADLINE));

                ReconciliationReport batch = reports.get(SECOND_BATCH);
                assertThat(batch.getScope()).isEqualTo("batch");
                assertThat(batch.getBatchId()).isEqualTo("SNAP-2");
                assertThat(batch.getEventTime()).isEqualTo(second);
                assertThat(
                                List.of(
                                        batch.getPositionsCounted(),
                                        batch.getPositionsMatched(),
                                        batch.getPositionsOver(),
                                        batch.getUnitsOver(),
                                        batch.getPositionsShort(),
                                        batch.getUnitsShort(),
                                        batch.getPositionsMissing()))
                        .as("counted, matched, over, units over, short, units short, missing")
                        .containsExactly(4L, 2L, 1L, 3L, 1L, 2L, 1L);
                assertThat(reports.get(FIRST_BATCH).getPositionsMatched()).isEqualTo(5);
                assertThat(reports.get(FIRST_BATCH).getPositionsMissing())
                        .as("the node's first snapshot has nothing to miss")
                        .isZero();
                ReconciliationReport day = reports.get(DAY);
                assertThat(day.getBatchId()).isNull();
                assertThat(
                                List.of(
                                        day.getPositionsCounted(),
                                        day.getPositionsMatched(),
                                        day.getUnitsOver(),
                                        day.getUnitsShort(),
                                        day.getLateChecks()))
                        .containsExactly(3L, 1L, 2L, 1L, 0L);

                List<KeyedValue<ReconciliationReport>> all =
                        client.readAll(Topics.METRICS_RECONCILIATION, Duration.ofSeconds(1));
                assertThat(all)
                        .filteredOn(r -> r.key().equals(SECOND_BATCH))
                        .extracting(r -> r.value().getProvisional())
                        .as("provisional when the watermark passed the batch, then final")
                        .containsExactly(true, false);

                send(client, check("sku-4", "dc-1", T0.plus(HOUR.multipliedBy(3)), 9, 9, null));

                ReconciliationReport revised =
                        latest(
                                        client.readUntil(
                                                Topics.METRICS_RECONCILIATION,
                                                v ->
                                                        highest(v).containsKey(DAY)
                                                                && highest(v)
                                                                                .get(DAY)
                                                                                .getLateChecks()
                                                                        == 1,
                                                DEADLINE))
                                .get(DAY);
                assertThat(revised.getProvisional()).isFalse();
                assertThat(revised.getRevision()).isEqualTo(day.getRevision() + 1);
                assertThat(revised.getPositionsCounted()).isEqualTo(4);
                assertThat(revised.getPositionsMatched()).isEqualTo(2);
            } finally {
                job.cancel().get();
            }
        }
    }

    private static boolean allFinal(Map<String, ReconciliationReport> reports, String... keys) {
        for (String key : keys) {
            ReconciliationReport r = reports.get(key);
            if (r == null || r.getProvisional()) {
                return false;
            }
        }
        return true;
    }

    /** The highest revision per record key. */
    private static Map<String, ReconciliationReport> highest(List<ReconciliationReport> records) {
        Map<String, ReconciliationReport> latest = new HashMap<>();
        for (ReconciliationReport r : records) {
            latest.merge(
                    ReconciliationTally.recordKey(r),
                    r,
                    (a, b) -> b.getRevision() >= a.getRevision() ? b : a);
        }
        return latest;
    }

    /** The last record per key, as a consumer of the topic keeps it. */
    private static Map<String, ReconciliationReport> latest(
            List<KeyedValue<ReconciliationReport>> records) {
        return KafkaTestClient.latestByKey(records);
    }

    private static CountCheck check(
            String sku, String node, Instant asOf, long counted, long expected, String batch) {
        return CountCheck.newBuilder()
                .setEventId(node + "-" + sku + "-" + asOf.toEpochMilli())
                .setEventTime(asOf)
                .setSku(sku)
                .setNodeId(node)
                .setCounted(counted)
                .setMatched(counted == expected)
                .setSource(batch == null ? SourceSystem.WMS : SourceSystem.THREE_PL)
                .setExpected(expected)
                .setBatchId(batch)
                .build();
    }

    private static void send(KafkaTestClient client, CountCheck c) {
        client.send(
                Topics.COUNT_CHECKS,
                Topics.positionKey(c.getSku(), c.getNodeId()),
                c,
                c.getEventTime().toEpochMilli());
    }

    private static JobClient start(String kafka) throws Exception {
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka);
        conf.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
        conf.set(KafkaOptions.DELIVERY_MODE, KafkaOptions.DeliveryMode.EXACTLY_ONCE);
        conf.set(MetricsOptions.SOURCE_IDLENESS, Duration.ofSeconds(1));
        conf.set(MetricsOptions.MAX_OUT_OF_ORDERNESS, Duration.ofMinutes(1));
        conf.set(MetricsOptions.ALLOWED_LATENESS, Duration.ofMinutes(10));
        conf.set(MetricsOptions.LATE_RETENTION, Duration.ofDays(2));
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        StreamExecutionEnvironment env = AnalyticsJob.environment(conf);
        AnalyticsJob.build(env, conf);
        return env.executeAsync(AnalyticsJob.JOB_NAME);
    }
}
