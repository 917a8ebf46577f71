package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.stock;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.serving.AvailabilityService;
import io.omnistock.testing.Await;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The availability service's hold and movement endpoints against the real job on the real broker
 * (docs/reference/availability-api.md): a HOLD through the API is answered HELD by the ledger and
 * the position shows the units held; a RELEASE gives them back; a second RELEASE is REFUSED; the
 * journal (on for this job) is served per position.
 */
class HoldsApiITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aHoldPlacedAndReleasedThroughTheApiIsAnsweredByTheLedger() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long now = System.currentTimeMillis();
        long nodeTime = now - Duration.ofHours(2).toMillis();
        long stockTime = now - Duration.ofHours(1).toMillis();
        Configuration journalOn = new Configuration();
        journalOn.set(LedgerOptions.JOURNAL_ENABLED, true);

        try (RunningLedger ledger =
                        RunningLedger.start(
                                kafka,
                                DeliveryMode.EXACTLY_ONCE,
                                Duration.ofMillis(500),
                                journalOn);
                KafkaTestClient client = new KafkaTestClient(kafka);
                AvailabilityService service =
                        AvailabilityService.start(
                                AvailabilityService.Settings.of(kafka, 0)
                                        .withQuoteTimeout(DEADLINE))) {
            NodeRecord d1 =
                    node(
                            "D1",
                            NodeType.DC,
                            51.5,
                            0.0,
                            0,
                            1.0,
                            NodeStatus.OPEN,
                            nodeTime,
                            FulfilmentMethod.SHIP_TO_HOME);
            client.send(Topics.NODES, "D1", d1, nodeTime);
            stock(client, WmsEventType.RECEIPT, "SKU-H", "D1", 5, stockTime);
            Await.until(
                    "the service shows SKU-H's 5 units at D1",
                    () -> json(get(service, "/v1/availability/SKU-H/D1")),
                    b -> b.at("/availability/record/atp").asLong() == 5,
                    DEADLINE);

            HttpResponse<String> held =
                    Await.until(
                            "the hold client is ready",
                            () ->
                                    post(
                                            service,
                                            "/v1/holds",
                                            "{\"holdId\":\"cart-api\",\"sku\":\"SKU-H\","
                                                    + "\"quantity\":2,\"ttlSeconds\":600}"),
                            r -> r.statusCode() != 503,
                            DEADLINE);
            assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
            JsonNode heldEvent = json(held);
            assertThat(heldEvent.get("type").asText()).isEqualTo("HELD");
            assertThat(heldEvent.get("nodeId").asText()).as("the only node").isEqualTo("D1");
            assertThat(heldEvent.get("quantity").asLong()).isEqualTo(2);
            Await.until(
                    "D1 shows the 2 units held",
                    () -> json(get(service, "/v1/availability/SKU-H/D1")),
                    b ->
                            b.at("/availability/record/held").asLong() == 2
                                    && b.at("/availability/record/atp").asLong() == 3,
                    DEADLINE);

            HttpResponse<String> released =
                    post(service, "/v1/holds/cart-api/release", "{\"sku\":\"SKU-H\"}");
            HttpResponse<String> again =
                    post(service, "/v1/holds/cart-api/release", "{\"sku\":\"SKU-H\"}");

            assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
            assertThat(json(released).get("type").asText()).isEqualTo("RELEASED");
            assertThat(json(released).get("quantity").asLong()).isEqualTo(2);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(json(again).get("type").asText()).isEqualTo("REFUSED");
            assertThat(json(again).get("reason").asText()).contains("no hold cart-api stands");
            Await.until(
                    "D1 has its 5 units back",
                    () -> json(get(service, "/v1/availability/SKU-H/D1")),
                    b ->
                            b.at("/availability/record/held").asLong() == 0
                                    && b.at("/availability/record/atp").asLong() == 5,
                    DEADLINE);

            JsonNode journal =
                    Await.until(
                            "the receipt is in the served journal",
                            () -> json(get(service, "/v1/movements/SKU-H/D1")),
                            b -> b.path("movements").size() == 1,
                            DEADLINE);
            assertThat(journal.at("/movements/0/record/eventType").asText()).isEqualTo("RECEIPT");
            assertThat(journal.at("/movements/0/record/outcome").asText()).isEqualTo("APPLIED");
            assertThat(journal.at("/movements/0/record/after/onHand").asLong()).isEqualTo(5);
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> get(AvailabilityService s, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(s.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(AvailabilityService s, String path, String body)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(s.url() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
