package io.omnistock.serving;

import static io.omnistock.serving.Records.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.avro.HoldAction;
import io.omnistock.avro.HoldRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HoldRequestsTest {

    @Test
    void aHoldBodyBecomesAHoldRequestWithTheServicesEventIdAndTime() {
        HoldRequest r =
                HoldRequests.hold(
                        bytes(
                                "{\"holdId\":\"cart-1\",\"sku\":\"SKU-1\",\"nodeId\":\"DC-1\","
                                        + "\"quantity\":3,\"ttlSeconds\":900,\"channel\":\"APP\"}"),
                        BEGINNING,
                        () -> "id");

        assertThat(r.getAction()).isEqualTo(HoldAction.HOLD);
        assertThat(r.getEventId()).isEqualTo("hold-api-id");
        assertThat(r.getEventTime()).isEqualTo(BEGINNING);
        assertThat(r.getHoldId()).isEqualTo("cart-1");
        assertThat(r.getSku()).isEqualTo("SKU-1");
        assertThat(r.getNodeId()).isEqualTo("DC-1");
        assertThat(r.getQuantity()).isEqualTo(3);
        assertThat(r.getTtlSeconds()).isEqualTo(900);
        assertThat(r.getChannel()).isEqualTo("APP");
    }

    @Test
    void aHoldWithoutIdOrNodeGetsAGeneratedIdAndAnyNode() {
        HoldRequest r =
                HoldRequests.hold(
                        bytes("{\"sku\":\"S\",\"nodeId\":\" \",\"quantity\":1,\"ttlSeconds\":1}"),
                        BEGINNING,
                        () -> "id");

        assertThat(r.getHoldId()).isEqualTo("H-id");
        assertThat(r.getNodeId()).isNull();
        assertThat(r.getChannel()).isEqualTo("WEB");
    }

    @Test
    void extendAndReleaseNameTheHoldFromThePathAndTheSkuFromTheBody() {
        HoldRequest extend =
                HoldRequests.extend(
                        "cart-1",
                        bytes("{\"sku\":\"S\",\"ttlSeconds\":604800}"),
                        BEGINNING,
                        () -> "1");
        HoldRequest release =
                HoldRequests.release("cart-1", bytes("{\"sku\":\"S\"}"), BEGINNING, () -> "2");

        assertThat(extend.getAction()).isEqualTo(HoldAction.EXTEND);
        assertThat(extend.getTtlSeconds()).isEqualTo(604_800);
        assertThat(extend.getHoldId()).isEqualTo("cart-1");
        assertThat(release.getAction()).isEqualTo(HoldAction.RELEASE);
        assertThat(release.getSku()).isEqualTo("S");
        assertThat(release.getEventId()).isEqualTo("hold-api-2");
    }

    @Test
    void whatTheEngineWouldDeadLetterIsABadRequest() {
        assertBad("{\"quantity\":1,\"ttlSeconds\":9}", "'sku' is missing");
        assertBad("{\"sku\":\"S\",\"ttlSeconds\":9}", "'quantity' is missing");
        assertBad("{\"sku\":\"S\",\"quantity\":0,\"ttlSeconds\":9}", "'quantity' must be");
        assertBad("{\"sku\":\"S\",\"quantity\":1.5,\"ttlSeconds\":9}", "'quantity' must be");
        assertBad("{\"sku\":\"S\",\"quantity\":1}", "'ttlSeconds' is missing");
        assertBad("{\"sku\":\"S\",\"quantity\":1,\"ttlSeconds\":0}", "'ttlSeconds' must be");
        assertBad("{\"sku\":\"S\",\"quantity\":1,\"ttlSeconds\":604801}", "'ttlSeconds' must be");
        assertBad("{\"sku\":\"\",\"quantity\":1,\"ttlSeconds\":9}", "sku is empty");
        assertBad("{\"sku\":7,\"quantity\":1,\"ttlSeconds\":9}", "'sku' must be a string");
        assertBad(
                "{\"sku\":\"S\",\"quantity\":1,\"ttlSeconds\":9,\"ttl\":9}", "unknown field 'ttl'");
        assertBad("[1]", "JSON object");
        assertThatThrownBy(
                        () ->
                                HoldRequests.release(
                                        "cart-1",
                                        bytes("{\"sku\":\"S\",\"ttlSeconds\":9}"),
                                        BEGINNING,
                                        () -> "x"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("unknown field 'ttlSeconds'");
    }

    private static void assertBad(String body, String message) {
        assertThatThrownBy(() -> HoldRequests.hold(bytes(body), BEGINNING, () -> "id"))
                .as(body)
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining(message);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
