package io.omnistock.engine;

import io.omnistock.avro.Availability;
import io.omnistock.avro.ChannelAvailability;
import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.Discrepancy;
import io.omnistock.avro.GroupAvailability;
import io.omnistock.avro.HoldEvent;
import io.omnistock.avro.InventoryAlert;
import io.omnistock.avro.Movement;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.ReservationRequest;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.RoutingDecision;
import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Where each output of the ledger goes. The job attaches Kafka sinks; tests and benchmarks start
 * from {@link #discarding()} and name the outputs they collect.
 */
public record EngineSinks(
        SinkApplier<Availability> availability,
        SinkApplier<NetworkAvailability> network,
        SinkApplier<InventoryAlert> alerts,
        SinkApplier<Discrepancy> discrepancies,
        SinkApplier<RoutingDecision> decisions,
        SinkApplier<ReservationRequest> reservations,
        SinkApplier<CountCheck> countChecks,
        SinkApplier<DeadLetter> deadLetters,
        SinkApplier<ReturnDisposition> returns,
        SinkApplier<QuoteResponse> quotes,
        SinkApplier<GroupAvailability> groups,
        SinkApplier<Movement> movements,
        SinkApplier<HoldEvent> holds,
        SinkApplier<ChannelAvailability> channels) {

    /**
     * Sinks that discard every output, each named and uid'd {@code discard-<output>}: name the
     * outputs to keep, e.g. {@code discarding().availability(a).decisions(d).build()}.
     */
    public static Builder discarding() {
        return new Builder();
    }

    /** A builder holding these sinks, to replace some by name. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.availability = availability;
        b.network = network;
        b.alerts = alerts;
        b.discrepancies = discrepancies;
        b.decisions = decisions;
        b.reservations = reservations;
        b.countChecks = countChecks;
        b.deadLetters = deadLetters;
        b.returns = returns;
        b.quotes = quotes;
        b.groups = groups;
        b.movements = movements;
        b.holds = holds;
        b.channels = channels;
        return b;
    }

    /** Sinks by output name; an output not named discards its records. */
    public static final class Builder {
        private SinkApplier<Availability> availability = discard("availability");
        private SinkApplier<NetworkAvailability> network = discard("network");
        private SinkApplier<InventoryAlert> alerts = discard("alerts");
        private SinkApplier<Discrepancy> discrepancies = discard("discrepancies");
        private SinkApplier<RoutingDecision> decisions = discard("decisions");
        private SinkApplier<ReservationRequest> reservations = discard("reservations");
        private SinkApplier<CountCheck> countChecks = discard("countChecks");
        private SinkApplier<DeadLetter> deadLetters = discard("deadLetters");
        private SinkApplier<ReturnDisposition> returns = discard("returns");
        private SinkApplier<QuoteResponse> quotes = discard("quotes");
        private SinkApplier<GroupAvailability> groups = discard("groups");
        private SinkApplier<Movement> movements = discard("movements");
        private SinkApplier<HoldEvent> holds = discard("holds");
        private SinkApplier<ChannelAvailability> channels = discard("channels");

        public Builder availability(SinkApplier<Availability> sink) {
            availability = sink;
            return this;
        }

        public Builder network(SinkApplier<NetworkAvailability> sink) {
            network = sink;
            return this;
        }

        public Builder alerts(SinkApplier<InventoryAlert> sink) {
            alerts = sink;
            return this;
        }

        public Builder discrepancies(SinkApplier<Discrepancy> sink) {
            discrepancies = sink;
            return this;
        }

        public Builder decisions(SinkApplier<RoutingDecision> sink) {
            decisions = sink;
            return this;
        }

        public Builder reservations(SinkApplier<ReservationRequest> sink) {
            reservations = sink;
            return this;
        }

        public Builder countChecks(SinkApplier<CountCheck> sink) {
            countChecks = sink;
            return this;
        }

        public Builder deadLetters(SinkApplier<DeadLetter> sink) {
            deadLetters = sink;
            return this;
        }

        public Builder returns(SinkApplier<ReturnDisposition> sink) {
            returns = sink;
            return this;
        }

        public Builder quotes(SinkApplier<QuoteResponse> sink) {
            quotes = sink;
            return this;
        }

        public Builder groups(SinkApplier<GroupAvailability> sink) {
            groups = sink;
            return this;
        }

        /** The movement journal (empty while ledger.journal.enabled is off). */
        public Builder movements(SinkApplier<Movement> sink) {
            movements = sink;
            return this;
        }

        public Builder holds(SinkApplier<HoldEvent> sink) {
            holds = sink;
            return this;
        }

        /** Available to sell per sales channel. */
        public Builder channels(SinkApplier<ChannelAvailability> sink) {
            channels = sink;
            return this;
        }

        public EngineSinks build() {
            return new EngineSinks(
                    availability,
                    network,
                    alerts,
                    discrepancies,
                    decisions,
                    reservations,
                    countChecks,
                    deadLetters,
                    returns,
                    quotes,
                    groups,
                    movements,
                    holds,
                    channels);
        }

        private Builder() {}
    }

    private static <T> SinkApplier<T> discard(String output) {
        String uid = "discard-" + output;
        return stream -> stream.sinkTo(new DiscardingSink<>()).name(uid).uid(uid);
    }

    /** Attaches a sink (with its name and uid) to a stream. */
    @FunctionalInterface
    public interface SinkApplier<T> extends Serializable {
        void apply(DataStream<T> stream);
    }
}
