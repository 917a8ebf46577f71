package io.omnistock.connectors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.rocksdb.CompressionType;

/**
 * The execution environment every OmniStock job runs in: the engine's defaults wherever neither the
 * cluster's config.yaml nor the job's options say otherwise. RocksDB with incremental, exactly-once
 * checkpoints every 5 s to a local directory (a cluster's config.yaml names shared storage), LZ4
 * blocks, no Kryo fallback, object reuse.
 */
public final class JobEnvironment {

    /**
     * An environment for {@code conf} with the engine's defaults and then {@code jobDefaults} (a
     * job's own, e.g. a shorter buffer timeout), each only where nothing is configured.
     */
    public static StreamExecutionEnvironment create(Configuration conf, Configuration jobDefaults) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ReadableConfig configured = env.getConfiguration();
        Configuration defaults = new Configuration();
        setIfAbsent(configured, defaults, PipelineOptions.GENERIC_TYPES, false);
        // The functions never keep or modify a record after emitting it: no defensive copies.
        setIfAbsent(configured, defaults, PipelineOptions.OBJECT_REUSE, true);
        setIfAbsent(configured, defaults, StateBackendOptions.STATE_BACKEND, "rocksdb");
        setIfAbsent(configured, defaults, CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        // LZ4 blocks decompress faster than the default Snappy (bench/RESULTS.md).
        setIfAbsent(
                configured,
                defaults,
                RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL,
                List.of(CompressionType.LZ4_COMPRESSION));
        // Job manager memory holds at most 5 MiB of state per checkpoint: too small for orders.
        setIfAbsent(
                configured,
                defaults,
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Path.of(System.getProperty("java.io.tmpdir"), "omnistock-checkpoints")
                        .toUri()
                        .toString());
        setIfAbsent(
                configured,
                defaults,
                CheckpointingOptions.CHECKPOINTING_INTERVAL,
                Duration.ofSeconds(5));
        setIfAbsent(
                configured,
                defaults,
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        jobDefaults
                .toMap()
                .forEach(
                        (key, value) -> {
                            if (!configured.toMap().containsKey(key)) {
                                defaults.setString(key, value);
                            }
                        });
        env.configure(defaults);
        return env;
    }

    private static <T> void setIfAbsent(
            ReadableConfig configured, Configuration defaults, ConfigOption<T> option, T value) {
        if (configured.getOptional(option).isEmpty()) {
            defaults.set(option, value);
        }
    }

    private JobEnvironment() {}
}
