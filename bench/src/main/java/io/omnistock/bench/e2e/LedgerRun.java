package io.omnistock.bench.e2e;

import io.omnistock.connectors.KafkaOptions;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import io.omnistock.engine.EngineJob;
import io.omnistock.engine.functions.LedgerMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The real ledger job ({@code EngineJob.environment} and {@code EngineJob.build}) on a local
 * MiniCluster with RocksDB, and its live count of records done (processed or dead-lettered, the
 * job's accumulators, reported with each task manager heartbeat: every second here).
 */
final class LedgerRun implements AutoCloseable {

    static final int PARALLELISM = 2;

    private static final long POLL_MILLIS = 20;

    /** Time for the open ledger operator to take in the node records waiting for it. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    private final JobClient job;

    private LedgerRun(JobClient job) {
        this.job = job;
    }

    /**
     * A local Flink cluster for the jobs of one run (one task manager, {@value #PARALLELISM}
     * slots), started once: a job restarted in another mode is submitted to the same cluster.
     */
    static final class Cluster implements AutoCloseable {
        private final MiniCluster flink;
        private final Path workDir;
        private final Configuration overrides;

        /**
         * @param workDir checkpoints and RocksDB files go below it
         * @param flinkOptions set on the cluster and every job over the benchmark's own settings
         */
        Cluster(Path workDir, Map<String, String> flinkOptions) throws Exception {
            this.workDir = workDir;
            this.overrides = Configuration.fromMap(flinkOptions);
            Configuration conf = new Configuration();
            conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
            conf.set(RestOptions.BIND_PORT, "0");
            conf.set(RocksDBOptions.LOCAL_DIRECTORIES, workDir.resolve("rocksdb").toString());
            conf.addAll(overrides);
            flink =
                    new MiniCluster(
                            new MiniClusterConfiguration.Builder()
                                    .setConfiguration(conf)
                                    .setNumTaskManagers(1)
                                    .setNumSlotsPerTaskManager(PARALLELISM)
                                    .build());
            flink.start();
        }

        /**
         * Submits the job, starting after every record already on its input topics: their end
         * offsets are committed to a new consumer group, which the job starts from ({@code
         * COMMITTED}). A job of an earlier mode may have stopped before its last checkpoint; its
         * records are not read again.
         */
        LedgerRun submit(String bootstrapServers, DeliveryMode mode, Duration checkpointInterval)
                throws Exception {
            String id = UUID.randomUUID().toString().substring(0, 8);
            String group = "omnistock-bench-e2e-" + id;
            commitEndOffsets(bootstrapServers, group, Topics.LEDGER_INPUTS);
            Configuration conf = new Configuration();
            conf.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrapServers);
            conf.set(KafkaOptions.GROUP_ID, group);
            conf.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.COMMITTED);
            conf.set(KafkaOptions.DELIVERY_MODE, mode);
            conf.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, "omnistock-bench-" + id);
            conf.set(CoreOptions.DEFAULT_PARALLELISM, PARALLELISM);
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
            conf.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    workDir.resolve("checkpoints-" + id).toUri().toString());
            conf.set(RocksDBOptions.LOCAL_DIRECTORIES, workDir.resolve("rocksdb").toString());
            conf.addAll(overrides);
            StreamExecutionEnvironment env = EngineJob.environment(conf);
            EngineJob.build(env, conf);
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName(EngineJob.JOB_NAME);
            JobID job = flink.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
            return new LedgerRun(
                    new MiniClusterJobClient(
                            job,
                            flink,
                            LedgerRun.class.getClassLoader(),
                            MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
        }

        @Override
        public void close() throws Exception {
            flink.closeAsync().get(60, TimeUnit.SECONDS);
        }
    }

    private static void commitEndOffsets(
            String bootstrapServers, String group, List<TopicSpec<?>> topics) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic :
                    admin.describeTopics(topics.stream().map(TopicSpec::name).toList())
                            .allTopicNames()
                            .get()
                            .values()) {
                for (TopicPartitionInfo p : topic.partitions()) {
                    latest.put(
                            new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get()
                    .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get();
        }
    }

    /** Records processed or dead-lettered, as of the last heartbeat. */
    long done() throws Exception {
        return done(job.getAccumulators().get(10, TimeUnit.SECONDS));
    }

    /**
     * Whether the ledger operator is open (its own counters are reported) and the records done, as
     * of the last heartbeat.
     */
    Progress progress() throws Exception {
        Map<String, Object> counters = job.getAccumulators().get(10, TimeUnit.SECONDS);
        return new Progress(counters.containsKey(LedgerMetrics.APPLIED), done(counters));
    }

    /** See {@link #progress()}. */
    record Progress(boolean open, long done) {}

    /** Availability records the ledger has emitted, as of the last heartbeat. */
    long availabilityUpdates() throws Exception {
        return count(
                job.getAccumulators().get(10, TimeUnit.SECONDS),
                LedgerMetrics.AVAILABILITY_UPDATES);
    }

    private static long done(Map<String, Object> counters) {
        return count(counters, LedgerMetrics.PROCESSED)
                + count(counters, LedgerMetrics.DEAD_LETTERED);
    }

    /** Waits for the next heartbeat that changes {@link #done()}: {nanoTime seen, done}. */
    long[] nextUpdate(Duration timeout) throws Exception {
        long before = done();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Thread.sleep(POLL_MILLIS);
            long now = done();
            if (now != before) {
                return new long[] {System.nanoTime(), now};
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        String.format(
                                "the ledger did no work for %s (%,d records done)",
                                timeout, before));
            }
        }
    }

    /**
     * Waits until the {@code nodes} node records published to the job are done and the ledger
     * operator is open (its own counters are reported), plus {@link #SETTLE}. Events sent earlier
     * could reach the ledger before the broadcast node records and be held for the unknown-node
     * grace (5 s), and every later event of their SKU behind them.
     */
    void awaitReady(long nodes, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Object> counters = job.getAccumulators().get(10, TimeUnit.SECONDS);
            if (counters.containsKey(LedgerMetrics.APPLIED) && done(counters) >= nodes) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the ledger job did not start in " + timeout);
            }
            Thread.sleep(50);
        }
        Thread.sleep(SETTLE.toMillis());
    }

    /** Waits until at least {@code records} records are done. */
    void awaitDone(long records, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long done;
        while ((done = done()) < records) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        String.format(
                                "the ledger did %,d of %,d records in %s", done, records, timeout));
            }
            Thread.sleep(50);
        }
    }

    private static long count(Map<String, Object> counters, String name) {
        Object value = counters.get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Cancels the job and waits until it has stopped. */
    @Override
    public void close() throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
        try {
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // a cancelled job ends exceptionally
        }
    }
}
