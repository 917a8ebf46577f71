package io.omnistock.serving;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.omnistock.avro.Movement;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import io.omnistock.ops.RecordJson;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/movements/{sku}/{node}?limit=N}: a position's recent movement journal from the
 * {@link MovementJournal} in memory, oldest first (docs/reference/availability-api.md).
 */
final class MovementsHttp implements HttpHandler {
    static final String PREFIX = "/v1/movements";
    private static final Logger LOG = LoggerFactory.getLogger(MovementsHttp.class);
    private static final String ENDPOINT = "movements";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ThreadLocal<AvroCodec<Movement>> CODEC =
            ThreadLocal.withInitial(Topics.MOVEMENTS::codec);

    private final MovementJournal journal;
    private final ServingMetrics metrics;

    MovementsHttp(MovementJournal journal, ServingMetrics metrics) {
        this.journal = journal;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        ApiResponse response;
        try {
            String path = exchange.getRequestURI().getRawPath();
            String[] segments =
                    path.startsWith(PREFIX + "/")
                            ? path.substring(PREFIX.length() + 1).split("/", -1)
                            : new String[0];
            if (segments.length != 2) {
                response =
                        ApiResponse.notFound(
                                "no endpoint "
                                        + path
                                        + "; see GET /v1/movements/{sku}/{node}?limit=N"
                                        + " (escape '/' in ids as %2F)");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                response = JsonExchange.notAllowed(exchange, "GET");
            } else {
                response =
                        movements(
                                Requests.id("sku", segments[0]),
                                Requests.id("node", segments[1]),
                                limit(exchange.getRequestURI().getRawQuery()));
            }
        } catch (BadRequestException e) {
            response = ApiResponse.badRequest(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error(
                    "Failed to answer {} {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    e);
            response = ApiResponse.error(500, "internal", "internal error; see the service's log");
        }
        JsonExchange.send(exchange, response, metrics, ENDPOINT, start);
    }

    ApiResponse movements(String sku, String nodeId, int limit) {
        boolean current = journal.caughtUp();
        MovementJournal.Recent recent = journal.recent(sku, nodeId, limit);
        MovementJournal.Bounds bounds = journal.bounds();
        if (recent.entries().isEmpty()) {
            String catchingUp = current ? "" : " yet (the service is still reading the journal)";
            if (journal.recordsRead() == 0) {
                return ApiResponse.error(
                        404,
                        "journal_empty",
                        "no movement journal record has been read from "
                                + Topics.MOVEMENTS.name()
                                + catchingUp
                                + " (reader: "
                                + journal.state()
                                + "): the journal is off (the engine's"
                                + " ledger.journal.enabled is false) or nothing moved within the"
                                + " last "
                                + bounds.window().toHours()
                                + " h");
            }
            return ApiResponse.notFound(
                    "no movement of SKU '"
                            + sku
                            + "' at node '"
                            + nodeId
                            + "' within the last "
                            + bounds.window().toHours()
                            + " h"
                            + catchingUp);
        }
        ObjectNode body = NODES.objectNode();
        body.put("caughtUp", current);
        body.put("sku", sku);
        body.put("nodeId", nodeId);
        body.put("held", recent.held());
        body.put("windowHours", bounds.window().toHours());
        body.put("maxPerPosition", bounds.perPosition());
        ArrayNode out = body.putArray("movements");
        AvroCodec<Movement> codec = CODEC.get();
        for (MovementJournal.Entry e : recent.entries()) {
            ObjectNode entry = out.addObject();
            try {
                entry.set("record", RecordJson.API.toJson(codec.decode(e.avro())));
            } catch (DecodeException ex) {
                // the bytes were decoded when they were read from Kafka: this is a defect
                throw new IllegalStateException("a held movement no longer decodes", ex);
            }
            entry.put("kafkaTimestamp", e.kafkaTimestamp());
            entry.put("partition", e.partition());
            entry.put("offset", e.offset());
        }
        return ApiResponse.ok(body);
    }

    private int limit(String rawQuery) {
        int max = journal.bounds().perPosition();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return max;
        }
        Integer limit = null;
        for (String param : rawQuery.split("&")) {
            if (param.startsWith("limit=")) {
                try {
                    limit = Integer.parseInt(param.substring("limit=".length()));
                } catch (NumberFormatException e) {
                    limit = -1;
                }
            } else if (!param.isEmpty()) {
                throw new BadRequestException(
                        "unknown parameter '"
                                + param.split("=", 2)[0]
                                + "'; the only one is limit");
            }
        }
        if (limit == null || limit < 1 || limit > max) {
            throw new BadRequestException("limit must be an integer from 1 to " + max);
        }
        return limit;
    }
}
