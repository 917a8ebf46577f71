package io.omnistock.bench.state;

import io.omnistock.bench.BenchSettings;
import io.omnistock.bench.Benchmark;
import io.omnistock.bench.CpuClock;
import io.omnistock.bench.Figure;
import io.omnistock.engine.EngineJob;
import io.omnistock.engine.EnginePipeline;
import io.omnistock.engine.EngineSinks;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * The ledger job's state at scale: the real job ({@link EnginePipeline} in the environment of
 * {@link EngineJob#environment}: RocksDB, incremental checkpoints) on an in-process MiniCluster,
 * loaded with N SKU x node positions; then its RocksDB size, a full and an incremental checkpoint,
 * and a restore from that checkpoint.
 */
public final class StateScaleBenchmark implements Benchmark {
    static final int NODES = 100;
    static final int PARALLELISM = 2;
    static final long UPDATES = 50_000;
    static final String MANAGED_MEMORY = "2g";

    private static final Duration LOAD_DEADLINE = Duration.ofMinutes(30);
    private static final Duration STEP_DEADLINE = Duration.ofMinutes(10);
    private static final double MIB = 1024.0 * 1024.0;

    @Override
    public String name() {
        return "state-scale";
    }

    /**
     * One run in a full suite: loading 10M positions takes about 4 minutes on 2 cores, and three
     * would not fit the suite's 15 minutes.
     */
    @Override
    public int runs(int requested) {
        return 1;
    }

    @Override
    public String description() {
        return "One run (loading 10M positions takes minutes). The real ledger job (`EnginePipeline` in `EngineJob.environment`: RocksDB,"
                + " incremental checkpoints) on an in-process MiniCluster (1 task manager, 2 slots,"
                + " parallelism "
                + PARALLELISM
                + ", managed memory "
                + MANAGED_MEMORY
                + ", checkpoints to local disk), discarding sinks. An in-process source emits the"
                + " network's "
                + NODES
                + " nodes, then one RECEIPT per SKU x node position (N / "
                + NODES
                + " SKUs at every node) as Avro bytes through the job's"
                + " `InventoryDeserializationSchema`, then waits. Per size N (full: 1M and 10M;"
                + " quick: 100k and 1M): load = first position emitted to the last one's"
                + " availability record at the sink; RocksDB size = the local RocksDB directories"
                + " after the first checkpoint; first checkpoint = the first (so full) incremental"
                + " checkpoint after loading (triggered, no periodic checkpoints); incremental"
                + " checkpoint = the next one after "
                + String.format(Locale.ROOT, "%,d", UPDATES)
                + " more receipts spread over all positions (one 5 s checkpoint interval at 10,000"
                + " events/s), its own upload as size; checkpointed state size = all the state"
                + " that checkpoint refers to; restore = the job cancelled (checkpoint retained)"
                + " and resubmitted from that checkpoint (`execution.state-recovery.path`),"
                + " from submission until every task is RUNNING and one new event per source"
                + " reader went through the restored ledger. Wall = everything for that size,"
                + " cluster start to stop. Targets: 10M positions on a 24 GB machine; incremental"
                + " checkpoint <= 10 s; restore <= 60 s.";
    }

    @Override
    public List<Figure> runOnce(BenchSettings settings) throws Exception {
        List<Figure> figures = new ArrayList<>();
        for (long positions :
                new long[] {
                    settings.size(1_000_000, 100_000), settings.size(10_000_000, 1_000_000)
                }) {
            Path dir = settings.workDir().toAbsolutePath().resolve("positions-" + positions);
            figures.addAll(measure(positions, dir));
            deleteTree(dir);
        }
        return figures;
    }

    private List<Figure> measure(long positions, Path dir) throws Exception {
        String label = label(positions) + " positions: ";
        String runId = UUID.randomUUID().toString();
        LoadControl control = LoadControl.create(runId);
        long wallStart = System.nanoTime();
        Path rocksDb = Files.createDirectories(dir.resolve("rocksdb"));
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        List<Figure> figures = new ArrayList<>();
        try (MiniCluster cluster = startCluster(dir, rocksDb)) {
            // load
            JobID job = submit(cluster, jobGraph(runId, positions, checkpoints, rocksDb, null));
            await(cluster, job, STEP_DEADLINE, () -> control.firstPositionNanos.get() != 0);
            CpuClock clock = new CpuClock();
            await(cluster, job, LOAD_DEADLINE, () -> control.availability.sum() >= positions);
            long loadedNanos = System.nanoTime();
            CpuClock.Interval load = clock.stop();
            double loadSeconds = (loadedNanos - control.firstPositionNanos.get()) / 1e9;
            figures.add(new Figure(label + "load", "events/s", positions / loadSeconds));
            figures.add(
                    new Figure(
                            label + "load per busy core",
                            "events/s",
                            load.perBusyCoreSecond(positions)));

            // the first checkpoint holds everything
            CompletedCheckpointStats first = checkpoint(cluster, job);
            figures.add(
                    new Figure(label + "RocksDB size on disk", "MiB", bytesUnder(rocksDb) / MIB));
            figures.add(
                    new Figure(
                            label + "first (full) checkpoint size",
                            "MiB",
                            first.getCheckpointedSize() / MIB));
            figures.add(
                    new Figure(
                            label + "first (full) checkpoint duration",
                            "s",
                            first.getEndToEndDuration() / 1e3));

            // an incremental checkpoint after one interval's worth of changes
            control.updatesPerReader.set(UPDATES / PARALLELISM);
            long updated = positions + UPDATES / PARALLELISM * PARALLELISM;
            await(cluster, job, STEP_DEADLINE, () -> control.availability.sum() >= updated);
            CompletedCheckpointStats incremental = checkpoint(cluster, job);
            figures.add(
                    new Figure(
                            label + "incremental checkpoint duration",
                            "s",
                            incremental.getEndToEndDuration() / 1e3));
            figures.add(
                    new Figure(
                            label + "incremental checkpoint size",
                            "MiB",
                            incremental.getCheckpointedSize() / MIB));
            figures.add(
                    new Figure(
                            label + "checkpointed state size",
                            "MiB",
                            incremental.getStateSize() / MIB));
            cancel(cluster, job);

            // restore: resubmit from the retained checkpoint, then one marker event per reader
            control.updatesPerReader.incrementAndGet();
            long marked = updated + PARALLELISM;
            JobGraph restoredGraph =
                    jobGraph(runId, positions, checkpoints, rocksDb, incremental.getExternalPath());
            long restoreStart = System.nanoTime();
            JobID restored = submit(cluster, restoredGraph);
            await(
                    cluster,
                    restored,
                    STEP_DEADLINE,
                    () -> control.availability.sum() >= marked && allRunning(cluster, restored));
            double restoreSeconds = (System.nanoTime() - restoreStart) / 1e9;
            if (executionGraph(cluster, restored)
                            .getCheckpointStatsSnapshot()
                            .getLatestRestoredCheckpoint()
                    == null) {
                throw new IllegalStateException("the job did not restore from a checkpoint");
            }
            if (control.availability.sum() != marked) {
                throw new IllegalStateException(
                        "expected "
                                + marked
                                + " availability records, saw "
                                + control.availability.sum()
                                + ": the restored job replayed input");
            }
            figures.add(new Figure(label + "restore", "s", restoreSeconds));
            cancel(cluster, restored);
        } finally {
            LoadControl.remove(runId);
        }
        figures.add(new Figure(label + "wall time", "s", (System.nanoTime() - wallStart) / 1e9));
        return figures;
    }

    private static MiniCluster startCluster(Path dir, Path rocksDb) throws Exception {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(MANAGED_MEMORY));
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(CoreOptions.TMP_DIRS, Files.createDirectories(dir.resolve("tmp")).toString());
        conf.set(RocksDBOptions.LOCAL_DIRECTORIES, rocksDb.toString());
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(PARALLELISM)
                                .build());
        cluster.start();
        return cluster;
    }

    /**
     * The ledger job as {@link EngineJob} builds it, on the position source and discarding sinks
     * (availability counted), restored from {@code restorePath} when not null.
     */
    private static JobGraph jobGraph(
            String runId, long positions, Path checkpoints, Path rocksDb, String restorePath) {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, PARALLELISM);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        // checkpoints are triggered by the benchmark, not by the clock
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofDays(1));
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(RocksDBOptions.LOCAL_DIRECTORIES, rocksDb.toString());
        if (restorePath != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
        }
        StreamExecutionEnvironment env = EngineJob.environment(conf);
        long eventTime = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        EnginePipeline.build(
                env, new PositionSource(runId, positions, NODES, eventTime), sinks(runId), conf);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("state-scale-" + label(positions));
        return graph.getJobGraph(StateScaleBenchmark.class.getClassLoader());
    }

    private static EngineSinks sinks(String runId) {
        return EngineSinks.discarding()
                .availability(
                        s ->
                                s.sinkTo(new CountingSink<>(runId))
                                        .name("availability")
                                        .uid("availability"))
                .build();
    }

    private static JobID submit(MiniCluster cluster, JobGraph graph) throws Exception {
        return cluster.submitJob(graph).get(1, TimeUnit.MINUTES).getJobID();
    }

    /** Triggers a checkpoint (of the configured, incremental kind) and returns its statistics. */
    private static CompletedCheckpointStats checkpoint(MiniCluster cluster, JobID job)
            throws Exception {
        long id =
                cluster.triggerCheckpoint(job, CheckpointType.CONFIGURED)
                        .get(STEP_DEADLINE.toMinutes(), TimeUnit.MINUTES);
        CompletedCheckpointStats[] found = new CompletedCheckpointStats[1];
        await(
                cluster,
                job,
                STEP_DEADLINE,
                () -> {
                    AbstractCheckpointStats stats =
                            executionGraph(cluster, job)
                                    .getCheckpointStatsSnapshot()
                                    .getHistory()
                                    .getCheckpointById(id);
                    if (stats instanceof CompletedCheckpointStats completed) {
                        found[0] = completed;
                        return true;
                    }
                    return false;
                });
        return found[0];
    }

    private static void cancel(MiniCluster cluster, JobID job) throws Exception {
        cluster.cancelJob(job).get(1, TimeUnit.MINUTES);
        cluster.requestJobResult(job).get(STEP_DEADLINE.toMinutes(), TimeUnit.MINUTES);
    }

    private static boolean allRunning(MiniCluster cluster, JobID job) {
        for (AccessExecutionVertex v : executionGraph(cluster, job).getAllExecutionVertices()) {
            if (v.getExecutionState() != ExecutionState.RUNNING) {
                return false;
            }
        }
        return true;
    }

    private static AccessExecutionGraph executionGraph(MiniCluster cluster, JobID job) {
        try {
            return cluster.getExecutionGraph(job).get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("no execution graph for " + job, e);
        }
    }

    /** Polls {@code done} every 20 ms; fails when the job ends or the deadline passes. */
    private static void await(
            MiniCluster cluster, JobID job, Duration deadline, BooleanSupplier done)
            throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (!done.getAsBoolean()) {
            JobStatus status = cluster.getJobStatus(job).get(1, TimeUnit.MINUTES);
            if (status.isTerminalState()) {
                JobResult result = cluster.requestJobResult(job).get();
                throw new IllegalStateException(
                        "job " + job + " ended " + status,
                        result.getSerializedThrowable()
                                .map(
                                        t ->
                                                t.deserializeError(
                                                        StateScaleBenchmark.class.getClassLoader()))
                                .orElse(null));
            }
            if (System.nanoTime() > end) {
                throw new TimeoutException("not done within " + deadline);
            }
            Thread.sleep(20);
        }
    }

    /** Bytes in the regular files under {@code dir}, tolerating files deleted while walking. */
    static long bytesUnder(Path dir) throws IOException {
        long[] total = new long[1];
        Files.walkFileTree(
                dir,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            total[0] += attrs.size();
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        return total[0];
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(
                dir,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                            throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e)
                            throws IOException {
                        Files.deleteIfExists(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    static String label(long positions) {
        if (positions % 1_000_000 == 0) {
            return positions / 1_000_000 + "M";
        }
        if (positions % 1_000 == 0) {
            return positions / 1_000 + "k";
        }
        return Long.toString(positions);
    }
}
