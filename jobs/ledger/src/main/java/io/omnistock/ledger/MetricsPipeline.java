package io.omnistock.ledger;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.ledger.domain.metrics.MetricFact;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import io.omnistock.ledger.functions.LedgerOutputs;
import io.omnistock.ledger.functions.PublishWindowFigures;
import io.omnistock.ledger.functions.SumWindowFigures;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;

/**
 * The metric streams: routing decisions, counts compared with the ledger and dead letters become
 * small facts, stamped with their own event time and watermarked on their own (a decision carries
 * its order's time, which the job's watermark has often passed by the time the reservation round
 * trip ends); each fact is counted under its region and channel and the ALL roll-ups, in tumbling
 * event-time windows of 1 minute and 1 hour that publish when the watermark passes and again, as a
 * new revision, for each late fact within the allowed lateness.
 */
final class MetricsPipeline {
    static final String FACTS_UID = "metric-facts";
    static final String ROLL_UP_UID = "metric-roll-ups";

    static void build(
            DataStream<RoutingDecision> decisions,
            DataStream<MetricFact> countChecks,
            DataStream<DeadLetter> deadLetters,
            LedgerSinks sinks,
            Configuration conf) {
        TypeInformation<MetricFact> factType = TypeInformation.of(MetricFact.class);
        WatermarkStrategy<MetricFact> watermarks =
                WatermarkStrategy.<MetricFact>forBoundedOutOfOrderness(
                                conf.get(MetricsOptions.MAX_OUT_OF_ORDERNESS))
                        .withTimestampAssigner((fact, recordTimestamp) -> fact.eventTime)
                        .withIdleness(conf.get(LedgerOptions.SOURCE_IDLENESS));

        DataStream<MetricFact> facts =
                decisions
                        .map(MetricFact::of, factType)
                        .name("decision-facts")
                        .union(
                                countChecks,
                                deadLetters.map(MetricFact::of, factType).name("dead-letter-facts"))
                        .assignTimestampsAndWatermarks(watermarks)
                        .name(FACTS_UID)
                        .uid(FACTS_UID)
                        .flatMap(MetricsPipeline::rollUps, factType)
                        .name(ROLL_UP_UID)
                        .uid(ROLL_UP_UID);

        Duration lateness = conf.get(MetricsOptions.ALLOWED_LATENESS);
        SingleOutputStreamOperator<OperationsMetrics> minutes =
                windows(facts, "1m", Duration.ofMinutes(1), lateness);
        SingleOutputStreamOperator<OperationsMetrics> hours =
                windows(facts, "1h", Duration.ofHours(1), lateness);
        sinks.operations().apply(minutes.union(hours));
        sinks.sustainability()
                .apply(
                        minutes.getSideOutput(LedgerOutputs.SUSTAINABILITY)
                                .union(hours.getSideOutput(LedgerOutputs.SUSTAINABILITY)));
    }

    /**
     * Tumbling windows of one size over the facts, by series: operations figures out,
     * sustainability figures on the side.
     *
     * @param label the size in records, keys and the operator's uid: {@code 1m}, {@code 1h}
     */
    static SingleOutputStreamOperator<OperationsMetrics> windows(
            DataStream<MetricFact> facts, String label, Duration size, Duration allowedLateness) {
        String uid = "metrics-" + label;
        return facts.keyBy(MetricFact::seriesKey, Types.STRING)
                .window(TumblingEventTimeWindows.of(size))
                .allowedLateness(allowedLateness)
                .aggregate(
                        new SumWindowFigures(),
                        new PublishWindowFigures(label),
                        TypeInformation.of(WindowFigures.class),
                        TypeInformation.of(WindowFigures.class),
                        new AvroTypeInfo<>(OperationsMetrics.class))
                .name(uid)
                .uid(uid);
    }

    private static void rollUps(MetricFact fact, Collector<MetricFact> out) {
        for (MetricFact keyed : fact.rollUps()) {
            out.collect(keyed);
        }
    }

    private MetricsPipeline() {}
}
