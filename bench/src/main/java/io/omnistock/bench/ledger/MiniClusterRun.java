package io.omnistock.bench.ledger;

import io.omnistock.bench.CpuClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Runs one benchmark job on a MiniCluster of its own (one task manager with a slot per subtask)
 * until its {@link RunProbe} reports the end, waits for the job's accumulators to show the input
 * processed, then cancels the job and shuts the cluster down completely, so nothing of it is left
 * running or writing when the next variant starts or the work directory is deleted.
 */
final class MiniClusterRun {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration ACCUMULATOR_WAIT = Duration.ofSeconds(30);

    /** What a run measured, and the job's accumulators once they showed the input processed. */
    record Outcome(CpuClock.Interval interval, Map<String, Object> accumulators) {}

    /**
     * @param done when the job's accumulators (reported with each heartbeat) are final
     */
    static Outcome run(
            StreamGraph graph,
            Configuration conf,
            int slots,
            RunProbe probe,
            Predicate<Map<String, Object>> done)
            throws Exception {
        Configuration cluster = new Configuration(conf);
        cluster.set(RestOptions.BIND_PORT, "0");
        MiniClusterConfiguration config =
                new MiniClusterConfiguration.Builder()
                        .setConfiguration(cluster)
                        .setNumTaskManagers(1)
                        .setNumSlotsPerTaskManager(slots)
                        .build();
        try (MiniCluster miniCluster = new MiniCluster(config)) {
            miniCluster.start();
            JobID id = miniCluster.submitJob(graph).get().getJobID();
            JobClient client =
                    new MiniClusterJobClient(
                            id,
                            miniCluster,
                            MiniClusterRun.class.getClassLoader(),
                            MiniClusterJobClient.JobFinalizationBehavior.NOTHING);
            CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
            CompletableFuture.anyOf(probe.finished(), result)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!probe.finished().isDone()) {
                result.get();
                throw new IllegalStateException(graph.getJobName() + " ended before its input");
            }
            CpuClock.Interval interval = probe.finished().get();

            long deadline = System.nanoTime() + ACCUMULATOR_WAIT.toNanos();
            Map<String, Object> accumulators = client.getAccumulators().get();
            while (!done.test(accumulators) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                accumulators = client.getAccumulators().get();
            }
            client.cancel().get();
            try {
                result.get();
            } catch (ExecutionException cancelled) {
                // expected: the source never ends on its own
            }
            return new Outcome(interval, accumulators);
        }
    }

    private MiniClusterRun() {}
}
