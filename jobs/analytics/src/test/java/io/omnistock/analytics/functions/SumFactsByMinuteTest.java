package io.omnistock.analytics.functions;

import static io.omnistock.domain.analytics.MetricFacts.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.omnistock.domain.analytics.MetricFact;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The partial sums reach the windows before the watermark that could close them, and before a
 * checkpoint barrier, so nothing is held across a checkpoint.
 */
class SumFactsByMinuteTest {
    private static final long T = 1_800_000_000_000L - 1_800_000_000_000L % 3_600_000;
    private static final long MINUTE = 60_000;

    private OneInputStreamOperatorTestHarness<MetricFact, WindowFigures> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new SumFactsByMinute());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void sumsGoOutStampedWithTheirMinuteAheadOfTheWatermark() throws Exception {
        harness.processElement(routed(T + 10_000, "WEB", 1, 0.5), T + 10_000);
        harness.processElement(routed(T + 20_000, "WEB", 2, 0.5), T + 20_000);
        harness.processElement(routed(T + MINUTE + 1, "WEB", 4, 0.5), T + MINUTE + 1);
        assertThat(harness.getOutput()).as("held until a watermark or barrier").isEmpty();

        harness.processWatermark(new Watermark(T + MINUTE));

        List<Object> out = List.copyOf(harness.getOutput());
        assertThat(out).hasSize(9).last().isEqualTo(new Watermark(T + MINUTE));
        List<StreamRecord<WindowFigures>> sums =
                out.subList(0, 8).stream().map(o -> (StreamRecord<WindowFigures>) o).toList();
        assertThat(sums)
                .filteredOn(r -> r.getValue().seriesKey().equals("ALL|ALL"))
                .extracting(StreamRecord::getTimestamp, r -> r.getValue().unitsAllocated)
                .containsExactlyInAnyOrder(tuple(T, 3L), tuple(T + MINUTE, 4L));
    }

    @Test
    void aCheckpointBarrierFlushesTheSums() throws Exception {
        harness.processElement(routed(T, "WEB", 1, 0.5), T);

        harness.prepareSnapshotPreBarrier(1);

        assertThat(harness.extractOutputValues()).hasSize(4);
    }
}
