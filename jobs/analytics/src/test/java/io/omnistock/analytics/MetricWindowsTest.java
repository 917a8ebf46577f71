package io.omnistock.analytics;

import static io.omnistock.domain.analytics.MetricFacts.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import io.omnistock.analytics.functions.AnalyticsOutputs;
import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.domain.analytics.MetricFact;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job's 1-minute metric window operator (the one {@link AnalyticsPipeline} builds) under a test
 * harness that sets the watermark by hand: facts out of order within a window, a late fact within
 * the allowed lateness (a new provisional revision of the same window), the final revision, a fact
 * after it (counted as late and applied as a new final revision) and one after the retention (not
 * published), with the exact sums expected in each published record.
 */
class MetricWindowsTest {
    private static final long T = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final Duration LATENESS = Duration.ofMinutes(5);
    private static final Duration RETENTION = Duration.ofMinutes(10);

    private KeyedOneInputStreamOperatorTestHarness<String, WindowFigures, OperationsMetrics>
            harness;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void openTheJobsWindowOperator() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowFigures> sums = env.fromData(WindowFigures.class, new WindowFigures());
        Transformation<OperationsMetrics> windows =
                AnalyticsPipeline.windows(sums, "1m", Duration.ofMinutes(1), LATENESS, RETENTION)
                        .getTransformation();
        OneInputStreamOperator<WindowFigures, OperationsMetrics> operator =
                (OneInputStreamOperator<WindowFigures, OperationsMetrics>)
                        ((OneInputTransformation<WindowFigures, OperationsMetrics>) windows)
                                .getOperator();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, WindowFigures::seriesKey, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void outOfOrderFactsSumIntoTheirWindowWhenTheWatermarkPassesIt() throws Exception {
        fact(routed(T + 50 * SECOND, "WEB", 2, 0.50));
        fact(routed(T + 10 * SECOND, "WEB", 1, 0.25)); // earlier, arrives later
        fact(routed(T + 70 * SECOND, "WEB", 4, 1.00)); // next window
        fact(routed(T + 30 * SECOND, "APP", 3, 0.75)); // another series
        assertThat(operations()).as("nothing before the watermark passes").isEmpty();

        harness.processWatermark(T + MINUTE - 1); // the first window's last instant

        List<OperationsMetrics> published = operations();
        assertThat(published)
                .extracting(
                        OperationsMetrics::getChannel,
                        OperationsMetrics::getRevision,
                        OperationsMetrics::getRouted,
                        OperationsMetrics::getUnitsOrdered)
                .containsExactlyInAnyOrder(tuple("WEB", 0, 2L, 3L), tuple("APP", 0, 1L, 3L));
        SustainabilityMetrics web = sustainability("WEB").get(0);
        assertThat(web.getWindow()).isEqualTo("1m");
        assertThat(web.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T));
        assertThat(web.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(T + MINUTE));
        assertThat(web.getOrders()).isEqualTo(2);
        assertThat(web.getCo2eKg()).isCloseTo(0.75, within(1e-12));
        assertThat(web.getCo2ePerOrderKg()).isCloseTo(0.375, within(1e-12));
        assertThat(web.getCo2eAvoidedKg())
                .as("each baseline is 0.1 kg above")
                .isCloseTo(0.2, within(1e-12));

