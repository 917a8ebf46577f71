package io.omnistock.engine;

import io.omnistock.analytics.AnalyticsJob;
import io.omnistock.analytics.MetricsOptions;
import io.omnistock.connectors.KafkaOptions;
import java.time.Duration;
import java.util.UUID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The real analytics job (the metric windows, reading the ledger job's topics) on the test
 * MiniCluster next to a {@link RunningLedger}: exactly-once, from the earliest offsets, its own
 * group and transactional ids, checkpoints every 500 ms, an idle kind of fact released after 1 s.
 */
final class RunningAnalytics implements AutoCloseable {
    private final JobClient client;

    private RunningAnalytics(JobClient client) {
        this.client = client;
    }

    static RunningAnalytics start(String bootstrapServers) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrapServers);
        conf.set(KafkaOptions.GROUP_ID, "analytics-it-" + run);
        conf.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
        conf.set(KafkaOptions.DELIVERY_MODE, KafkaOptions.DeliveryMode.EXACTLY_ONCE);
        conf.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, "analytics-it-" + run);
        conf.set(MetricsOptions.SOURCE_IDLENESS, Duration.ofSeconds(1));
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        StreamExecutionEnvironment env = AnalyticsJob.environment(conf);
        AnalyticsJob.build(env, conf);
        return new RunningAnalytics(env.executeAsync(AnalyticsJob.JOB_NAME));
    }

    JobClient client() {
        return client;
    }

    @Override
    public void close() throws Exception {
        if (!client.getJobStatus().get().isTerminalState()) {
            client.cancel().get();
        }
    }
}
