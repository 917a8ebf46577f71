package io.omnistock.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the availability service ({@code ./omnistock-serve}, {@code GET /v1/availability/{sku}}) for
 * a SKU; gives up after {@link KafkaConnectionOptions#REACH_TIMEOUT} with an error naming the URL.
 */
final class AvailabilityServiceClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    AvailabilityServiceClient(URI base) {
        this.base = base;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(KafkaConnectionOptions.REACH_TIMEOUT)
                        .build();
    }

    /** The SKU's positions (only {@code node}'s when not null) and network totals. */
    AvailabilityAnswer lookup(String sku, String node) {
        URI uri = URI.create(stripSlash(base.toString()) + "/v1/availability/" + segment(sku));
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(KafkaConnectionOptions.REACH_TIMEOUT)
                                    .header("Accept", "application/json")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot reach the availability service at "
                            + base
                            + " ("
                            + e
                            + "). Is ./omnistock-serve running there? Fix --service (or"
                            + " OMNISTOCK_SERVICE_URL), or leave it out to read the topics.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + uri, e);
        }
        JsonNode body = parse(uri, response);
        if (response.statusCode() == 404) {
            return new AvailabilityAnswer(List.of(), null, body.path("caughtUp").asBoolean(true));
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    uri + " answered " + response.statusCode() + ": " + response.body());
        }
        List<AvailabilityAnswer.Position> positions = new ArrayList<>();
        for (JsonNode entry : body.path("nodes")) {
            AvailabilityAnswer.Position p = AvailabilityAnswer.Position.of(entry.path("record"));
            if (node == null || node.equals(p.nodeId())) {
                positions.add(p);
            }
        }
        JsonNode network = body.path("network").path("record");
        return new AvailabilityAnswer(
                positions,
                network.isObject() ? AvailabilityAnswer.Network.of(network) : null,
                body.path("caughtUp").asBoolean(false));
    }

    private static JsonNode parse(URI uri, HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(
                    uri + " answered " + response.statusCode() + " with no JSON: " + e, e);
        }
    }

    /** RFC 3986 percent-encoding of one path segment ({@code +} stays a plus). */
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%2B", "+");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
