package io.omnistock.serving;

import io.omnistock.avro.HoldEvent;
import io.omnistock.avro.HoldRequest;
import io.omnistock.contracts.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the engine for cart holds (docs/concepts/holds.md): writes a {@link HoldRequest} to {@code
 * holds.requests} (key = the SKU, as the ledger wants it) and completes its future with the {@link
 * HoldEvent} on {@code holds.events} (key = the hold id) whose {@code requestEventId} is the
 * request's {@code eventId}. Same mechanism as {@link QuoteClient}: an {@link EngineCorrelator}.
 */
final class HoldClient implements AutoCloseable {

    static final EngineCorrelator.Route<HoldRequest, HoldEvent> ROUTE =
            new EngineCorrelator.Route<>(
                    "hold request",
                    "eventId",
                    Topics.HOLD_REQUESTS,
                    Topics.HOLD_EVENTS,
                    HoldRequest::getSku,
                    HoldRequest::getEventId,
                    HoldRequest::getHoldId,
                    HoldEvent::getRequestEventId,
                    "omnistock-serving-holds",
                    "omnistock-serving-hold-events");

    private final EngineCorrelator<HoldRequest, HoldEvent> correlator;

    HoldClient(Properties clientProperties, Duration timeout, int maxInFlight) {
        this.correlator = new EngineCorrelator<>(ROUTE, clientProperties, timeout, maxInFlight);
    }

    void start() {
        correlator.start();
    }

    boolean ready() {
        return correlator.ready();
    }

    Duration timeout() {
        return correlator.timeout();
    }

    /**
     * Sends {@code request}; the future completes with the engine's outcome, or fails with a {@code
     * TimeoutException} after the timeout or with the producer's error.
     *
     * @throws EngineCorrelator.NotAsked when not ready or too many requests are in flight
     */
    CompletableFuture<HoldEvent> ask(HoldRequest request) {
        return correlator.ask(request);
    }

    @Override
    public void close() throws InterruptedException {
        correlator.close();
    }
}
