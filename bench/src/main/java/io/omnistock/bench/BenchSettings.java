package io.omnistock.bench;

import java.nio.file.Path;

/**
 * How big a run is.
 *
 * @param quick the small sizes of {@code --quick} (the whole suite in under 3 minutes)
 * @param workDir scratch space (RocksDB, checkpoints), emptied between runs
 */
public record BenchSettings(boolean quick, Path workDir) {

    /** {@code full} in a full run, {@code quick} in a quick one. */
    public long size(long full, long quick) {
        return this.quick ? quick : full;
    }
}
