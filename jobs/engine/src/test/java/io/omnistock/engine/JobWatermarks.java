package io.omnistock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.flink.api.common.JobID;

/** Reads an operator's current input watermark from the Flink REST API of a running job. */
final class JobWatermarks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String restUrl;
    private final JobID job;

    JobWatermarks(String restUrl, JobID job) {
        this.restUrl = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
        this.job = job;
    }

    /**
     * The lowest current input watermark over the subtasks of the vertex whose name contains {@code
     * operator}.
     */
    long currentInputWatermark(String operator) throws Exception {
        JsonNode vertices = get("/jobs/" + job).path("vertices");
        for (JsonNode vertex : vertices) {
            if (vertex.path("name").asText().contains(operator)) {
                long lowest = Long.MAX_VALUE;
                for (JsonNode metric :
                        get(
                                "/jobs/"
                                        + job
                                        + "/vertices/"
                                        + vertex.path("id").asText()
                                        + "/watermarks")) {
                    if (metric.path("id").asText().endsWith("currentInputWatermark")) {
                        lowest = Math.min(lowest, Long.parseLong(metric.path("value").asText()));
                    }
                }
                return lowest == Long.MAX_VALUE ? Long.MIN_VALUE : lowest;
            }
        }
        return Long.MIN_VALUE; // the job is not listed yet
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(restUrl + path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
