package io.omnistock.serving;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.ops.RecordJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP layer, kept thin: routes a request to {@link AvailabilityApi}, {@link QuoteClient},
 * health, readiness or metrics, writes the JSON answer, and counts it. A failure answers 500 with a
 * short JSON message (the stack trace goes to the log, never to the client).
 */
final class HttpApi implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String PREFIX = "/v1/availability";

    /**
     * The segment after a SKU that asks for its group records. It is matched before decoding, so a
     * node whose id is {@code groups} stays reachable as a position with a percent-escape ({@code
     * /v1/availability/{sku}/%67roups}).
     */
    private static final String GROUPS = "groups";

    private final AvailabilityApi availability;
    private final AvailabilityMaterializer materializer;
    private final QuoteClient quotes;
    private final ServingMetrics metrics;
    private final Clock clock;

    HttpApi(
            AvailabilityApi availability,
            AvailabilityMaterializer materializer,
            QuoteClient quotes,
            ServingMetrics metrics,
            Clock clock) {
        this.availability = availability;
        this.materializer = materializer;
        this.quotes = quotes;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String endpoint = "other";
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/metrics")) {
                endpoint = "metrics";
                if (requireMethod(exchange, method, "GET", endpoint, start)) {
                    writeMetrics(exchange, start);
                }
                return;
            }
            if (path.equals("/v1/quotes")) {
                endpoint = "quotes";
                if (requireMethod(exchange, method, "POST", endpoint, start)) {
                    quote(exchange, start);
                }
                return;
            }
            ApiResponse response;
            if (path.equals("/health")) {
                endpoint = "health";
                response =
                        method.equals("GET") ? health() : JsonExchange.notAllowed(exchange, "GET");
            } else if (path.equals("/ready")) {
                endpoint = "ready";
                response =
                        method.equals("GET") ? ready() : JsonExchange.notAllowed(exchange, "GET");
            } else if (path.equals(PREFIX + ":batch")
                    || (path.equals(PREFIX + "/batch") && method.equals("POST"))) {
                endpoint = "batch";
                response =
                        method.equals("POST")
                                ? availability.batch(JsonExchange.body(exchange))
                                : JsonExchange.notAllowed(exchange, "POST");
            } else if (path.startsWith(PREFIX + "/")) {
                String[] segments = path.substring(PREFIX.length() + 1).split("/", -1);
                if (segments.length == 1) {
                    endpoint = "sku";
                    response =
                            method.equals("GET")
                                    ? availability.sku(Requests.id("sku", segments[0]))
                                    : JsonExchange.notAllowed(exchange, "GET");
                } else if (segments.length == 2 && segments[1].equals(GROUPS)) {
                    endpoint = "groups";
                    response =
                            method.equals("GET")
                                    ? availability.groups(Requests.id("sku", segments[0]))
                                    : JsonExchange.notAllowed(exchange, "GET");
                } else if (segments.length == 2) {
                    endpoint = "position";
                    response =
                            method.equals("GET")
                                    ? availability.position(
                                            Requests.id("sku", segments[0]),
                                            Requests.id("node", segments[1]))
                                    : JsonExchange.notAllowed(exchange, "GET");
                } else {
                    response =
                            ApiResponse.badRequest(
                                    "expected /v1/availability/{sku} or"
                                            + " /v1/availability/{sku}/{node} or"
                                            + " /v1/availability/{sku}/groups (escape '/' in ids"
                                            + " as %2F)");
                }
            } else {
                response =
                        ApiResponse.notFound(
                                "no endpoint "
                                        + path
                                        + "; see GET /v1/availability/{sku}[/{node}],"
                                        + " /v1/availability/{sku}/groups, POST"
                                        + " /v1/availability:batch, POST /v1/quotes, POST"
                                        + " /v1/holds[/{holdId}/extend|release], GET"
                                        + " /v1/movements/{sku}/{node}, /health, /ready,"
                                        + " /metrics");
            }
            send(exchange, response, endpoint, start);
        } catch (BadRequestException e) {
            send(exchange, ApiResponse.badRequest(e.getMessage()), endpoint, start);
        } catch (JsonExchange.BodyTooLarge e) {
            send(exchange, JsonExchange.tooLarge(), endpoint, start);
        } catch (RuntimeException e) {
            LOG.error(
                    "Failed to answer {} {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    e);
            send(
                    exchange,
                    ApiResponse.error(500, "internal", "internal error; see the service's log"),
                    endpoint,
                    start);
        }
    }

    private ApiResponse health() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "UP");
        return ApiResponse.ok(body);
    }

    private ApiResponse ready() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        boolean caughtUp = materializer.caughtUp();
        body.put("ready", caughtUp);
        body.put("caughtUp", caughtUp);
        body.put("state", materializer.state());
        body.put("remainingRecords", materializer.remaining());
        body.put("recordsAtStart", materializer.total());
        body.put("quotesReady", quotes.ready());
        return new ApiResponse(caughtUp ? 200 : 503, body);
    }

    private void quote(HttpExchange exchange, long start) throws IOException {
        QuoteRequest request =
                QuoteRequests.fromJson(
                        JsonExchange.body(exchange),
                        clock.instant(),
                        () -> UUID.randomUUID().toString());
        try {
            quotes.ask(request)
                    .whenComplete(
                            (response, error) -> {
                                ApiResponse answer;
                                if (error == null) {
                                    metrics.quote("answered");
                                    answer = ApiResponse.ok(RecordJson.API.toJson(response));
                                } else if (unwrap(error) instanceof TimeoutException) {
                                    metrics.quote("timed_out");
                                    answer =
                                            ApiResponse.error(
                                                    504,
                                                    "timeout",
                                                    "the engine did not answer quote "
                                                            + request.getRequestId()
                                                            + " on quotes.responses within "
                                                            + quotes.timeout().toMillis()
                                                            + " ms");
                                } else {
                                    metrics.quote("failed");
                                    LOG.warn("Quote {} failed", request.getRequestId(), error);
                                    answer =
                                            ApiResponse.error(
                                                    503,
                                                    "kafka_unavailable",
                                                    "the quote request could not be sent: "
                                                            + unwrap(error).getMessage());
                                }
                                try {
                                    send(exchange, answer, "quotes", start);
                                } catch (IOException e) {
                                    LOG.debug("Client went away before its quote", e);
                                }
                            });
        } catch (QuoteClient.NotAsked e) {
            metrics.quote("rejected");
            send(
                    exchange,
                    ApiResponse.error(
                            e.status(),
                            e.status() == 409 ? "conflict" : "unavailable",
                            e.getMessage()),
                    "quotes",
                    start);
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private boolean requireMethod(
            HttpExchange exchange, String method, String allowed, String endpoint, long start)
            throws IOException {
        if (method.equals(allowed)) {
            return true;
        }
        send(exchange, JsonExchange.notAllowed(exchange, allowed), endpoint, start);
        return false;
    }

    private void writeMetrics(HttpExchange exchange, long start) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        metrics.write(out);
        exchange.getResponseHeaders().set("Content-Type", metrics.contentType());
        exchange.sendResponseHeaders(200, out.size());
        try (OutputStream body = exchange.getResponseBody()) {
            out.writeTo(body);
        }
        metrics.request("metrics", 200, System.nanoTime() - start);
    }

    private void send(HttpExchange exchange, ApiResponse response, String endpoint, long start)
            throws IOException {
        JsonExchange.send(exchange, response, metrics, endpoint, start);
    }
}
