package io.omnistock.serving;

import static io.omnistock.serving.Records.BEGINNING;
import static io.omnistock.serving.Records.ONE_MINUTE_LATER;
import static io.omnistock.serving.Records.availability;
import static io.omnistock.serving.Records.network;
import static io.omnistock.serving.Records.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvailabilityApiTest {
    private final AvailabilityView view = new AvailabilityView();
    private final AtomicBoolean caughtUp = new AtomicBoolean(true);
    private final AvailabilityApi api = new AvailabilityApi(view, caughtUp::get);

    @BeforeEach
    void held() {
        view.applyPosition(
                "SKU-1",
                "STORE-1",
                stored(availability("SKU-1", "STORE-1", 3, 5, ONE_MINUTE_LATER), 1_000));
        view.applyPosition(
                "SKU-1", "DC-1", stored(availability("SKU-1", "DC-1", 1, 40, BEGINNING), 900));
        view.applyNetwork("SKU-1", stored(network("SKU-1", 4, 45, ONE_MINUTE_LATER), 1_100));
    }

    @Test
    void aPositionAnswersItsRecordUnderTheAvroFieldNamesWithFreshness() {
        ApiResponse r = api.position("SKU-1", "STORE-1");

        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.body();
        assertThat(body.get("caughtUp").asBoolean()).isTrue();
        JsonNode record = body.at("/availability/record");
        assertThat(record.get("sku").asText()).isEqualTo("SKU-1");
        assertThat(record.get("nodeId").asText()).isEqualTo("STORE-1");
        assertThat(record.get("atp").asLong()).isEqualTo(5);
        assertThat(record.get("version").asLong()).isEqualTo(3);
        assertThat(record.get("eventTime").asLong()).isEqualTo(ONE_MINUTE_LATER.toEpochMilli());
        assertThat(record.get("nodeType").asText()).isEqualTo("STORE");
        assertThat(record.get("daysOfCover").isNull()).isTrue();
        assertThat(record.get("projected").isArray()).isTrue();
        assertThat(body.at("/availability/kafkaTimestamp").asLong()).isEqualTo(1_000);
    }

    @Test
    void aSkuAnswersEveryNodeAndTheNetworkTotals() {
        JsonNode body = api.sku("SKU-1").body();

        assertThat(body.get("sku").asText()).isEqualTo("SKU-1");
        assertThat(body.get("nodes")).hasSize(2);
        assertThat(body.at("/nodes/0/record/nodeId").asText()).isEqualTo("DC-1");
        assertThat(body.at("/nodes/1/record/nodeId").asText()).isEqualTo("STORE-1");
        assertThat(body.at("/network/record/networkAtp").asLong()).isEqualTo(45);
        assertThat(body.at("/network/record/version").asLong()).isEqualTo(4);
        assertThat(body.at("/network/kafkaTimestamp").asLong()).isEqualTo(1_100);
    }

    @Test
    void unknownKeysAre404WithAMessage() {
        ApiResponse position = api.position("SKU-1", "STORE-9");
        ApiResponse sku = api.sku("SKU-9");

        assertThat(position.status()).isEqualTo(404);
        assertThat(position.body().get("error").asText()).isEqualTo("not_found");
        assertThat(position.body().get("message").asText()).contains("STORE-9");
        assertThat(sku.status()).isEqualTo(404);
    }

    @Test
    void whileCatchingUpAnswersWhatItHasAndSaysSo() {
        caughtUp.set(false);

        assertThat(api.position("SKU-1", "STORE-1").body().get("caughtUp").asBoolean()).isFalse();
        assertThat(api.sku("SKU-9").body().get("message").asText()).contains("catching up");
    }

    @Test
    void aBatchAnswersKnownSkusAndListsTheOthers() {
        JsonNode body = api.batch(json("[\"SKU-1\",\"SKU-9\"]")).body();

        assertThat(body.get("caughtUp").asBoolean()).isTrue();
        assertThat(body.get("results")).hasSize(1);
        assertThat(body.at("/results/0/sku").asText()).isEqualTo("SKU-1");
        assertThat(body.at("/results/0/nodes")).hasSize(2);
        assertThat(body.get("notFound").get(0).asText()).isEqualTo("SKU-9");
    }

    @Test
    void aBatchBeyondTheLimitIsABadRequest() {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= AvailabilityApi.MAX_BATCH; i++) {
            many.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
        }
        byte[] body = json(many.append(']').toString());

        assertThatThrownBy(() -> api.batch(body))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("at most " + AvailabilityApi.MAX_BATCH);
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
