package io.omnistock.analytics;

import io.omnistock.analytics.functions.AnalyticsInput;
import io.omnistock.analytics.functions.AnalyticsOutputs;
import io.omnistock.analytics.functions.CountExpiredFactsFunction;
import io.omnistock.analytics.functions.DecisionToFactFunction;
import io.omnistock.analytics.functions.ProvisionalThenFinalTrigger;
import io.omnistock.analytics.functions.PublishWindowFigures;
import io.omnistock.analytics.functions.ReconcileCountChecksFunction;
import io.omnistock.analytics.functions.SplitAnalyticsInputFunction;
import io.omnistock.analytics.functions.SumFactsByMinute;
import io.omnistock.analytics.functions.SumWindowFigures;
import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.ReconciliationReport;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.domain.analytics.MetricFact;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Assembles the analytics job: the ledger job's routing decisions, return dispositions, count
 * checks and dead letters, read from their topics (records that do not decode are dead-lettered),
 * become small facts, stamped with their own event time and watermarked per kind (a decision
 * carries its order's time, which the job's watermark and the counts have often passed by the time
 * the reservation round trip ends); each fact is counted under its region and channel and the ALL
 * roll-ups, summed by minute in each task (so the keyed windows add a few partial sums, not every
 * fact four times over), then in tumbling event-time windows of 1 minute and 1 hour, by order time,
 * that publish provisionally when the watermark passes, again as a new revision for each late fact,
 * final when the allowed lateness has passed, and again (final, the fact counted as late) for each
 * fact later still while the window's sums are kept. The count checks also become reconciliation
 * reports per 3PL snapshot batch and per node and UTC day ({@link
 * io.omnistock.analytics.functions.ReconcileCountChecksFunction}), on the same conventions.
 */
public final class AnalyticsPipeline {
    public static final String SOURCE_UID = "analytics-sources";
    public static final String SPLIT_UID = "split-analytics-input";
    static final String DECISION_FACTS_UID = "decision-facts";
    static final String COUNT_FACTS_UID = "count-facts";
    static final String COUNT_TO_FACT_UID = "count-check-to-fact";
    static final String DEAD_LETTER_FACTS_UID = "dead-letter-facts";
    static final String MINUTE_SUMS_UID = "metric-minute-sums";
    static final String DECISION_TO_FACT_UID = "decision-to-fact";
    static final String DEAD_LETTER_TO_FACT_UID = "dead-letter-to-fact";
    static final String RETURN_FACTS_UID = "return-facts";
    static final String RETURN_TO_FACT_UID = "return-to-fact";
    static final String EXPIRED_FACTS_UID = "expired-metric-facts";
    static final String RECONCILIATION_CHECKS_UID = "reconciliation-checks";
    static final String RECONCILIATION_UID = "reconciliation-reports";

    private static final TypeInformation<MetricFact> FACT = TypeInformation.of(MetricFact.class);
    private static final TypeInformation<WindowFigures> SUMS =
            TypeInformation.of(WindowFigures.class);

