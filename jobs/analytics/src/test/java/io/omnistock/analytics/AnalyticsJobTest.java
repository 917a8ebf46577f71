package io.omnistock.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.connectors.KafkaOptions;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;

class AnalyticsJobTest {
    @Test
    void theEngineDefaultsApplyWhereNothingIsConfigured() {
        ReadableConfig env = AnalyticsJob.environment(new Configuration()).getConfiguration();

        assertThat(env.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(env.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(env.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(env.get(PipelineOptions.GENERIC_TYPES)).isFalse();
    }

    @Test
    void optionsComeFromTheShippedPropertiesOverlaidWithArguments() throws Exception {
        Configuration conf =
                AnalyticsJob.configuration(
                        new String[] {
                            "--config",
                            "../../flink-conf/analytics.properties",
                            "--metrics.allowed-lateness",
                            "2h"
                        });

        assertThat(conf.get(MetricsOptions.ALLOWED_LATENESS)).isEqualTo(Duration.ofHours(2));
        assertThat(conf.get(MetricsOptions.MAX_OUT_OF_ORDERNESS)).isEqualTo(Duration.ofMinutes(1));
        assertThat(conf.get(KafkaOptions.GROUP_ID)).isEqualTo("omnistock-analytics");
        assertThat(conf.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX)).isEqualTo("omnistock-analytics");
    }

    @Test
    void withoutOptionsTheJobKeepsApartFromTheLedgersGroupAndTransactions() throws Exception {
        Configuration conf = AnalyticsJob.configuration(new String[0]);

        assertThat(conf.get(KafkaOptions.GROUP_ID))
                .isEqualTo(AnalyticsJob.JOB_NAME)
                .isNotEqualTo(KafkaOptions.GROUP_ID.defaultValue());
        assertThat(conf.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX))
                .isEqualTo(AnalyticsJob.JOB_NAME)
                .isNotEqualTo(KafkaOptions.TRANSACTIONAL_ID_PREFIX.defaultValue());
    }

    @Test
    void givenGroupAndTransactionalIdsWin() throws Exception {
        Configuration conf =
                AnalyticsJob.configuration(
                        new String[] {
                            "--kafka.group-id", "g", "--kafka.transactional-id-prefix", "p"
                        });

        assertThat(conf.get(KafkaOptions.GROUP_ID)).isEqualTo("g");
        assertThat(conf.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX)).isEqualTo("p");
    }
}
