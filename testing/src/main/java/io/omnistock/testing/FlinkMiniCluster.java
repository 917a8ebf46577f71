package io.omnistock.testing;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The Flink cluster of the pipeline and end-to-end tests: {@value #TASK_MANAGERS} task managers
 * with {@value #SLOTS_PER_TASK_MANAGER} slots each, jobs at parallelism {@value #PARALLELISM} and
 * without Kryo fallback ({@code pipeline.generic-types: false}), as in production.
 *
 * <pre>{@code
 * @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
 * ...
 * StreamExecutionEnvironment env = FlinkMiniCluster.environment();
 * }</pre>
 *
 * Pipeline options reach a job through its environment, not through the cluster's configuration:
 * build jobs on {@link #environment()}, or pass {@link #jobConfiguration()} to {@code
 * StreamExecutionEnvironment.getExecutionEnvironment}.
 */
public final class FlinkMiniCluster {
    public static final int TASK_MANAGERS = 2;
    public static final int SLOTS_PER_TASK_MANAGER = 2;
    public static final int PARALLELISM = 2;

    /** A MiniCluster started once per test class. */
    public static MiniClusterExtension extension() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(TASK_MANAGERS)
                        .setNumberSlotsPerTaskManager(SLOTS_PER_TASK_MANAGER)
                        .setConfiguration(clusterConfiguration())
                        .build());
    }

    /**
     * Task managers report accumulators with their heartbeats: every second here (10 s by default),
     * so tests can poll a running job's counts.
     */
    private static Configuration clusterConfiguration() {
        Configuration conf = new Configuration();
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        return conf;
    }

    /** The job options of every test job: parallelism and no generic (Kryo) types. */
    public static Configuration jobConfiguration() {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, PARALLELISM);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /** An environment on the running MiniCluster with {@link #jobConfiguration()}. */
    public static StreamExecutionEnvironment environment() {
        return StreamExecutionEnvironment.getExecutionEnvironment(jobConfiguration());
    }

    private FlinkMiniCluster() {}
}
