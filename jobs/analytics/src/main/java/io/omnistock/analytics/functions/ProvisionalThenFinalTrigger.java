package io.omnistock.analytics.functions;

import io.omnistock.ledger.domain.metrics.WindowFigures;
import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * When a metric window publishes: once, provisional, when the watermark passes its end; again for
 * each late fact; and once more, final, when the watermark passes its end plus the allowed
 * lateness. A fact that arrives after that (while the window's sums are still kept) is too late:
 * its sums are kept apart as well ({@link PublishWindowFigures#TOO_LATE}) and the window publishes
 * a new final revision that counts it, so no fact is added silently or lost silently.
 */
public final class ProvisionalThenFinalTrigger extends Trigger<WindowFigures, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final long allowedLateness;

    public ProvisionalThenFinalTrigger(Duration allowedLateness) {
        this.allowedLateness = allowedLateness.toMillis();
    }

    /** When the window is final: the watermark at or past this. */
    long finalAt(TimeWindow window) {
        return window.maxTimestamp() + allowedLateness;
    }

    @Override
    public TriggerResult onElement(
            WindowFigures sums, long timestamp, TimeWindow window, TriggerContext ctx)
            throws Exception {
        long watermark = ctx.getCurrentWatermark();
        if (watermark >= finalAt(window)) {
            ValueState<WindowFigures> tooLate =
                    ctx.getPartitionedState(PublishWindowFigures.TOO_LATE);
            WindowFigures late = tooLate.value();
            if (late == null) {
                late = new WindowFigures(sums.region, sums.channel);
            }
            tooLate.update(late.merge(sums));
            return TriggerResult.FIRE;
        }
        ctx.registerEventTimeTimer(finalAt(window));
        if (watermark >= window.maxTimestamp()) {
            return TriggerResult.FIRE; // late, within the allowed lateness: a provisional revision
        }
        ctx.registerEventTimeTimer(window.maxTimestamp());
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
        if (time == finalAt(window)) {
            return TriggerResult.FIRE;
        }
        if (time == window.maxTimestamp()) {
            // The final firing follows in the same watermark step when the watermark jumped past
            // it.
            return ctx.getCurrentWatermark() >= finalAt(window)
                    ? TriggerResult.CONTINUE
                    : TriggerResult.FIRE;
        }
        return TriggerResult.CONTINUE; // the window's clean-up
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
        ctx.deleteEventTimeTimer(finalAt(window));
        ctx.getPartitionedState(PublishWindowFigures.TOO_LATE).clear();
    }

    @Override
    public String toString() {
        return "ProvisionalThenFinalTrigger(" + allowedLateness + " ms)";
    }
}
