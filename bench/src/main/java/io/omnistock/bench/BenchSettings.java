package io.omnistock.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * How big a run is, and what it changes in the engine's configuration.
 *
 * @param quick the small sizes of {@code --quick} (the whole suite in under 3 minutes)
 * @param workDir scratch space (RocksDB, checkpoints), emptied between runs
 * @param flinkOptions Flink options ({@code --flink key=value}) set on the cluster and the job of
 *     the benchmarks that run the real job through Kafka, over their own settings; empty by default
 */
public record BenchSettings(boolean quick, Path workDir, Map<String, String> flinkOptions) {

    public BenchSettings(boolean quick, Path workDir) {
        this(quick, workDir, Map.of());
    }

    /** {@code full} in a full run, {@code quick} in a quick one. */
    public long size(long full, long quick) {
        return this.quick ? quick : full;
    }
}
