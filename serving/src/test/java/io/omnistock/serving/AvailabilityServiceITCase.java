package io.omnistock.serving;

import static io.omnistock.serving.Records.BEGINNING;
import static io.omnistock.serving.Records.ONE_MINUTE_LATER;
import static io.omnistock.serving.Records.availability;
import static io.omnistock.serving.Records.group;
import static io.omnistock.serving.Records.network;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnistock.avro.Availability;
import io.omnistock.avro.GroupAvailability;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.QuoteStatus;
import io.omnistock.contracts.Topics;
import io.omnistock.ops.OmniStockCommand;
import io.omnistock.testing.Await;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The service against the real embedded broker: records written before it starts (an older version
 * after a newer one, an aborted transaction, undecodable bytes), then the HTTP API on a free port.
 * Quotes are answered by the test itself, reading {@code quotes.requests} and writing a {@link
 * QuoteResponse} to {@code quotes.responses} with a real producer.
 */
class AvailabilityServiceITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /**
     * Generous: a quote's round trip through the broker and the test may be slow on a busy machine.
     */
    private static final Duration QUOTE_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KafkaTestClient kafka;
    private static AvailabilityService service;

    @BeforeAll
    static void writeRecordsThenStartTheService() throws Exception {
        KAFKA.createTopics(
                List.of(
                        Topics.AVAILABILITY,
                        Topics.NETWORK_AVAILABILITY,
                        Topics.GROUP_AVAILABILITY,
                        Topics.QUOTE_REQUESTS,
                        Topics.QUOTE_RESPONSES),
                2);
        kafka = new KafkaTestClient(KAFKA.bootstrapServers());
        long ts = 1_000;
        sendPosition(availability("SKU-1", "STORE-1", 5, 7, ONE_MINUTE_LATER), ts++);
        sendPosition(availability("SKU-1", "STORE-1", 3, 99, BEGINNING), ts++); // older, after
        sendPosition(availability("SKU-1", "DC-1", 1, 40, BEGINNING), ts++);
        kafka.send(Topics.NETWORK_AVAILABILITY, "SKU-1", network("SKU-1", 2, 47, BEGINNING), ts++);
        kafka.send(Topics.AVAILABILITY.name(), "SKU-1|STORE-2", new byte[] {1, 2, 3}, ts++);
        sendGroup(group("SKU-1", "EAST", 4, 47, 47, ONE_MINUTE_LATER), ts++);
        sendGroup(group("SKU-1", "BRAND-A", 3, 9, 7, ONE_MINUTE_LATER), ts++);
        sendGroup(group("SKU-1", "BRAND-A", 2, 20, 20, BEGINNING), ts++); // older, after
        sendPosition(availability("SKU-2", "STORE-1", 1, 3, BEGINNING), ts++);
        sendAborted(availability("SKU-2", "STORE-1", 100, 1_000, ONE_MINUTE_LATER));

        service =
                AvailabilityService.start(
                        AvailabilityService.Settings.of(KAFKA.bootstrapServers(), 0)
                                .withQuoteTimeout(QUOTE_TIMEOUT));
        Await.until(
                "the service is ready", () -> get("/ready").statusCode(), s -> s == 200, DEADLINE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aPointLookupAnswersTheHighestVersionWithItsFreshness() throws Exception {
        HttpResponse<String> r = get("/v1/availability/SKU-1/STORE-1");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("caughtUp").asBoolean()).isTrue();
        assertThat(body.at("/availability/record/version").asLong()).isEqualTo(5);
        assertThat(body.at("/availability/record/atp").asLong()).isEqualTo(7);
        assertThat(body.at("/availability/record/eventTime").asLong())
                .isEqualTo(ONE_MINUTE_LATER.toEpochMilli());
        assertThat(body.at("/availability/kafkaTimestamp").asLong()).isEqualTo(1_000);
    }

    @Test
    void theOpsToolAsksTheServiceWhenOneIsConfigured() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OmniStockCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        // a broker that is not there: the answer must come from the service alone
        int exitCode =
                cli.execute(
                        "availability",
                        "--sku",
                        "SKU-1",
                        "--node",
                        "STORE-1",
                        "--service",
                        service.url(),
                        "--bootstrap",
                        "127.0.0.1:1");

        assertThat(exitCode).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("From the availability service at " + service.url());
        assertThat(lines)
                .anySatisfy(
                        l ->
                                assertThat(l.trim().split("\\s+"))
                                        .startsWith("STORE-1", "STORE")
                                        .contains("7", "5"))
                .noneSatisfy(l -> assertThat(l).startsWith("DC-1"))
                .anySatisfy(l -> assertThat(l).startsWith("Network ATP 47 "));
    }

    @Test
    void anAbortedTransactionIsNeverServed() throws Exception {
        JsonNode body = JSON.readTree(get("/v1/availability/SKU-2/STORE-1").body());

        assertThat(body.at("/availability/record/version").asLong()).isEqualTo(1);
    }

    @Test
    void aSkuLookupAnswersEveryNodeAndTheNetworkTotals() throws Exception {
        JsonNode body = JSON.readTree(get("/v1/availability/SKU-1").body());

        assertThat(body.get("sku").asText()).isEqualTo("SKU-1");
        assertThat(body.get("nodes")).hasSize(2);
        assertThat(body.at("/nodes/0/record/nodeId").asText()).isEqualTo("DC-1");
        assertThat(body.at("/nodes/1/record/version").asLong()).isEqualTo(5);
        assertThat(body.at("/network/record/networkAtp").asLong()).isEqualTo(47);
    }

    @Test
    void aGroupsLookupAnswersTheHighestVersionOfEachGroupByName() throws Exception {
        HttpResponse<String> r = get("/v1/availability/SKU-1/groups");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("caughtUp").asBoolean()).isTrue();
        assertThat(body.get("sku").asText()).isEqualTo("SKU-1");
        assertThat(body.get("groups")).hasSize(2);
        assertThat(body.at("/groups/0/record/nodeGroup").asText()).isEqualTo("BRAND-A");
        assertThat(body.at("/groups/0/record/version").asLong()).isEqualTo(3);
        assertThat(body.at("/groups/0/record/onHand").asLong()).isEqualTo(9);
        assertThat(body.at("/groups/0/record/reserved").asLong()).isEqualTo(2);
        assertThat(body.at("/groups/0/record/atp").asLong()).isEqualTo(7);
        assertThat(body.at("/groups/1/record/nodeGroup").asText()).isEqualTo("EAST");
        assertThat(body.at("/groups/1/record/atp").asLong()).isEqualTo(47);
        assertThat(get("/v1/availability/SKU-2/groups").statusCode()).isEqualTo(404);
        HttpResponse<String> node = get("/v1/availability/SKU-1/%67roups");
        assertThat(node.statusCode()).as("a node named groups, escaped").isEqualTo(404);
        assertThat(node.body()).contains("at node 'groups'");
    }

    @Test
    void aBatchAnswersEachSkuAndListsTheUnknown() throws Exception {
        HttpResponse<String> r =
                post("/v1/availability:batch", "[\"SKU-1\",\"SKU-2\",\"SKU-404\"]");
        HttpResponse<String> alias = post("/v1/availability/batch", "[\"SKU-2\"]");

        JsonNode body = JSON.readTree(r.body());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body.get("results")).hasSize(2);
        assertThat(body.get("notFound").toString()).isEqualTo("[\"SKU-404\"]");
        assertThat(alias.statusCode()).isEqualTo(200);
    }

    @Test
    void aRecordWrittenAfterStartBecomesVisible() throws Exception {
        sendPosition(availability("SKU-3", "STORE-1", 4, 11, ONE_MINUTE_LATER), 5_000);

        JsonNode body =
                Await.until(
                        "SKU-3 is served",
                        () -> JSON.readTree(get("/v1/availability/SKU-3/STORE-1").body()),
                        b -> b.at("/availability/record/version").asLong() == 4,
                        DEADLINE);
        assertThat(body.at("/availability/record/atp").asLong()).isEqualTo(11);
    }

    @Test
    void unknownKeysAre404AndMalformedRequests400WithJsonErrors() throws Exception {
        HttpResponse<String> unknown = get("/v1/availability/SKU-1/STORE-404");
        HttpResponse<String> controlChar = get("/v1/availability/SKU%0A1/STORE-1");
        HttpResponse<String> tooDeep = get("/v1/availability/a/b/c");
        HttpResponse<String> badJson = post("/v1/availability:batch", "[\"SKU-1\"");
        HttpResponse<String> tooMany = post("/v1/availability:batch", manySkus(101));
        HttpResponse<String> noEndpoint = get("/v2/nothing");
        HttpResponse<String> wrongMethod = post("/health", "{}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("not_found");
        for (HttpResponse<String> r : List.of(controlChar, tooDeep, badJson, tooMany)) {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(400);
            JsonNode error = JSON.readTree(r.body());
            assertThat(error.get("error").asText()).isEqualTo("bad_request");
            assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception");
        }
        assertThat(JSON.readTree(tooMany.body()).get("message").asText()).contains("at most 100");
        assertThat(noEndpoint.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountRequestsRecordsAndKeysInThePrometheusTextFormat() throws Exception {
        get("/v1/availability/SKU-1/STORE-1");

        HttpResponse<String> r = get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = r.body();
        assertThat(
                        value(
                                text,
                                "omnistock_serving_records_total{outcome=\"stale\",topic=\"inventory.availability\"}"))
                .isEqualTo(1);
        assertThat(
                        value(
                                text,
                                "omnistock_serving_undecodable_records_total{reason=\"UNDECODABLE\",topic=\"inventory.availability\"}"))
                .isEqualTo(1);
        assertThat(value(text, "omnistock_serving_keys")).isGreaterThanOrEqualTo(3);
        assertThat(
                        value(
                                text,
                                "omnistock_serving_records_total{outcome=\"stale\",topic=\"inventory.availability.groups\"}"))
                .isEqualTo(1);
        assertThat(value(text, "omnistock_serving_group_keys")).isEqualTo(2);
        assertThat(value(text, "omnistock_serving_caught_up")).isEqualTo(1);
        assertThat(value(text, "omnistock_serving_catchup_remaining_records")).isZero();
        assertThat(
                        value(
                                text,
                                "omnistock_serving_request_duration_seconds_count{endpoint=\"position\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(text)
                .contains("omnistock_serving_requests_total{endpoint=\"position\",status=\"200\"}");
    }

    @Test
    void aQuoteIsSentToTheEngineAndItsAnswerReturned() throws Exception {
        CompletableFuture<HttpResponse<String>> answer =
                postAsync(
                        "/v1/quotes",
                        "{\"requestId\":\"Q-IT-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2}],"
                                + "\"destinationLatitude\":52.37,\"destinationLongitude\":4.89}");
        QuoteRequest asked = awaitRequest("Q-IT-1");
        kafka.send(Topics.QUOTE_RESPONSES, "Q-IT-1", answerTo(asked), 9_000);

        HttpResponse<String> r = answer.get();
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("requestId").asText()).isEqualTo("Q-IT-1");
        assertThat(body.get("requestEventId").asText()).isEqualTo(asked.getEventId());
        assertThat(body.get("status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(asked.getLines().get(0).getQuantity()).isEqualTo(2);
    }

    @Test
    void aQuoteTheEngineDoesNotAnswerTimesOutWith504() throws Exception {
        try (AvailabilityService impatient =
                AvailabilityService.start(
                        AvailabilityService.Settings.of(KAFKA.bootstrapServers(), 0)
                                .withQuoteTimeout(Duration.ofSeconds(1)))) {
            Await.until(
                    "the second service is ready",
                    () -> get(impatient, "/ready").statusCode(),
                    s -> s == 200,
                    DEADLINE);
            HttpResponse<String> r =
                    post(
                            impatient,
                            "/v1/quotes",
                            "{\"requestId\":\"Q-IT-SILENT\",\"lines\":[{\"sku\":\"SKU-1\","
                                    + "\"quantity\":1}],\"pickupNodeId\":\"STORE-1\"}");

            assertThat(r.statusCode()).isEqualTo(504);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("error").asText()).isEqualTo("timeout");
            assertThat(body.get("message").asText()).contains("Q-IT-SILENT");
            assertThat(post(impatient, "/v1/quotes", "{\"lines\":[]}").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void withoutABrokerItIsLiveNotReadyAndAnswersAtOnce() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (AvailabilityService orphan =
                AvailabilityService.start(
                        AvailabilityService.Settings.of("localhost:" + closedPort, 0))) {
            assertThat(get(orphan, "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(orphan, "/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(ready.body()).get("ready").asBoolean()).isFalse();
            HttpResponse<String> lookup = get(orphan, "/v1/availability/SKU-1/STORE-1");
            assertThat(lookup.statusCode()).isEqualTo(404);
            assertThat(lookup.body()).contains("catching up");
            HttpResponse<String> quote =
                    post(
                            orphan,
                            "/v1/quotes",
                            "{\"lines\":[{\"sku\":\"S\",\"quantity\":1}],\"pickupNodeId\":\"X\"}");
            assertThat(quote.statusCode()).isEqualTo(503);
        }
    }

    private static QuoteRequest awaitRequest(String requestId) {
        List<KeyedValue<QuoteRequest>> read =
                kafka.readUntil(
                        Topics.QUOTE_REQUESTS,
                        values -> values.stream().anyMatch(q -> q.getRequestId().equals(requestId)),
                        DEADLINE);
        return read.stream()
                .map(KeyedValue::value)
                .filter(q -> q.getRequestId().equals(requestId))
                .findFirst()
                .orElseThrow();
    }

    private static QuoteResponse answerTo(QuoteRequest q) {
        return QuoteResponse.newBuilder()
                .setEventId("answer-" + q.getEventId())
                .setEventTime(q.getEventTime())
                .setRequestId(q.getRequestId())
                .setRequestEventId(q.getEventId())
                .setStatus(QuoteStatus.UNAVAILABLE)
                .setChannel(q.getChannel())
                .build();
    }

    private static void sendGroup(GroupAvailability g, long timestamp) {
        kafka.send(
                Topics.GROUP_AVAILABILITY,
                Topics.groupKey(g.getSku(), g.getNodeGroup()),
                g,
                timestamp);
    }

    private static void sendPosition(Availability a, long timestamp) {
        kafka.send(
                Topics.AVAILABILITY, Topics.positionKey(a.getSku(), a.getNodeId()), a, timestamp);
    }

    private static void sendAborted(Availability a) {
        kafka.sendAborted(
                Topics.AVAILABILITY,
                Topics.positionKey(a.getSku(), a.getNodeId()),
                a,
                "serving-it-aborted");
    }

    /** The value of the sample named exactly {@code sample} (name and labels). */
    private static double value(String text, String sample) {
        return text.lines()
                .filter(l -> l.startsWith(sample + " "))
                .map(l -> Double.parseDouble(l.substring(sample.length() + 1).trim().split(" ")[0]))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + sample + " in\n" + text));
    }

    private static String manySkus(int n) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
        }
        return s.append(']').toString();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return get(service, path);
    }

    private static HttpResponse<String> get(AvailabilityService s, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(s.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return post(service, path, body);
    }

    private static HttpResponse<String> post(AvailabilityService s, String path, String body)
            throws Exception {
        return HTTP.send(request(s, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return HTTP.sendAsync(request(service, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(AvailabilityService s, String path, String body) {
        return HttpRequest.newBuilder(URI.create(s.url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
