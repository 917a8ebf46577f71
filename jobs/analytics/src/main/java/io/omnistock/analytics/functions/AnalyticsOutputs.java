package io.omnistock.analytics.functions;

import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.OutputTag;

/** The side outputs of the analytics job's functions, typed so nothing falls back to Kryo. */
public final class AnalyticsOutputs {
    /** Return dispositions read from returns.dispositions. */
    public static final OutputTag<ReturnDisposition> RETURN_DISPOSITIONS =
            new OutputTag<>("return-dispositions", new AvroTypeInfo<>(ReturnDisposition.class));

    /** Counts compared with the ledger, read from inventory.count-checks. */
    public static final OutputTag<CountCheck> COUNT_CHECKS =
            new OutputTag<>("count-checks", new AvroTypeInfo<>(CountCheck.class));

    /** Dead letters read from the deadletter topic, to count. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS_READ =
            new OutputTag<>("dead-letters-read", new AvroTypeInfo<>(DeadLetter.class));

    /** The job's own rejections: input records that did not decode, for the deadletter topic. */
    public static final OutputTag<DeadLetter> REJECTED =
            new OutputTag<>("rejected", new AvroTypeInfo<>(DeadLetter.class));

    /**
     * The sustainability figures of a metric window (its operations figures are the main output).
     */
    public static final OutputTag<SustainabilityMetrics> SUSTAINABILITY =
            new OutputTag<>(
                    "sustainability-metrics", new AvroTypeInfo<>(SustainabilityMetrics.class));

    /**
     * Partial sums that reached a metric window after its sums were dropped (too late even for a
     * final revision), to be counted.
     */
    public static final OutputTag<WindowFigures> EXPIRED_FACTS =
            new OutputTag<>("expired-metric-facts", TypeInformation.of(WindowFigures.class));

    private AnalyticsOutputs() {}
}
