package io.omnistock.engine;

import io.omnistock.avro.Availability;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.engine.functions.ApplyInventoryEventFunction;
import io.omnistock.engine.functions.LedgerOutputs;
import io.omnistock.engine.functions.ParseSourcingRulesFunction;
import io.omnistock.engine.functions.ProbeOrderSkusFunction;
import io.omnistock.engine.functions.RouteOrderFunction;
import io.omnistock.engine.functions.RoutingReference;
import io.omnistock.engine.functions.RuleSetRecord;
import io.omnistock.engine.functions.SourcedEvent;
import io.omnistock.engine.functions.SplitInputFunction;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Assembles the job: inputs -> split (node data, orders, dead letters) -> the ledger, keyed by SKU
 * with node data and the safety-stock rules naming no SKU broadcast (SKU records and rules naming a
 * SKU go to the SKU's ledger) -> availability, network availability, alerts, discrepancies; orders
 * probe the ledger for stock (one probe per SKU) and meet its answers at routing, keyed by order ->
 * decisions, and reservation requests that return to the ledger through Kafka (a single-SKU order
 * is planned and reserved by its SKU's ledger instead, and answered in the job); quote requests
 * probe the ledger the same way and are answered at routing with delivery options; cart and
 * checkout holds go to their SKU's ledger, which answers them (and their expiry) -> hold events;
 * returned lines are triaged by the ledger -> return dispositions; counts compared with the ledger
 * -> count checks. Decisions, returns, count checks and dead letters are what the analytics job's
 * metric windows read back from their topics. Assembly only: sources and sinks come from the
 * caller.
 */
public final class EnginePipeline {
    public static final String SOURCE_UID = "inventory-sources";
    public static final String SPLIT_UID = "split-input";
    public static final String APPLY_UID = "apply-inventory-events";
    public static final String PROBE_UID = "probe-order-skus";
    public static final String ROUTE_UID = "route-orders";
    public static final String RULES_SOURCE_UID = "sourcing-rules-source";
    public static final String PARSE_RULES_UID = "parse-sourcing-rules";
    public static final String RULES_WATERMARKS_UID = "sourcing-rules-watermarks";

    /** The job without a sourcing rules source: routing follows the job's options alone. */
    public static void build(
            StreamExecutionEnvironment env,
            Source<SourcedEvent, ?, ?> source,
            EngineSinks sinks,
            Configuration conf) {
        build(env, source, null, sinks, conf);
    }

    /**
     * The job; {@code rulesSource} reads routing.rules (null: no sourcing rules, the job's options
     * alone).
     */
    public static void build(
            StreamExecutionEnvironment env,
            Source<SourcedEvent, ?, ?> source,
            Source<RuleSetRecord, ?, ?> rulesSource,
            EngineSinks sinks,
            Configuration conf) {
        WatermarkStrategy<SourcedEvent> watermarks =
                new TimedRecordsWatermarks(
                        conf.get(LedgerOptions.MAX_OUT_OF_ORDERNESS),
                        conf.get(LedgerOptions.SOURCE_IDLENESS));

        DataStream<SourcedEvent> input =
                env.fromSource(source, watermarks, SOURCE_UID).uid(SOURCE_UID);

        SingleOutputStreamOperator<SourcedEvent> events =
                input.process(new SplitInputFunction()).name(SPLIT_UID).uid(SPLIT_UID);

        // Sourcing rules: checked once, then broadcast to routing and to the probes. Their
        // stream never holds event time back (the rule sets carry no event time of orders).
        DataStream<RoutingReference> nodeUpdates = events.getSideOutput(LedgerOutputs.NODE_UPDATES);
        DataStream<RoutingReference> routingReference = nodeUpdates;
        DataStream<RoutingReference> rules = null;
        SingleOutputStreamOperator<RoutingReference> parsedRules = null;
        if (rulesSource != null) {
            parsedRules =
                    env.fromSource(rulesSource, WatermarkStrategy.noWatermarks(), RULES_SOURCE_UID)
                            .uid(RULES_SOURCE_UID)
                            .process(new ParseSourcingRulesFunction())
                            .name(PARSE_RULES_UID)
                            .uid(PARSE_RULES_UID);
            rules =
                    parsedRules
                            .assignTimestampsAndWatermarks(new NoEventTimeWatermarks<>())
                            .name(RULES_WATERMARKS_UID)
                            .uid(RULES_WATERMARKS_UID);
            routingReference = nodeUpdates.union(rules);
        }
        BroadcastStream<RoutingReference> nodes =
                routingReference.broadcast(
                        ApplyInventoryEventFunction.NODES, RouteOrderFunction.SOURCING_RULES);

        BroadcastStream<SourcedEvent> ledgerReference =
                events.getSideOutput(LedgerOutputs.LEDGER_REFERENCE)
                        .broadcast(ApplyInventoryEventFunction.BROADCAST_STATES);

        DataStream<SourcedEvent> orders = events.getSideOutput(LedgerOutputs.ORDERS);
        DataStream<RoutingReference> probeRules =
                rules != null
                        ? rules
                        : nodeUpdates
                                .filter(reference -> reference.rules != null)
                                .name(PROBE_UID + "-no-rules")
                                .uid(PROBE_UID + "-no-rules");
        DataStream<SourcedEvent> probes =
                orders.connect(probeRules.broadcast(RouteOrderFunction.SOURCING_RULES))
                        .process(
                                new ProbeOrderSkusFunction(
                                        conf.get(RoutingOptions.SINGLE_SKU_FAST_PATH)),
                                TypeInformation.of(SourcedEvent.class))
                        .name(PROBE_UID)
                        .uid(PROBE_UID);

        SingleOutputStreamOperator<Availability> ledger =
                events.union(probes)
                        .keyBy(SourcedEvent::sku, Types.STRING)
                        .connect(ledgerReference)
                        .process(
                                new ApplyInventoryEventFunction(
                                        LedgerOptions.settings(conf),
                                        ReturnsOptions.returns(conf),
                                        LedgerOptions.holdPeriods(conf),
                                        conf.get(LedgerOptions.SUMMARY_CACHE_ENTRIES),
                                        RoutingOptions.policy(conf)),
                                new AvroTypeInfo<>(Availability.class))
                        .name(APPLY_UID)
                        .uid(APPLY_UID);

        SingleOutputStreamOperator<RoutingDecision> decisions =
                orders.union(ledger.getSideOutput(LedgerOutputs.STOCK_REPLIES))
                        .keyBy(SourcedEvent::orderId, Types.STRING)
                        .connect(nodes)
                        .process(
                                new RouteOrderFunction(
                                        RoutingOptions.policy(conf),
                                        LedgerOptions.settings(conf),
                                        conf.get(RoutingOptions.MAX_ATTEMPTS),
                                        conf.get(RoutingOptions.ORDER_RETENTION),
                                        QuoteOptions.settings(conf),
                                        conf.get(QuoteOptions.TIMEOUT)),
                                new AvroTypeInfo<>(RoutingDecision.class))
                        .name(ROUTE_UID)
                        .uid(ROUTE_UID);

        sinks.availability().apply(ledger);
        sinks.network().apply(ledger.getSideOutput(LedgerOutputs.NETWORK));
        sinks.groups().apply(ledger.getSideOutput(LedgerOutputs.GROUPS));
        sinks.channels().apply(ledger.getSideOutput(LedgerOutputs.CHANNELS));
        sinks.alerts().apply(ledger.getSideOutput(LedgerOutputs.ALERTS));
        sinks.discrepancies().apply(ledger.getSideOutput(LedgerOutputs.DISCREPANCIES));
        sinks.decisions().apply(decisions);
        sinks.reservations().apply(decisions.getSideOutput(LedgerOutputs.RESERVATION_REQUESTS));
        sinks.quotes().apply(decisions.getSideOutput(LedgerOutputs.QUOTE_RESPONSES));
        sinks.holds().apply(ledger.getSideOutput(LedgerOutputs.HOLD_EVENTS));
        DataStream<DeadLetter> deadLetters =
                events.getSideOutput(LedgerOutputs.DEAD_LETTERS)
                        .union(
                                ledger.getSideOutput(LedgerOutputs.DEAD_LETTERS),
                                decisions.getSideOutput(LedgerOutputs.DEAD_LETTERS));
        if (parsedRules != null) {
            deadLetters = deadLetters.union(parsedRules.getSideOutput(LedgerOutputs.DEAD_LETTERS));
        }
        sinks.deadLetters().apply(deadLetters);
        sinks.returns().apply(ledger.getSideOutput(LedgerOutputs.RETURN_DISPOSITIONS));
        sinks.countChecks().apply(ledger.getSideOutput(LedgerOutputs.COUNT_CHECKS));
        sinks.movements().apply(ledger.getSideOutput(LedgerOutputs.MOVEMENTS));
    }

    private EnginePipeline() {}
}