        harness.processWatermark(T + 2 * MINUTE - 1);
        assertThat(operations())
                .hasSize(3)
                .last()
                .satisfies(
                        m -> {
                            assertThat(m.getWindowStart())
                                    .isEqualTo(Instant.ofEpochMilli(T + MINUTE));
                            assertThat(m.getUnitsAllocated()).isEqualTo(4);
                        });
    }

    @Test
    void aLateFactRepublishesItsWindowProvisionallyUntilTheLatenessRunsOutThenItIsFinal()
            throws Exception {
        fact(routed(T + 5 * SECOND, "WEB", 1, 0.5));
        harness.processWatermark(T + 2 * MINUTE);
        assertThat(operations())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.getRevision()).isZero();
                            assertThat(m.getProvisional()).isTrue();
                        });

        fact(routed(T + 20 * SECOND, "WEB", 2, 0.5)); // late, within 5 minutes of lateness
        assertThat(operations())
                .hasSize(2)
                .last()
                .satisfies(
                        m -> {
                            assertThat(m.getRevision()).isEqualTo(1);
                            assertThat(m.getProvisional()).isTrue();
                            assertThat(m.getRouted()).isEqualTo(2);
                            assertThat(m.getUnitsAllocated()).isEqualTo(3);
                            assertThat(m.getLateFacts()).as("within the lateness").isZero();
                            assertThat(m.getEventId())
                                    .isEqualTo("1m|UK|WEB|2026-11-23T10:00:00Z#1");
                        });
        assertThat(sustainability("WEB"))
                .extracting(SustainabilityMetrics::getOrders)
                .containsExactly(1L, 2L);

        harness.processWatermark(T + MINUTE - 1 + LATENESS.toMillis());
        assertThat(operations())
                .as("published final, unchanged")
                .hasSize(3)
                .last()
                .satisfies(
                        m -> {
                            assertThat(m.getRevision()).isEqualTo(2);
                            assertThat(m.getProvisional()).isFalse();
                            assertThat(m.getRouted()).isEqualTo(2);
                        });
        assertThat(sustainability("WEB"))
                .extracting(SustainabilityMetrics::getProvisional)
                .containsExactly(true, true, false);
    }

    @Test
    void aFactAfterTheFinalRevisionIsCountedAsLateAndAppliedUntilTheRetentionRunsOut()
            throws Exception {
        fact(routed(T + 5 * SECOND, "WEB", 1, 0.5));
        harness.processWatermark(T + MINUTE + LATENESS.toMillis()); // past the lateness at once
        assertThat(operations())
                .as("published once, final")
                .extracting(OperationsMetrics::getRevision, OperationsMetrics::getProvisional)
                .containsExactly(tuple(0, false));

        fact(routed(T + 30 * SECOND, "WEB", 5, 0.5)); // after the final revision
        fact(MetricFact.count(T + 40 * SECOND, "UK", true)); // another series, same window
        assertThat(operations())
                .hasSize(3)
                .filteredOn(m -> m.getChannel().equals("WEB"))
                .last()
                .satisfies(
                        m -> {
                            assertThat(m.getRevision()).isEqualTo(1);
                            assertThat(m.getProvisional()).isFalse();
                            assertThat(m.getRouted()).as("applied").isEqualTo(2);
                            assertThat(m.getUnitsAllocated()).isEqualTo(6);
                            assertThat(m.getLateFacts()).isEqualTo(1);
                            assertThat(m.getLateFactsByKind()).isEqualTo(Map.of("ROUTED", 1L));
                        });
        assertThat(operations())
                .last()
                .satisfies(
                        m -> {
                            assertThat(m.getChannel()).isEqualTo("ALL");
                            assertThat(m.getRevision())
                                    .as("a window first seen too late: final at once")
                                    .isZero();
                            assertThat(m.getProvisional()).isFalse();
                            assertThat(m.getLateFactsByKind()).isEqualTo(Map.of("COUNT", 1L));
                        });

        harness.processWatermark(T + MINUTE + LATENESS.toMillis() + RETENTION.toMillis());
        fact(routed(T + 35 * SECOND, "WEB", 9, 0.5));
        assertThat(operations()).as("past the retention: not published").hasSize(3);
        assertThat(harness.getSideOutput(AnalyticsOutputs.EXPIRED_FACTS))
                .as("but handed on to be counted")
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.getValue().factsByKind())
                                        .isEqualTo(Map.of("ROUTED", 1L)));
        assertThat(harness.numKeyedStateEntries()).as("the windows' sums are gone").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        fact(routed(T + 20 * MINUTE, "WEB", 7, 0.5));
        harness.processWatermark(T + 22 * MINUTE);
        assertThat(operations())
                .hasSize(4)
                .last()
                .satisfies(
                        m -> {
                            assertThat(m.getRevision())
                                    .as("a new window starts at revision 0")
                                    .isZero();
                            assertThat(m.getUnitsAllocated()).isEqualTo(7);
                        });
    }

    @Test
    void countsAndDeadLettersWithoutAChannelMakeNoSustainabilityRecord() throws Exception {
        fact(MetricFact.count(T + SECOND, "UK", true));
        fact(MetricFact.count(T + 2 * SECOND, "UK", false));
        harness.processWatermark(T + MINUTE);

        assertThat(operations())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.getRegion()).isEqualTo("UK");
                            assertThat(m.getChannel()).isEqualTo("ALL");
                            assertThat(m.getInventoryAccuracy()).isEqualTo(0.5);
                        });
        assertThat(harness.getSideOutput(AnalyticsOutputs.SUSTAINABILITY)).isNull();
    }

    /** One fact's sums, as a partial sum of its series, at the fact's time. */
    private void fact(MetricFact f) throws Exception {
        harness.processElement(new StreamRecord<>(WindowFigures.of(f), f.eventTime));
    }

    private List<OperationsMetrics> operations() {
        return harness.extractOutputValues();
    }

    private List<SustainabilityMetrics> sustainability(String channel) {
        ConcurrentLinkedQueue<StreamRecord<SustainabilityMetrics>> side =
                harness.getSideOutput(AnalyticsOutputs.SUSTAINABILITY);
        return side == null
                ? List.of()
                : side.stream()
                        .map(StreamRecord::getValue)
                        .filter(m -> m.getChannel().equals(channel))
                        .toList();
    }
}
