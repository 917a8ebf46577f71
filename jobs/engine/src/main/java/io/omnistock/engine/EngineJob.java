package io.omnistock.engine;

import io.omnistock.avro.Availability;
import io.omnistock.avro.ChannelAvailability;
import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.Discrepancy;
import io.omnistock.avro.GroupAvailability;
import io.omnistock.avro.HoldEvent;
import io.omnistock.avro.InventoryAlert;
import io.omnistock.avro.Movement;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.ReservationRequest;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.connectors.JobEnvironment;
import io.omnistock.connectors.KafkaSinks;
import io.omnistock.connectors.KafkaSources;
import io.omnistock.connectors.ReleaseThreadLocals;
import io.omnistock.connectors.RequiredTopics;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import io.omnistock.engine.functions.InventoryDeserializationSchema;
import io.omnistock.engine.functions.RuleSetDeserializationSchema;
import io.omnistock.engine.functions.RuleSetRecord;
import io.omnistock.engine.functions.SourcedEvent;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.ParameterTool;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The ledger job: reads {@code inventory.pos}, {@code inventory.wms}, {@code inventory.3pl}, {@code
 * network.nodes}, {@code reference.skus}, {@code reference.safety-stock}, {@code orders.requests}
 * and {@code orders.lifecycle}; writes the availability topics, alerts, discrepancies, count
 * checks, routing decisions, return dispositions, quote responses and dead letters (the metric
 * windows over them are the analytics job's). Routing's reservation requests go out on {@code
 * orders.reservations} and come back in to the SKU-keyed ledger, the only authority over stock.
 *
 * <p>Options come from {@code --config <file.properties>} and/or {@code --key value} arguments (see
 * {@link LedgerOptions} and {@code KafkaOptions}).
 */
public final class EngineJob {
    public static final String JOB_NAME = "omnistock-engine";

    public static void main(String[] args) throws Exception {
        Configuration conf = configuration(args);
        // A missing topic fails the submission with its name, not a job that restarts forever.
        RequiredTopics.check(
                conf, Topics.LEDGER_INPUTS, Topics.LEDGER_RULE_INPUTS, Topics.LEDGER_OUTPUTS);
        StreamExecutionEnvironment env = environment(conf);
        build(env, conf);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(JOB_NAME);
        // Resubmitting to one session cluster must not keep the ended job's classes.
        ReleaseThreadLocals.registerUnlessHighlyAvailable(graph, env.getConfiguration());
        env.execute(graph);
    }

    /** Options from an optional properties file overlaid with command-line arguments. */
    public static Configuration configuration(String[] args) throws IOException {
        ParameterTool params = ParameterTool.fromArgs(args);
        if (params.has("config")) {
            params = ParameterTool.fromPropertiesFile(params.get("config")).mergeWith(params);
        }
        return Configuration.fromMap(params.toMap());
    }

    /**
     * An execution environment with the engine's defaults ({@link JobEnvironment}) and the ledger's
     * own, a 10 ms buffer timeout and RocksDB Bloom filters, wherever neither the cluster's
     * config.yaml nor {@code conf} says otherwise.
     */
    public static StreamExecutionEnvironment environment(Configuration conf) {
        Configuration ledger = new Configuration();
        // A partly filled network buffer waits at most 10 ms, not the default 100 ms, before it
        // is sent: at moderate load each shuffle adds up to that to availability's latency.
        ledger.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(10));
        // Most lookups of an absent key are answered by a Bloom filter without reading a block
        // (+25% events/s in the ledger benchmark, bench/RESULTS.md).
        ledger.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        return JobEnvironment.create(conf, ledger);
    }

    /** The ledger pipeline on Kafka sources and sinks. */
    public static void build(StreamExecutionEnvironment env, Configuration conf) {
        EnginePipeline.build(env, kafkaSource(conf), rulesSource(conf), kafkaSinks(conf), conf);
    }

    static KafkaSource<RuleSetRecord> rulesSource(Configuration conf) {
        return KafkaSources.source(
                conf, new RuleSetDeserializationSchema(), Topics.LEDGER_RULE_INPUTS);
    }

    static KafkaSource<SourcedEvent> kafkaSource(Configuration conf) {
        return KafkaSources.source(
                conf,
                new InventoryDeserializationSchema(LedgerOptions.settings(conf)),
                Topics.LEDGER_INPUTS);
    }

    static EngineSinks kafkaSinks(Configuration conf) {
        return EngineSinks.discarding()
                .availability(sink(conf, Topics.AVAILABILITY, EngineJob::availabilityKey))
                .network(sink(conf, Topics.NETWORK_AVAILABILITY, NetworkAvailability::getSku))
                .alerts(sink(conf, Topics.ALERTS, EngineJob::alertKey))
                .discrepancies(sink(conf, Topics.DISCREPANCIES, EngineJob::discrepancyKey))
                .decisions(sink(conf, Topics.DECISIONS, RoutingDecision::getOrderId))
                .reservations(sink(conf, Topics.RESERVATIONS, ReservationRequest::getSku))
                .countChecks(sink(conf, Topics.COUNT_CHECKS, EngineJob::countCheckKey))
                .deadLetters(sink(conf, Topics.DEADLETTER, DeadLetter::getSourceTopic))
                .returns(sink(conf, Topics.RETURN_DISPOSITIONS, ReturnDisposition::getEventId))
                .quotes(sink(conf, Topics.QUOTE_RESPONSES, QuoteResponse::getRequestId))
                .groups(sink(conf, Topics.GROUP_AVAILABILITY, EngineJob::groupKey))
                .movements(sink(conf, Topics.MOVEMENTS, EngineJob::movementKey))
                .holds(sink(conf, Topics.HOLD_EVENTS, HoldEvent::getHoldId))
                .channels(sink(conf, Topics.CHANNEL_AVAILABILITY, EngineJob::channelKey))
                .build();
    }

    private static <V extends org.apache.avro.specific.SpecificRecord>
            EngineSinks.SinkApplier<V> sink(
                    Configuration conf, TopicSpec<V> topic, SerializableFunction<V, String> key) {
        String uid = topic.name() + "-sink";
        return stream -> stream.sinkTo(KafkaSinks.sink(conf, topic, key)).name(uid).uid(uid);
    }

    private static String groupKey(GroupAvailability g) {
        return Topics.groupKey(g.getSku(), g.getNodeGroup());
    }

    private static String channelKey(ChannelAvailability a) {
        return Topics.channelKey(a.getSku(), a.getNodeId(), a.getChannel());
    }

    private static String availabilityKey(Availability a) {
        return Topics.positionKey(a.getSku(), a.getNodeId());
    }

    private static String movementKey(Movement m) {
        return Topics.positionKey(m.getSku(), m.getNodeId());
    }

    private static String countCheckKey(CountCheck c) {
        return Topics.positionKey(c.getSku(), c.getNodeId());
    }

    private static String alertKey(InventoryAlert a) {
        return Topics.positionKey(a.getSku(), a.getNodeId());
    }

    private static String discrepancyKey(Discrepancy d) {
        return Topics.positionKey(d.getSku(), d.getNodeId());
    }

    private EngineJob() {}
}
