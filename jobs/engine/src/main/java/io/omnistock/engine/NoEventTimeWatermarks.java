package io.omnistock.engine;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for a stream that carries no event time of the job's (the sourcing rule sets): none,
 * and the stream marked idle at once and periodically, so an operator that takes it beside timed
 * records (routing's broadcast side, the probes) follows the timed records' watermark alone, and
 * goes idle when they do. Not the largest watermark: an operator whose timed input went idle would
 * pass that on as its own, and every event-time timer downstream would fire.
 */
final class NoEventTimeWatermarks<T> implements WatermarkStrategy<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public WatermarkGenerator<T> createWatermarkGenerator(
            WatermarkGeneratorSupplier.Context context) {
        return new WatermarkGenerator<>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        };
    }
}
