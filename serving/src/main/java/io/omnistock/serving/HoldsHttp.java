package io.omnistock.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.omnistock.avro.HoldRequest;
import io.omnistock.ops.RecordJson;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/holds}: cart holds through the engine (docs/reference/availability-api.md). {@code
 * POST /v1/holds} places a hold, {@code POST /v1/holds/{holdId}/extend} and {@code .../release}
 * change one; each answers the engine's {@code HoldEvent} (HELD, REFUSED, EXTENDED, RELEASED) with
 * 200. The HTTP thread only parses and sends: the answer is written when the engine's event arrives
 * or the timeout fires (504), so a silent engine never holds a thread. Confirming is not offered:
 * an order confirms a hold by naming it in {@code holdIds} on {@code orders.requests}.
 */
final class HoldsHttp implements HttpHandler {
    static final String PREFIX = "/v1/holds";
    private static final Logger LOG = LoggerFactory.getLogger(HoldsHttp.class);
    private static final String ENDPOINT = "holds";

    private final HoldClient holds;
    private final ServingMetrics metrics;
    private final Clock clock;

    HoldsHttp(HoldClient holds, ServingMetrics metrics, Clock clock) {
        this.holds = holds;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        try {
            String path = exchange.getRequestURI().getRawPath();
            String[] segments =
                    path.equals(PREFIX)
                            ? new String[0]
                            : path.startsWith(PREFIX + "/")
                                    ? path.substring(PREFIX.length() + 1).split("/", -1)
                                    : null;
            if (segments == null || segments.length == 1 || segments.length > 2) {
                send(exchange, notFound(path), start);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, JsonExchange.notAllowed(exchange, "POST"), start);
                return;
            }
            if (segments.length == 0) {
                ask(
                        exchange,
                        HoldRequests.hold(JsonExchange.body(exchange), clock.instant(), ids()),
                        start);
                return;
            }
            String holdId = Requests.id("holdId", segments[0]);
            switch (segments[1]) {
                case "extend" ->
                        ask(
                                exchange,
                                HoldRequests.extend(
                                        holdId,
                                        JsonExchange.body(exchange),
                                        clock.instant(),
                                        ids()),
                                start);
                case "release" ->
                        ask(
                                exchange,
                                HoldRequests.release(
                                        holdId,
                                        JsonExchange.body(exchange),
                                        clock.instant(),
                                        ids()),
                                start);
                case "confirm" ->
                        send(
                                exchange,
                                ApiResponse.error(
                                        404,
                                        "not_found",
                                        "holds are confirmed by an order that names them in holdIds on"
                                                + " orders.requests (docs/concepts/holds.md); this API"
                                                + " does not take orders"),
                                start);
                default -> send(exchange, notFound(path), start);
            }
        } catch (BadRequestException e) {
            send(exchange, ApiResponse.badRequest(e.getMessage()), start);
        } catch (JsonExchange.BodyTooLarge e) {
            send(exchange, JsonExchange.tooLarge(), start);
        } catch (RuntimeException e) {
            LOG.error(
                    "Failed to answer {} {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    e);
            send(
                    exchange,
                    ApiResponse.error(500, "internal", "internal error; see the service's log"),
                    start);
        }
    }

    private void ask(HttpExchange exchange, HoldRequest request, long start) throws IOException {
        String action = request.getAction().name().toLowerCase(Locale.ROOT);
        try {
            holds.ask(request)
                    .whenComplete(
                            (event, error) -> {
                                ApiResponse answer;
                                Throwable cause = unwrap(error);
                                if (error == null) {
                                    metrics.hold(action, "answered");
                                    answer = ApiResponse.ok(RecordJson.API.toJson(event));
                                } else if (cause instanceof TimeoutException) {
                                    metrics.hold(action, "timed_out");
                                    answer =
                                            ApiResponse.error(
                                                    504,
                                                    "timeout",
                                                    "the engine did not answer "
                                                            + request.getAction()
                                                            + " of hold "
                                                            + request.getHoldId()
                                                            + " (eventId "
                                                            + request.getEventId()
                                                            + ") on holds.events within "
                                                            + holds.timeout().toMillis()
                                                            + " ms; it may still apply it: read"
                                                            + " holds.events for the hold id");
                                } else {
                                    metrics.hold(action, "failed");
                                    LOG.warn("Hold request {} failed", request.getEventId(), error);
                                    answer =
                                            ApiResponse.error(
                                                    503,
                                                    "kafka_unavailable",
                                                    "the hold request could not be sent: "
                                                            + cause.getMessage());
                                }
                                try {
                                    send(exchange, answer, start);
                                } catch (IOException e) {
                                    LOG.debug("Client went away before its hold answer", e);
                                }
                            });
        } catch (EngineCorrelator.NotAsked e) {
            metrics.hold(action, "rejected");
            send(
                    exchange,
                    ApiResponse.error(
                            e.status(),
                            e.status() == 409 ? "conflict" : "unavailable",
                            e.getMessage()),
                    start);
        }
    }

    private static ApiResponse notFound(String path) {
        return ApiResponse.notFound(
                "no endpoint "
                        + path
                        + "; see POST /v1/holds, POST /v1/holds/{holdId}/extend, POST"
                        + " /v1/holds/{holdId}/release");
    }

    private static java.util.function.Supplier<String> ids() {
        return () -> UUID.randomUUID().toString();
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private void send(HttpExchange exchange, ApiResponse response, long start) throws IOException {
        JsonExchange.send(exchange, response, metrics, ENDPOINT, start);
    }
}
