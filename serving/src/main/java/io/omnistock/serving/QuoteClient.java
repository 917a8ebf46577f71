package io.omnistock.serving;

import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.contracts.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the engine for delivery quotes: writes a {@link QuoteRequest} to {@code quotes.requests} and
 * completes its future with the {@link QuoteResponse} of the same {@code requestId} read from
 * {@code quotes.responses} (a {@code read_committed} consumer on every partition, from the end
 * offsets it had when the client became ready: an {@link EngineCorrelator}). A future not answered
 * within the timeout fails with a {@link java.util.concurrent.TimeoutException}.
 */
public final class QuoteClient implements AutoCloseable {

    /** Why a quote was not asked. */
    public static final class NotAsked extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        NotAsked(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status that says it: 409 for a request id in flight, else 503. */
        public int status() {
            return status;
        }
    }

    static final EngineCorrelator.Route<QuoteRequest, QuoteResponse> ROUTE =
            new EngineCorrelator.Route<>(
                    "quote",
                    "requestId",
                    Topics.QUOTE_REQUESTS,
                    Topics.QUOTE_RESPONSES,
                    QuoteRequest::getRequestId,
                    QuoteRequest::getRequestId,
                    QuoteRequest::getRequestId,
                    QuoteResponse::getRequestId,
                    "omnistock-serving-quotes",
                    "omnistock-serving-quote-responses");

    private final EngineCorrelator<QuoteRequest, QuoteResponse> correlator;

    public QuoteClient(Properties clientProperties, Duration timeout, int maxInFlight) {
        this.correlator = new EngineCorrelator<>(ROUTE, clientProperties, timeout, maxInFlight);
    }

    public void start() {
        correlator.start();
    }

    /** True once responses are being read (a request asked before could miss its answer). */
    public boolean ready() {
        return correlator.ready();
    }

    public Duration timeout() {
        return correlator.timeout();
    }

    /**
     * Sends {@code request}; the future completes with its response, or fails with a {@code
     * TimeoutException} after the timeout or with the producer's error.
     *
     * @throws NotAsked when the client is not ready, too many quotes are in flight, or the request
     *     id is already in flight
     */
    public CompletableFuture<QuoteResponse> ask(QuoteRequest request) {
        try {
            return correlator.ask(request);
        } catch (EngineCorrelator.NotAsked e) {
            throw new NotAsked(e.status(), e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        correlator.close();
    }
}
