package io.omnistock.engine;

import io.omnistock.connectors.KafkaOptions;
import io.omnistock.contracts.Topics;
import io.omnistock.engine.functions.LedgerMetrics;
import io.omnistock.testing.Await;
import io.omnistock.testing.KafkaTestClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The real ledger job (Kafka in and out) running on the test MiniCluster, with test-sized timings:
 * checkpoints every 500 ms (unless given), idle partitions released after 1 s, unknown nodes waited
 * for 2 s.
 */
final class RunningLedger implements AutoCloseable {
    /** How long {@code orders.reservations} must stay quiet to count its records. */
    private static final Duration LOOP_QUIET = Duration.ofMillis(300);

    private final JobClient client;

    private RunningLedger(JobClient client) {
        this.client = client;
    }

    static RunningLedger start(String bootstrapServers, KafkaOptions.DeliveryMode mode)
            throws Exception {
        return start(bootstrapServers, mode, Duration.ofMillis(500));
    }

    static RunningLedger start(
            String bootstrapServers, KafkaOptions.DeliveryMode mode, Duration checkpointInterval)
            throws Exception {
        return submit(configuration(bootstrapServers, mode, checkpointInterval), EngineJob::build);
    }

    /** A ledger whose configuration also holds {@code options} (e.g. Kafka security). */
    static RunningLedger start(
            String bootstrapServers,
            KafkaOptions.DeliveryMode mode,
            Duration checkpointInterval,
            Configuration options)
            throws Exception {
        Configuration conf = configuration(bootstrapServers, mode, checkpointInterval);
        conf.addAll(options);
        return submit(conf, EngineJob::build);
    }

    /** The test job options: a fresh group and transactional id, test-sized timings. */
    static Configuration configuration(
            String bootstrapServers, KafkaOptions.DeliveryMode mode, Duration checkpointInterval) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrapServers);
        conf.set(KafkaOptions.GROUP_ID, "ledger-it-" + run);
        conf.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
        conf.set(KafkaOptions.DELIVERY_MODE, mode);
        conf.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, "ledger-it-" + run);
        conf.set(LedgerOptions.SOURCE_IDLENESS, Duration.ofSeconds(1));
        conf.set(LedgerOptions.UNKNOWN_NODE_GRACE, Duration.ofSeconds(2));
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        return conf;
    }

    /**
     * Submits the job that {@code build} assembles on the engine's environment for {@code conf}.
     */
    static RunningLedger submit(
            Configuration conf, BiConsumer<StreamExecutionEnvironment, Configuration> build)
            throws Exception {
        StreamExecutionEnvironment env = EngineJob.environment(conf);
        build.accept(env, conf);
        return new RunningLedger(env.executeAsync(EngineJob.JOB_NAME));
    }

    JobClient client() {
        return client;
    }

    /** A live counter of the job (see {@link LedgerMetrics}); 0 when not reported yet. */
    static long counter(Map<String, Object> accumulators, String name) {
        Object value = accumulators.get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /**
     * Waits until exactly {@code records} records are in and each is processed or dead-lettered;
     * returns the counters then.
     */
    Map<String, Object> awaitAllResolved(long records, Duration deadline) throws Exception {
        return awaitCounters(
                "all " + records + " records in and resolved",
                c ->
                        counter(c, LedgerMetrics.RECORDS_IN) == records
                                && counter(c, LedgerMetrics.PROCESSED)
                                                + counter(c, LedgerMetrics.DEAD_LETTERED)
                                        == records,
                deadline);
    }

    /**
     * Waits until exactly {@code records} records are in, each processed or dead-lettered, and
     * {@code deadLettered} of them dead-lettered: routing counts a record it holds (a lifecycle
     * event for an order it has not seen) as processed until the watermark decides it.
     */
    Map<String, Object> awaitAllResolved(long records, long deadLettered, Duration deadline)
            throws Exception {
        return awaitCounters(
                "all " + records + " records in and resolved, " + deadLettered + " dead-lettered",
                c ->
                        counter(c, LedgerMetrics.RECORDS_IN) == records
                                && counter(c, LedgerMetrics.PROCESSED)
                                                + counter(c, LedgerMetrics.DEAD_LETTERED)
                                        == records
                                && counter(c, LedgerMetrics.DEAD_LETTERED) == deadLettered,
                deadline);
    }

    /**
     * Like {@link #awaitAllResolved(long, long, Duration)} for {@code published} records, plus the
     * job's own records on {@code orders.reservations} (reservation requests, and releases of
     * grants routing could not use), which come back in as input: they are re-read on every poll.
     */
    Map<String, Object> awaitAllResolvedWithLoop(
            long published, long deadLettered, KafkaTestClient kafka, Duration deadline)
            throws Exception {
        record Seen(long records, Map<String, Object> counters) {}
        Seen seen =
                Await.until(
                        "all "
                                + published
                                + " published records and the job's own loop records"
                                + " in and resolved, "
                                + deadLettered
                                + " dead-lettered",
                        () -> {
                            long loop = kafka.readAll(Topics.RESERVATIONS, LOOP_QUIET).size();
                            return new Seen(published + loop, client.getAccumulators().get());
                        },
                        s ->
                                counter(s.counters(), LedgerMetrics.RECORDS_IN) == s.records()
                                        && counter(s.counters(), LedgerMetrics.PROCESSED)
                                                        + counter(
                                                                s.counters(),
                                                                LedgerMetrics.DEAD_LETTERED)
                                                == s.records()
                                        && counter(s.counters(), LedgerMetrics.DEAD_LETTERED)
                                                == deadLettered,
                        deadline);
        return seen.counters();
    }

    /** Polls the job's accumulators until {@code done} holds; fails at the deadline. */
    Map<String, Object> awaitCounters(
            String what, Predicate<Map<String, Object>> done, Duration deadline) throws Exception {
        return Await.until(what, () -> client.getAccumulators().get(), done, deadline);
    }

    @Override
    public void close() throws Exception {
        if (!client.getJobStatus().get().isTerminalState()) {
            client.cancel().get();
        }
    }
}
