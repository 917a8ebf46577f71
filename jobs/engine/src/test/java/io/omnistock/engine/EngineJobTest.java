package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.connectors.KafkaSecurity;
import io.omnistock.domain.forecast.ForecastSettings;
import io.omnistock.engine.functions.HoldPeriods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.junit.jupiter.api.Test;
import org.rocksdb.CompressionType;

class EngineJobTest {
    @Test
    void theEngineDefaultsApplyWhereNothingIsConfigured() {
        ReadableConfig env = EngineJob.environment(new Configuration()).getConfiguration();

        assertThat(env.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(env.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(env.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(env.get(PipelineOptions.GENERIC_TYPES)).isFalse();
        assertThat(env.get(PipelineOptions.OBJECT_REUSE)).isTrue();
        assertThat(env.get(ExecutionOptions.BUFFER_TIMEOUT)).isEqualTo(Duration.ofMillis(10));
        assertThat(env.get(RocksDBConfigurableOptions.USE_BLOOM_FILTER)).isTrue();
        assertThat(env.get(RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL))
                .containsExactly(CompressionType.LZ4_COMPRESSION);
    }

    @Test
    void whatOpsConfigureWinsOverTheDefaults() {
        Configuration ops = new Configuration();
        ops.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(30));
        ops.set(StateBackendOptions.STATE_BACKEND, "hashmap");

        ReadableConfig env = EngineJob.environment(ops).getConfiguration();

        assertThat(env.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(env.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
    }

    @Test
    void optionsComeFromAPropertiesFileOverlaidWithArguments() throws Exception {
        Configuration conf =
                EngineJob.configuration(
                        new String[] {
                            "--config",
                            "../../flink-conf/engine.properties",
                            "--ledger.horizon",
                            "24h",
                            "--ledger.unknown-node-grace",
                            "7s"
                        });

        assertThat(conf.get(LedgerOptions.HORIZON)).isEqualTo(Duration.ofHours(24));
        assertThat(LedgerOptions.holdPeriods(conf))
                .as("an unknown SKU's grace is the unknown node's unless set")
                .isEqualTo(HoldPeriods.of(Duration.ofSeconds(7)));
        assertThat(conf.toMap()).containsEntry("kafka.group-id", "omnistock-ledger");
    }

    @Test
    void forecastOptionsComeFromTheShippedPropertiesAndArguments() throws Exception {
        Configuration conf =
                EngineJob.configuration(
                        new String[] {
                            "--config",
                            "../../flink-conf/engine.properties",
                            "--forecast.horizons",
                            "12h;2d"
                        });

        ForecastSettings forecast = LedgerOptions.settings(conf).forecast();

        assertThat(forecast.halfLifeMillis()).isEqualTo(Duration.ofDays(3).toMillis());
        assertThat(forecast.leadTimeMillis()).isEqualTo(Duration.ofDays(2).toMillis());
        assertThat(forecast.minHistoryMillis()).isEqualTo(Duration.ofDays(1).toMillis());
        assertThat(forecast.horizonCount()).isEqualTo(2);
        assertThat(forecast.horizonMillis(0)).isEqualTo(Duration.ofHours(12).toMillis());
        assertThat(forecast.horizonMillis(1)).isEqualTo(Duration.ofDays(2).toMillis());
    }

    @Test
    void theShippedPropertiesHoldNoSecret() throws Exception {
        Configuration conf =
                EngineJob.configuration(
                        new String[] {"--config", "../../flink-conf/engine.properties"});

        assertThat(conf.get(KafkaSecurity.SECURITY_PROTOCOL))
                .isEqualTo(KafkaSecurity.Protocol.PLAINTEXT);
        // not even in a comment: a password or a JAAS login (which would hold one)
        assertThat(Files.readString(Path.of("../../flink-conf/engine.properties")))
                .doesNotContainPattern("(?i)password\\s*[=:]")
                .doesNotContainIgnoringCase("jaas");
    }
}
