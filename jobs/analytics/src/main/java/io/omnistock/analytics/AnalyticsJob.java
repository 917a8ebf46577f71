package io.omnistock.analytics;

import io.omnistock.analytics.functions.AnalyticsDeserializationSchema;
import io.omnistock.analytics.functions.AnalyticsInput;
import io.omnistock.avro.DeadLetter;
import io.omnistock.connectors.JobEnvironment;
import io.omnistock.connectors.KafkaOptions;
import io.omnistock.connectors.KafkaSinks;
import io.omnistock.connectors.KafkaSources;
import io.omnistock.connectors.ReleaseThreadLocals;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.analytics.MetricRecords;
import io.omnistock.domain.analytics.ReconciliationTally;
import java.io.IOException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.ParameterTool;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The analytics job: reads the ledger job's {@code orders.decisions}, {@code returns.dispositions},
 * {@code inventory.count-checks} and {@code deadletter} topics (committed records only) and
 * publishes the 1-minute and 1-hour metric windows on {@code metrics.operations} and {@code
 * metrics.sustainability}, and reconciliation reports on {@code metrics.reconciliation}; records
 * that do not decode go to {@code deadletter}. It runs apart from the ledger job, so a window can
 * be changed, restarted or rescaled without touching the stock authority.
 *
 * <p>Options come from {@code --config <file.properties>} and/or {@code --key value} arguments (see
 * {@link MetricsOptions} and {@code KafkaOptions}). Unless given, its consumer group and its
 * transactional-id prefix are {@value #JOB_NAME}, apart from the ledger job's.
 */
public final class AnalyticsJob {
    public static final String JOB_NAME = "omnistock-analytics";

    public static void main(String[] args) throws Exception {
        Configuration conf = configuration(args);
        StreamExecutionEnvironment env = environment(conf);
        build(env, conf);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(JOB_NAME);
        // Resubmitting to one session cluster must not keep the ended job's classes.
        ReleaseThreadLocals.registerUnlessHighlyAvailable(graph, env.getConfiguration());
        env.execute(graph);
    }

    /**
     * Options from an optional properties file overlaid with command-line arguments, with the job's
     * own consumer group and transactional-id prefix unless they are given.
     */
    public static Configuration configuration(String[] args) throws IOException {
        ParameterTool params = ParameterTool.fromArgs(args);
        if (params.has("config")) {
            params = ParameterTool.fromPropertiesFile(params.get("config")).mergeWith(params);
        }
        return withJobDefaults(Configuration.fromMap(params.toMap()));
    }

    /**
     * {@code conf} with the analytics job's consumer group and transactional-id prefix where it
     * names none: the ledger job's defaults would share its group and fence its transactions.
     */
    public static Configuration withJobDefaults(Configuration conf) {
        Configuration copy = new Configuration(conf);
        if (!conf.contains(KafkaOptions.GROUP_ID)) {
            copy.set(KafkaOptions.GROUP_ID, JOB_NAME);
        }
        if (!conf.contains(KafkaOptions.TRANSACTIONAL_ID_PREFIX)) {
            copy.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, JOB_NAME);
        }
        return copy;
    }

    /**
     * An execution environment with the engine's defaults ({@link JobEnvironment}) wherever neither
     * the cluster's config.yaml nor {@code conf} says otherwise.
     */
    public static StreamExecutionEnvironment environment(Configuration conf) {
        return JobEnvironment.create(conf, new Configuration());
    }

    /** The analytics pipeline on Kafka sources and sinks. */
    public static void build(StreamExecutionEnvironment env, Configuration conf) {
        Configuration effective = withJobDefaults(conf);
        AnalyticsPipeline.build(env, kafkaSource(effective), kafkaSinks(effective), effective);
    }

    static KafkaSource<AnalyticsInput> kafkaSource(Configuration conf) {
        return KafkaSources.source(
                conf, new AnalyticsDeserializationSchema(), Topics.ANALYTICS_INPUTS);
    }

    /** The Kafka sinks of the job's outputs, with their released uids ({@code <topic>-sink}). */
    public static AnalyticsSinks kafkaSinks(Configuration conf) {
        return new AnalyticsSinks(
                sink(conf, Topics.METRICS_SUSTAINABILITY, MetricRecords::key),
                sink(conf, Topics.METRICS_OPERATIONS, MetricRecords::key),
                sink(conf, Topics.DEADLETTER, DeadLetter::getSourceTopic),
                sink(conf, Topics.METRICS_RECONCILIATION, ReconciliationTally::recordKey));
    }

    private static <V extends org.apache.avro.specific.SpecificRecord>
            AnalyticsSinks.SinkApplier<V> sink(
                    Configuration conf, TopicSpec<V> topic, SerializableFunction<V, String> key) {
        String uid = topic.name() + "-sink";
        return stream -> stream.sinkTo(KafkaSinks.sink(conf, topic, key)).name(uid).uid(uid);
    }

    private AnalyticsJob() {}
}
