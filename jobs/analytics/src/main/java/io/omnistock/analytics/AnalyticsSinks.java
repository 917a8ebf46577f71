package io.omnistock.analytics;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.ReconciliationReport;
import io.omnistock.avro.SustainabilityMetrics;
import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where each output of the analytics job goes. The job attaches Kafka sinks; tests attach
 * collecting sinks.
 *
 * @param deadLetters the job's own rejections: input records that did not decode
 * @param reconciliation reconciliation reports per 3PL batch and per node-day of cycle counts
 */
public record AnalyticsSinks(
        SinkApplier<SustainabilityMetrics> sustainability,
        SinkApplier<OperationsMetrics> operations,
        SinkApplier<DeadLetter> deadLetters,
        SinkApplier<ReconciliationReport> reconciliation) {

    /** Attaches a sink (with its name and uid) to a stream. */
    @FunctionalInterface
    public interface SinkApplier<T> extends Serializable {
        void apply(DataStream<T> stream);
    }
}
