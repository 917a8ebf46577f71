package io.omnistock.ledger;

import io.omnistock.avro.Availability;
import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.Discrepancy;
import io.omnistock.avro.InventoryAlert;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.ReservationRequest;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.RoutingDecision;
import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where each output of the ledger goes. The job attaches Kafka sinks; tests attach collecting
 * sinks.
 */
public record LedgerSinks(
        SinkApplier<Availability> availability,
        SinkApplier<NetworkAvailability> network,
        SinkApplier<InventoryAlert> alerts,
        SinkApplier<Discrepancy> discrepancies,
        SinkApplier<RoutingDecision> decisions,
        SinkApplier<ReservationRequest> reservations,
        SinkApplier<CountCheck> countChecks,
        SinkApplier<DeadLetter> deadLetters,
        SinkApplier<ReturnDisposition> returns,
        SinkApplier<QuoteResponse> quotes) {

    /** Attaches a sink (with its name and uid) to a stream. */
    @FunctionalInterface
    public interface SinkApplier<T> extends Serializable {
        void apply(DataStream<T> stream);
    }
}
