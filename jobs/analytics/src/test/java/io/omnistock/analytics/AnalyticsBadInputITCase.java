package io.omnistock.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.analytics.functions.AnalyticsMetrics;
import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.SourceSystem;
import io.omnistock.connectors.KafkaOptions;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.Await;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
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
 * Bad input on the analytics job's topics, on the real broker and job (exactly-once): records that
 * do not decode are counted and dead-lettered with their original bytes, the job keeps running, and
 * a good record next to them is still counted as processed: {@code records-in = records-processed +
 * records-dead-lettered}.
 */
class AnalyticsBadInputITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final long T = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

    @Test
    void undecodableRecordsAreCountedAndDeadLetteredAndTheJobRunsOn() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        byte[] garbage = {1, 2, 3};
        try (KafkaTestClient client = new KafkaTestClient(kafka)) {
            client.send(Topics.DECISIONS.name(), "o-1", garbage, T);
            client.send(Topics.COUNT_CHECKS.name(), "SKU-1|S1", new byte[0], T + 1);
            client.send(Topics.RETURN_DISPOSITIONS.name(), "r-1", garbage, T + 2);
            client.send(
                    Topics.COUNT_CHECKS,
                    "SKU-1|S1",
                    CountCheck.newBuilder()
                            .setEventId("count-1")
                            .setEventTime(Instant.ofEpochMilli(T))
                            .setSku("SKU-1")
                            .setNodeId("S1")
                            .setRegion("UK")
                            .setCounted(4)
                            .setMatched(true)
                            .setSource(SourceSystem.WMS)
                            .build(),
                    T);

            JobClient job = start(kafka);
            try {
                // the job reads its own dead letters back (deadletter is an input): 3 + 1 + 3
                Map<String, Object> counters =
                        Await.until(
                                "every record in and resolved",
                                () -> job.getAccumulators().get(),
                                c ->
                                        counter(c, AnalyticsMetrics.RECORDS_IN) == 7
                                                && counter(c, AnalyticsMetrics.PROCESSED) == 4,
                                DEADLINE);
                assertThat(counter(counters, AnalyticsMetrics.DEAD_LETTERED)).isEqualTo(3);

                List<DeadLetter> deadLetters =
                        client.readUntil(Topics.DEADLETTER, v -> v.size() >= 3, DEADLINE).stream()
                                .map(KeyedValue::value)
                                .toList();
                assertThat(deadLetters)
                        .extracting(DeadLetter::getSourceTopic, DeadLetter::getReason)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple(
                                        Topics.DECISIONS.name(), DeadLetterReason.UNDECODABLE),
                                org.assertj.core.groups.Tuple.tuple(
                                        Topics.COUNT_CHECKS.name(), DeadLetterReason.EMPTY_PAYLOAD),
                                org.assertj.core.groups.Tuple.tuple(
                                        Topics.RETURN_DISPOSITIONS.name(),
                                        DeadLetterReason.UNDECODABLE));
                assertThat(
                                deadLetters.stream()
                                        .filter(d -> d.getSourceTopic().equals("orders.decisions"))
                                        .map(DeadLetter::getOriginalBytes))
                        .containsExactly(ByteBuffer.wrap(garbage));
                assertThat(job.getJobStatus().get().isTerminalState()).isFalse();
            } finally {
                job.cancel().get();
            }
        }
    }

    private static JobClient start(String kafka) throws Exception {
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka);
        conf.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
        conf.set(KafkaOptions.DELIVERY_MODE, KafkaOptions.DeliveryMode.EXACTLY_ONCE);
        conf.set(MetricsOptions.SOURCE_IDLENESS, Duration.ofSeconds(1));
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        StreamExecutionEnvironment env = AnalyticsJob.environment(conf);
        AnalyticsJob.build(env, conf);
        return env.executeAsync(AnalyticsJob.JOB_NAME);
    }

    private static long counter(Map<String, Object> accumulators, String name) {
        Object value = accumulators.get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
