package io.omnistock.serving;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writing a JSON answer and reading a bounded body, for every handler ({@link HttpApi}, holds,
 * movements): the same headers, the same counting.
 */
final class JsonExchange {
    static final int MAX_BODY_BYTES = 1 << 20;

    /** Sends {@code response}, closes the exchange and counts it under {@code endpoint}. */
    static void send(
            HttpExchange exchange,
            ApiResponse response,
            ServingMetrics metrics,
            String endpoint,
            long start)
            throws IOException {
        byte[] bytes = Requests.JSON.writeValueAsBytes(response.body());
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        } finally {
            exchange.close();
            metrics.request(endpoint, response.status(), System.nanoTime() - start);
        }
    }

    /** 405 with an {@code Allow} header. */
    static ApiResponse notAllowed(HttpExchange exchange, String allowed) {
        exchange.getResponseHeaders().set("Allow", allowed);
        return ApiResponse.error(
                405,
                "method_not_allowed",
                "use " + allowed + " on " + exchange.getRequestURI().getRawPath());
    }

    /**
     * The request body, at most {@link #MAX_BODY_BYTES}.
     *
     * @throws BodyTooLarge when it is longer
     */
    static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new BodyTooLarge();
            }
            return bytes;
        }
    }

    /** A body over {@link #MAX_BODY_BYTES}: answered 413 ({@link #tooLarge()}). */
    static final class BodyTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** The answer to {@link BodyTooLarge}. */
    static ApiResponse tooLarge() {
        return ApiResponse.error(413, "too_large", "the body exceeds " + MAX_BODY_BYTES + " bytes");
    }

    private JsonExchange() {}
}
