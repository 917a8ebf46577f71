package io.omnistock.serving;

import static io.omnistock.serving.Records.BEGINNING;
import static io.omnistock.serving.Records.ONE_MINUTE_LATER;
import static io.omnistock.serving.Records.availability;
import static io.omnistock.serving.Records.group;
import static io.omnistock.serving.Records.movement;
import static io.omnistock.serving.Records.network;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnistock.avro.Availability;
import io.omnistock.avro.GroupAvailability;
import io.omnistock.avro.HoldAction;
import io.omnistock.avro.HoldEvent;
import io.omnistock.avro.HoldEventType;
import io.omnistock.avro.HoldRequest;
import io.omnistock.avro.Movement;
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
                        Topics.QUOTE_RESPONSES,
                        Topics.HOLD_REQUESTS,
                        Topics.HOLD_EVENTS,
                        Topics.MOVEMENTS),
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
        long now = System.currentTimeMillis();
        long dayAndHourAgo = now - Duration.ofHours(25).toMillis();
        long hourAgo = now - Duration.ofHours(1).toMillis();
        sendMovement(movement("SKU-1", "DC-1", "wms-0", 0, 99, 1), dayAndHourAgo); // out of window
        sendMovement(movement("SKU-1", "DC-1", "wms-1", 0, 20, 1), hourAgo);
        sendMovement(movement("SKU-1", "DC-1", "wms-2", 20, 5, 2), hourAgo + 1);
        sendMovement(movement("SKU-1", "STORE-1", "pos-1", 0, 7, 1), hourAgo + 2);
        sendMovement(movement("SKU-1", "DC-1", "wms-3", 25, 3, 3), hourAgo + 3);

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

    @Test
    void aPositionsMovementJournalIsServedOldestFirstWithinItsWindow() throws Exception {
        // the journal has a reader of its own, which /ready does not wait for
        JsonNode body =
                Await.until(
                        "the journal has caught up",
                        () -> JSON.readTree(get("/v1/movements/SKU-1/DC-1").body()),
                        b -> b.path("caughtUp").asBoolean(),
                        DEADLINE);
        HttpResponse<String> lastTwo = get("/v1/movements/SKU-1/DC-1?limit=2");

        assertThat(body.get("movements").findValuesAsText("eventId"))
                .as("wms-0 is older than the 24 h window")
                .containsExactly("wms-1", "wms-2", "wms-3");
        assertThat(body.at("/movements/2/record/after/onHand").asLong()).isEqualTo(28);
        assertThat(body.get("held").asInt()).isEqualTo(3);
        JsonNode two = JSON.readTree(lastTwo.body());
        assertThat(two.get("movements").findValuesAsText("eventId"))
                .containsExactly("wms-2", "wms-3");

        sendMovement(movement("SKU-1", "DC-1", "wms-4", 28, 1, 4), System.currentTimeMillis());
        JsonNode later =
                Await.until(
                        "wms-4 is served",
                        () -> JSON.readTree(get("/v1/movements/SKU-1/DC-1?limit=1").body()),
                        b -> b.at("/movements/0/record/eventId").asText().equals("wms-4"),
                        DEADLINE);
        assertThat(later.get("movements")).hasSize(1);

        HttpResponse<String> unknown = get("/v1/movements/SKU-1/DC-404");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("not_found");
        for (String bad :
                List.of(
                        "/v1/movements/SKU-1/DC-1?limit=0",
                        "/v1/movements/SKU-1/DC-1?limit=101",
                        "/v1/movements/SKU-1/DC-1?limit=x",
                        "/v1/movements/SKU-1/DC-1?since=1h")) {
            assertThat(get(bad).statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(get("/v1/movements/SKU-1").statusCode()).isEqualTo(404);
        assertThat(value(get("/metrics").body(), "omnistock_serving_movement_positions"))
                .isEqualTo(2);
        assertThat(post("/v1/movements/SKU-1/DC-1", "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void aHoldRequestIsSentToTheEngineAndItsOutcomeReturned() throws Exception {
        CompletableFuture<HttpResponse<String>> answer =
                postAsync(
                        "/v1/holds",
                        "{\"holdId\":\"H-IT-1\",\"sku\":\"SKU-1\",\"quantity\":2,"
                                + "\"ttlSeconds\":900}");
        HoldRequest asked = awaitHoldRequest("H-IT-1");
        assertThat(asked.getAction()).isEqualTo(HoldAction.HOLD);
        assertThat(asked.getNodeId()).as("any node").isNull();
        assertThat(asked.getQuantity()).isEqualTo(2);
        // another request's outcome for the same hold first: not the answer
        kafka.send(Topics.HOLD_EVENTS, "H-IT-1", held(asked, "someone-else"), 9_000);
        kafka.send(Topics.HOLD_EVENTS, "H-IT-1", held(asked, asked.getEventId()), 9_001);

        HttpResponse<String> r = answer.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("type").asText()).isEqualTo("HELD");
        assertThat(body.get("requestEventId").asText()).isEqualTo(asked.getEventId());
        assertThat(body.get("nodeId").asText()).isEqualTo("DC-1");

        HttpResponse<String> noSku = post("/v1/holds/H-IT-1/release", "{}");
        HttpResponse<String> noTtl = post("/v1/holds", "{\"sku\":\"S\",\"quantity\":1}");
        HttpResponse<String> longTtl =
                post("/v1/holds/H-IT-1/extend", "{\"sku\":\"S\",\"ttlSeconds\":604801}");
        HttpResponse<String> unknownField =
                post("/v1/holds", "{\"sku\":\"S\",\"quantity\":1,\"ttlSeconds\":9,\"qty\":1}");
        for (HttpResponse<String> bad : List.of(noSku, noTtl, longTtl, unknownField)) {
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).get("error").asText()).isEqualTo("bad_request");
        }
        HttpResponse<String> confirm = post("/v1/holds/H-IT-1/confirm", "{\"sku\":\"S\"}");
        assertThat(confirm.statusCode()).isEqualTo(404);
        assertThat(confirm.body()).contains("holdIds");
        assertThat(get("/v1/holds").statusCode()).isEqualTo(405);
        String metrics = get("/metrics").body();
        assertThat(
                        value(
                                metrics,
                                "omnistock_serving_holds_total{action=\"hold\",outcome=\"answered\"}"))
                .isEqualTo(1);
    }

    @Test
    void aHoldTheEngineDoesNotAnswerTimesOutWith504() throws Exception {
        try (AvailabilityService impatient =
                AvailabilityService.start(
                        AvailabilityService.Settings.of(KAFKA.bootstrapServers(), 0)
                                .withQuoteTimeout(Duration.ofSeconds(1)))) {
            HttpResponse<String> r =
                    Await.until(
                            "a hold is asked",
                            () ->
                                    post(
                                            impatient,
                                            "/v1/holds/H-IT-SILENT/release",
                                            "{\"sku\":\"SKU-1\"}"),
                            a -> a.statusCode() != 503,
                            DEADLINE);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(504);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("error").asText()).isEqualTo("timeout");
            assertThat(body.get("message").asText()).contains("H-IT-SILENT", "RELEASE");
            assertThat(
                            value(
                                    get(impatient, "/metrics").body(),
                                    "omnistock_serving_holds_total{action=\"release\",outcome=\"timed_out\"}"))
                    .isEqualTo(1);
        }
    }

    @Test
    void withoutABrokerHoldsAre503AndTheJournalSaysItHasReadNothing() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (AvailabilityService orphan =
                AvailabilityService.start(
                        AvailabilityService.Settings.of("localhost:" + closedPort, 0))) {
            HttpResponse<String> hold =
                    post(orphan, "/v1/holds", "{\"sku\":\"S\",\"quantity\":1,\"ttlSeconds\":60}");
            assertThat(hold.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(hold.body()).get("message").asText()).contains("holds.events");
            HttpResponse<String> journal = get(orphan, "/v1/movements/SKU-1/DC-1");
            assertThat(journal.statusCode()).isEqualTo(404);
            JsonNode error = JSON.readTree(journal.body());
            assertThat(error.get("error").asText()).isEqualTo("journal_empty");
            assertThat(error.get("message").asText()).contains("ledger.journal.enabled");
        }
    }

    private static HoldRequest awaitHoldRequest(String holdId) {
        return kafka
                .readUntil(
                        Topics.HOLD_REQUESTS,
                        values -> values.stream().anyMatch(h -> h.getHoldId().equals(holdId)),
                        DEADLINE)
                .stream()
                .map(KeyedValue::value)
                .filter(h -> h.getHoldId().equals(holdId))
                .findFirst()
                .orElseThrow();
    }

    private static HoldEvent held(HoldRequest h, String requestEventId) {
        return HoldEvent.newBuilder()
                .setEventId(h.getHoldId() + "|HELD|" + requestEventId)
                .setEventTime(h.getEventTime())
                .setHoldId(h.getHoldId())
                .setSku(h.getSku())
                .setType(HoldEventType.HELD)
                .setNodeId("DC-1")
                .setQuantity(h.getQuantity())
                .setExpiresAt(h.getEventTime().plusSeconds(900))
                .setChannel(h.getChannel())
                .setRequestEventId(requestEventId)
                .build();
    }

    private static void sendMovement(Movement m, long timestamp) {
        kafka.send(Topics.MOVEMENTS, Topics.positionKey(m.getSku(), m.getNodeId()), m, timestamp);
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
