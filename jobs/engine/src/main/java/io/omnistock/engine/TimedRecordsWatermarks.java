package io.omnistock.engine;

import io.omnistock.engine.functions.SourcedEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The engine's watermarks: bounded out-of-orderness over the records' event times, per Kafka
 * partition, a partition without records for the idleness timeout released. Records with no event
 * time of their own ({@link SourcedEvent#eventTime()} is {@link Long#MIN_VALUE}: node records, SKU
 * and safety-stock reference records, rejected records) neither move the watermark nor keep their
 * partition active, so a partition that receives only them goes idle like an empty one. Counted as
 * activity, a steady trickle of node updates would hold the watermark at its minimum for as long as
 * it lasts: no count check would settle and no dedupe entry expire.
 */
final class TimedRecordsWatermarks implements WatermarkStrategy<SourcedEvent> {
    private static final long serialVersionUID = 1L;

    private final WatermarkStrategy<SourcedEvent> timed;

    TimedRecordsWatermarks(Duration maxOutOfOrderness, Duration idleness) {
        this.timed =
                WatermarkStrategy.<SourcedEvent>forBoundedOutOfOrderness(maxOutOfOrderness)
                        .withTimestampAssigner((event, recordTimestamp) -> event.eventTime())
                        .withIdleness(idleness);
    }

    @Override
    public TimestampAssigner<SourcedEvent> createTimestampAssigner(
            TimestampAssignerSupplier.Context context) {
        return timed.createTimestampAssigner(context);
    }

    @Override
    public WatermarkGenerator<SourcedEvent> createWatermarkGenerator(
            WatermarkGeneratorSupplier.Context context) {
        WatermarkGenerator<SourcedEvent> generator = timed.createWatermarkGenerator(context);
        return new WatermarkGenerator<>() {
            @Override
            public void onEvent(SourcedEvent event, long timestamp, WatermarkOutput output) {
                if (timestamp != Long.MIN_VALUE) {
                    generator.onEvent(event, timestamp, output);
                }
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                generator.onPeriodicEmit(output);
            }
        };
    }
}