    /**
     * The job on {@code source}, which reads the four input topics (see {@link
     * io.omnistock.analytics.functions.AnalyticsDeserializationSchema}). The source emits no
     * watermarks: each kind of fact is watermarked on its own.
     */
    public static void build(
            StreamExecutionEnvironment env,
            Source<AnalyticsInput, ?, ?> source,
            AnalyticsSinks sinks,
            Configuration conf) {
        SingleOutputStreamOperator<RoutingDecision> inputs =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), SOURCE_UID)
                        .uid(SOURCE_UID)
                        .process(
                                new SplitAnalyticsInputFunction(),
                                new AvroTypeInfo<>(RoutingDecision.class))
                        .name(SPLIT_UID)
                        .uid(SPLIT_UID);
        sinks.deadLetters().apply(inputs.getSideOutput(AnalyticsOutputs.REJECTED));
        metrics(
                inputs,
                inputs.getSideOutput(AnalyticsOutputs.RETURN_DISPOSITIONS),
                inputs.getSideOutput(AnalyticsOutputs.COUNT_CHECKS),
                inputs.getSideOutput(AnalyticsOutputs.DEAD_LETTERS_READ),
                sinks,
                conf);
    }

    /**
     * The facts and their windows over streams of the four kinds, wherever they come from (the
     * job's topics, or a test's streams).
     */
    public static void metrics(
            DataStream<RoutingDecision> decisions,
            DataStream<ReturnDisposition> returns,
            DataStream<CountCheck> countChecks,
            DataStream<DeadLetter> deadLetters,
            AnalyticsSinks sinks,
            Configuration conf) {
        WatermarkStrategy<MetricFact> watermarks =
                WatermarkStrategy.<MetricFact>forBoundedOutOfOrderness(
                                conf.get(MetricsOptions.MAX_OUT_OF_ORDERNESS))
                        .withTimestampAssigner((fact, recordTimestamp) -> fact.eventTime)
                        .withIdleness(conf.get(MetricsOptions.SOURCE_IDLENESS));

        DataStream<WindowFigures> facts =
                timed(
                                decisions
                                        .process(new DecisionToFactFunction(), FACT)
                                        .name(DECISION_TO_FACT_UID)
                                        .uid(DECISION_TO_FACT_UID),
                                DECISION_FACTS_UID,
                                watermarks)
                        .union(
                                timed(
                                        returns.map(MetricFact::of, FACT)
                                                .name(RETURN_TO_FACT_UID)
                                                .uid(RETURN_TO_FACT_UID),
                                        RETURN_FACTS_UID,
                                        watermarks),
                                timed(
                                        countChecks
                                                .map(MetricFact::of, FACT)
                                                .name(COUNT_TO_FACT_UID)
                                                .uid(COUNT_TO_FACT_UID),
                                        COUNT_FACTS_UID,
                                        watermarks),
                                timed(
                                        deadLetters
                                                .map(MetricFact::of, FACT)
                                                .name(DEAD_LETTER_TO_FACT_UID)
                                                .uid(DEAD_LETTER_TO_FACT_UID),
                                        DEAD_LETTER_FACTS_UID,
                                        watermarks))
                        .transform(MINUTE_SUMS_UID, SUMS, new SumFactsByMinute())
                        .uid(MINUTE_SUMS_UID);

        Duration lateness = conf.get(MetricsOptions.ALLOWED_LATENESS);
        Duration retention = conf.get(MetricsOptions.LATE_RETENTION);
        SingleOutputStreamOperator<OperationsMetrics> minutes =
                windows(facts, "1m", Duration.ofMinutes(1), lateness, retention);
        SingleOutputStreamOperator<OperationsMetrics> hours =
                windows(facts, "1h", Duration.ofHours(1), lateness, retention);
        countExpired(minutes, "1m");
        countExpired(hours, "1h");
        sinks.operations().apply(minutes.union(hours));
        sinks.sustainability()
                .apply(
                        minutes.getSideOutput(AnalyticsOutputs.SUSTAINABILITY)
                                .union(hours.getSideOutput(AnalyticsOutputs.SUSTAINABILITY)));
        sinks.reconciliation().apply(reconciliation(countChecks, conf));
    }

    /**
     * Reconciliation reports per 3PL snapshot batch and per node and UTC day of cycle counts, from
     * the count checks in their own event time, keyed by node (missing positions compare a node's
     * snapshots).
     */
    static DataStream<ReconciliationReport> reconciliation(
            DataStream<CountCheck> countChecks, Configuration conf) {
        WatermarkStrategy<CountCheck> watermarks =
                WatermarkStrategy.<CountCheck>forBoundedOutOfOrderness(
                                conf.get(MetricsOptions.MAX_OUT_OF_ORDERNESS))
                        .withTimestampAssigner(
                                (check, recordTimestamp) -> check.getEventTime().toEpochMilli())
                        .withIdleness(conf.get(MetricsOptions.SOURCE_IDLENESS));
        return countChecks
                .assignTimestampsAndWatermarks(watermarks)
                .name(RECONCILIATION_CHECKS_UID)
                .uid(RECONCILIATION_CHECKS_UID)
                .keyBy(CountCheck::getNodeId, Types.STRING)
                .process(
                        new ReconcileCountChecksFunction(
                                conf.get(MetricsOptions.ALLOWED_LATENESS),
                                conf.get(MetricsOptions.LATE_RETENTION)),
                        new AvroTypeInfo<>(ReconciliationReport.class))
                .name(RECONCILIATION_UID)
                .uid(RECONCILIATION_UID);
    }

    /**
     * Tumbling windows of one size over partial sums, by series: operations figures out,
     * sustainability figures on the side. Provisional until the watermark passes a window's end
     * plus {@code allowedLateness}, then final; the sums are kept {@code retention} longer so that
     * a fact later still is counted and applied as a new final revision.
     *
     * @param label the size in records, keys and the operator's uid: {@code 1m}, {@code 1h}
     */
    static SingleOutputStreamOperator<OperationsMetrics> windows(
            DataStream<WindowFigures> sums,
            String label,
            Duration size,
            Duration allowedLateness,
            Duration retention) {
        String uid = "metrics-" + label;
        return sums.keyBy(WindowFigures::seriesKey, Types.STRING)
                .window(TumblingEventTimeWindows.of(size))
                .trigger(new ProvisionalThenFinalTrigger(allowedLateness))
                .allowedLateness(allowedLateness.plus(retention))
                .sideOutputLateData(AnalyticsOutputs.EXPIRED_FACTS)
                .aggregate(
                        new SumWindowFigures(),
                        new PublishWindowFigures(label, allowedLateness),
                        SUMS,
                        SUMS,
                        new AvroTypeInfo<>(OperationsMetrics.class))
                .name(uid)
                .uid(uid);
    }

    /** Counts the facts that came to {@code windows} after their window's sums were dropped. */
    private static void countExpired(
            SingleOutputStreamOperator<OperationsMetrics> windows, String label) {
        String uid = EXPIRED_FACTS_UID + "-" + label;
        windows.getSideOutput(AnalyticsOutputs.EXPIRED_FACTS)
                .process(new CountExpiredFactsFunction(label), Types.VOID)
                .name(uid)
                .uid(uid);
    }

    /**
     * Facts of one kind, stamped with their event time and watermarked on their own: the windows
     * see the least advanced of the four kinds, so decisions, which trail counts and dead letters
     * by a reservation round trip, are not late because counts ran ahead.
     */
    private static DataStream<MetricFact> timed(
            DataStream<MetricFact> facts, String uid, WatermarkStrategy<MetricFact> watermarks) {
        return facts.assignTimestampsAndWatermarks(watermarks).name(uid).uid(uid);
    }

    private AnalyticsPipeline() {}
}
