package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.RollingFileAppender;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.CompressionType;

/**
 * The cluster configuration in flink-conf/ parses as Flink 2 reads it and says what the README
 * says.
 */
class FlinkConfTest {
    private static final Path FLINK_CONF = Path.of("../../flink-conf");

    @Test
    void theClusterConfigurationIsProductionLike() {
        Configuration conf = GlobalConfiguration.loadConfiguration(FLINK_CONF.toString());

        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE))
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(conf.get(PipelineOptions.GENERIC_TYPES)).isFalse();
        assertThat(conf.get(ExecutionOptions.BUFFER_TIMEOUT)).isEqualTo(Duration.ofMillis(10));
        assertThat(conf.get(RocksDBConfigurableOptions.USE_BLOOM_FILTER)).isTrue();
        assertThat(conf.get(RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL))
                .containsExactly(CompressionType.LZ4_COMPRESSION);
        assertThat(conf.toMap()).containsKey("metrics.reporter.prom.factory.class");
    }

    @Test
    void checkpointsGoToDurableStorageAndSurviveCancellation() {
        Configuration conf = GlobalConfiguration.loadConfiguration(FLINK_CONF.toString());

        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isNotBlank();
        assertThat(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).isNotBlank();
        assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION).name())
                .isEqualTo("RETAIN_ON_CANCELLATION");
        // a checkpoint must finish well within its timeout, or it never commits the
        // exactly-once output
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT))
                .isGreaterThan(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
        assertThat(conf.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).isPositive();
    }

    @Test
    void checkpointsAndSavepointsLiveUnderOneStateDirectoryNeverUnderTmp() {
        Configuration conf = GlobalConfiguration.loadConfiguration(FLINK_CONF.toString());
        java.net.URI checkpoints =
                java.net.URI.create(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
        java.net.URI savepoints =
                java.net.URI.create(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY));

        assertThat(checkpoints.resolve(".")).isEqualTo(savepoints.resolve("."));
        assertThat(checkpoints.getPath()).endsWith("/checkpoints").doesNotStartWith("/tmp");
        assertThat(savepoints.getPath()).endsWith("/savepoints").doesNotStartWith("/tmp");
    }

    @Test
    void noProcessAddressIsPinnedInTheSharedFile() {
        Configuration conf = GlobalConfiguration.loadConfiguration(FLINK_CONF.toString());

        assertThat(conf.toMap())
                .doesNotContainKeys("jobmanager.rpc.address", "rest.address", "taskmanager.host");
    }

    @Test
    void failuresRestartTheJobWithBackoffAndNoAttemptLimit() {
        Configuration conf = GlobalConfiguration.loadConfiguration(FLINK_CONF.toString());

        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY))
                .isEqualTo("exponential-delay");
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS))
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isGreaterThan(
                        conf.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF));
    }

    @Test
    void rocksDbLivesInManagedMemoryAndTheJobCanScaleOut() {
        Configuration conf = GlobalConfiguration.loadConfiguration(FLINK_CONF.toString());

        assertThat(conf.get(RocksDBOptions.USE_MANAGED_MEMORY)).isTrue();
        assertThat(conf.get(TaskManagerOptions.MANAGED_MEMORY_FRACTION)).isBetween(0.1f, 0.7f);
        assertThat(conf.get(TaskManagerOptions.TOTAL_PROCESS_MEMORY))
                .isGreaterThan(MemorySize.parse("1g"));
        // set on purpose: a savepoint restores only with the max parallelism it was taken with
        assertThat(conf.contains(PipelineOptions.MAX_PARALLELISM)).isTrue();
        assertThat(conf.get(PipelineOptions.MAX_PARALLELISM))
                .isGreaterThan(conf.get(CoreOptions.DEFAULT_PARALLELISM));
    }

    @Test
    void theClusterLogsToARollingFileAndQuietsWhatTheConsoleQuiets(@TempDir Path logDir)
            throws IOException {
        Path logFile = logDir.resolve("flink-jobmanager.log");
        String previous = System.setProperty("log.file", logFile.toString());
        LoggerContext context = new LoggerContext("flink-conf-log4j");
        try (InputStream in = Files.newInputStream(FLINK_CONF.resolve("log4j.properties"))) {
            var config =
                    new PropertiesConfigurationFactory()
                            .getConfiguration(
                                    context,
                                    new ConfigurationSource(
                                            in, FLINK_CONF.resolve("log4j.properties").toFile()));
            context.start(config);

            RollingFileAppender appender = config.getAppender("MainAppender");
            assertThat(appender).isNotNull();
            assertThat(appender.getFileName()).isEqualTo(logFile.toString());
            assertThat(config.getRootLogger().getLevel()).isEqualTo(Level.INFO);
            quietedLoggers(FLINK_CONF.resolve("log4j-console.properties"))
                    .forEach(
                            (logger, level) ->
                                    assertThat(config.getLoggerConfig(logger).getLevel())
                                            .as(logger)
                                            .isEqualTo(Level.toLevel(level)));
        } finally {
            context.stop();
            if (previous == null) {
                System.clearProperty("log.file");
            } else {
                System.setProperty("log.file", previous);
            }
        }
    }

    /** Loggers a log4j properties file sets above WARN: name -> level. */
    private static Map<String, String> quietedLoggers(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        }
        Map<String, String> quieted = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("logger.") && key.endsWith(".level")) {
                Level level = Level.toLevel(props.getProperty(key));
                if (level.isMoreSpecificThan(Level.ERROR)) {
                    String prefix = key.substring(0, key.length() - ".level".length());
                    quieted.put(props.getProperty(prefix + ".name"), level.name());
                }
            }
        }
        assertThat(quieted).as("loggers quieted in " + file).isNotEmpty();
        return quieted;
    }
}
