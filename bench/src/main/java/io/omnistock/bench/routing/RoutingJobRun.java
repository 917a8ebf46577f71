package io.omnistock.bench.routing;

import io.omnistock.avro.ReservationRequest;
import io.omnistock.bench.CpuClock;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.Topics;
import io.omnistock.engine.EngineJob;
import io.omnistock.engine.EnginePipeline;
import io.omnistock.engine.EngineSinks;
import io.omnistock.engine.RoutingOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Routing decisions per second through the real ledger job (EnginePipeline in EngineJob's
 * environment: RocksDB, checkpoints every 5 s) on an in-process MiniCluster, parallelism 2. The
 * reservation hop that goes through Kafka in production goes through an in-JVM queue ({@link
 * OrderLoop}), so this is the job's own cost, without a broker.
 */
final class RoutingJobRun {
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    /** Decisions/s and decisions/s per busy core, over the orders after the first 10%. */
    record Result(double decisionsPerSecond, double perBusyCore) {}

    private RoutingJobRun() {}

    static Result run(Path dir, int orders, int lines, int maxInFlight) throws Exception {
        return run(dir, orders, lines, maxInFlight, true);
    }

    /** As {@link #run(Path, int, int, int)}, with the single-SKU fast path on or off. */
    static Result run(Path dir, int orders, int lines, int maxInFlight, boolean singleSkuFastPath)
            throws Exception {
        Path workDir = dir.toAbsolutePath();
        String runId = UUID.randomUUID().toString();
        OrderLoop loop = OrderLoop.create(runId);
        try {
            Configuration conf = new Configuration();
            conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
            conf.set(RoutingOptions.SINGLE_SKU_FAST_PATH, singleSkuFastPath);
            conf.set(RestOptions.BIND_PORT, "0");
            conf.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    workDir.resolve("checkpoints").toUri().toString());
            conf.set(
                    RocksDBOptions.LOCAL_DIRECTORIES,
                    Files.createDirectories(workDir.resolve("rocksdb")).toString());
            conf.set(
                    CoreOptions.TMP_DIRS,
                    Files.createDirectories(workDir.resolve("tmp")).toString());
            StreamExecutionEnvironment env = EngineJob.environment(conf);
            EnginePipeline.build(
                    env,
                    new OrderLoopSource(runId, orders, lines, maxInFlight),
                    sinks(runId),
                    conf);
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName("routing-bench");
            JobGraph jobGraph = graph.getJobGraph(RoutingJobRun.class.getClassLoader());
            try (MiniCluster cluster = cluster(workDir)) {
                JobID job = cluster.submitJob(jobGraph).get(1, TimeUnit.MINUTES).getJobID();
                long receipts =
                        (long) RoutingBenchmark.SKUS
                                * RoutingBenchmark.nodes(new Random(42)).size();
                await(cluster, job, () -> loop.availability.sum() >= receipts);
                loop.ordersReleased = true;
                long warm = orders / 10;
                await(cluster, job, () -> loop.decisions.sum() >= warm);
                CpuClock clock = new CpuClock();
                await(cluster, job, () -> loop.decisions.sum() >= orders);
                CpuClock.Interval interval = clock.stop();
                long decided = loop.decisions.sum() - warm;
                cluster.cancelJob(job).get(1, TimeUnit.MINUTES);
                cluster.requestJobResult(job).get(1, TimeUnit.MINUTES);
                return new Result(interval.perSecond(decided), interval.perBusyCoreSecond(decided));
            }
        } finally {
            OrderLoop.remove(runId);
        }
    }

    private static MiniCluster cluster(Path workDir) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(CoreOptions.TMP_DIRS, Files.createDirectories(workDir.resolve("tmp")).toString());
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(2)
                                .build());
        cluster.start();
        return cluster;
    }

    /** Polls {@code done} every 5 ms; fails when the job ends or the deadline passes. */
    private static void await(MiniCluster cluster, JobID job, BooleanSupplier done)
            throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        long nextStatusCheck = 0;
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (now > nextStatusCheck) {
                JobStatus status = cluster.getJobStatus(job).get(1, TimeUnit.MINUTES);
                if (status.isTerminalState()) {
                    throw new IllegalStateException(
                            "the routing job ended " + status,
                            cluster.requestJobResult(job)
                                    .get()
                                    .getSerializedThrowable()
                                    .map(
                                            t ->
                                                    t.deserializeError(
                                                            RoutingJobRun.class.getClassLoader()))
                                    .orElse(null));
                }
                nextStatusCheck = now + 500_000_000L;
            }
            if (now > end) {
                throw new TimeoutException("not done within " + DEADLINE);
            }
            Thread.sleep(5);
        }
    }

    private static EngineSinks sinks(String runId) {
        return EngineSinks.discarding()
                .availability(
                        s ->
                                s.sinkTo(counting(runId, loop -> loop.availability.increment()))
                                        .name("availability")
                                        .uid("availability"))
                .decisions(
                        s ->
                                s.sinkTo(counting(runId, loop -> loop.decisions.increment()))
                                        .name("decisions")
                                        .uid("decisions"))
                .reservations(
                        s ->
                                s.sinkTo(new ReservationSink(runId))
                                        .name("reservations")
                                        .uid("reservations"))
                .build();
    }

    private static <T> Sink<T> counting(String runId, SerializableConsumer<OrderLoop> count) {
        return new CountingSink<>(runId, count);
    }

    interface SerializableConsumer<T> extends Consumer<T>, java.io.Serializable {}

    /** Discards records, counting each in the run's {@link OrderLoop}. */
    private static final class CountingSink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        private final String runId;
        private final SerializableConsumer<OrderLoop> count;

        CountingSink(String runId, SerializableConsumer<OrderLoop> count) {
            this.runId = runId;
            this.count = count;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            OrderLoop loop = OrderLoop.of(runId);
            return writer(record -> count.accept(loop));
        }
    }

    /** What the Kafka sink of orders.reservations would send: key = SKU, Avro value. */
    private static final class ReservationSink implements Sink<ReservationRequest> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        ReservationSink(String runId) {
            this.runId = runId;
        }

        @Override
        public SinkWriter<ReservationRequest> createWriter(WriterInitContext context) {
            OrderLoop loop = OrderLoop.of(runId);
            AvroCodec<ReservationRequest> codec = Topics.RESERVATIONS.codec();
            SerializableFunction<ReservationRequest, byte[]> key =
                    r -> r.getSku().toString().getBytes(StandardCharsets.UTF_8);
            return writer(r -> loop.reservations.add(new byte[][] {key.apply(r), codec.encode(r)}));
        }
    }

    private static <T> SinkWriter<T> writer(Consumer<T> write) {
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                write.accept(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
