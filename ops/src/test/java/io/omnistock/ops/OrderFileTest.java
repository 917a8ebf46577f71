package io.omnistock.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingPreference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order file of {@code omnistock what-if --orders}: JSON lines as tail --json prints them. */
class OrderFileTest {
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    private static final OrderRequest FULL =
            OrderRequest.newBuilder()
                    .setEventId("e-1")
                    .setEventTime(AT)
                    .setOrderId("o-1")
                    .setChannel("WEB")
                    .setLines(
                            new ArrayList<>(List.of(new OrderLine("A", 2), new OrderLine("B", 1))))
                    .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                    .setShipFromStoreAllowed(false)
                    .setDestinationLatitude(52.5)
                    .setDestinationLongitude(-1.25)
                    .setPromiseBy(AT.plusSeconds(86_400))
                    .setPreference(RoutingPreference.GREENEST)
                    .setRegion("UK")
                    .setNodeGroup("UK-STORES")
                    .setHoldIds(new ArrayList<>(List.of("h-1")))
                    .setOrderValue(129.5)
                    .build();

    @Test
    void readsWhatTailJsonPrintsSkippingBlankAndCommentLines(@TempDir Path dir) throws Exception {
        String line = new RecordJson(RecordJson.Bytes.base64).toJson(FULL).toString();
        Path file = Files.writeString(dir.resolve("o.jsonl"), "# recorded\n\n" + line + "\n  \n");

        assertThat(OrderFile.read(file)).containsExactly(FULL);
    }

    @Test
    void defaultsFillWhatALineLeavesOutAndTimestampsMayBeEpochMillis() {
        OrderRequest order =
                OrderFile.parse(
                        "{\"eventId\":\"e\",\"eventTime\":"
                                + AT.toEpochMilli()
                                + ",\"orderId\":\"o\",\"channel\":\"APP\","
                                + "\"lines\":[{\"sku\":\"A\",\"quantity\":1}],"
                                + "\"method\":\"BOPIS\",\"pickupNodeId\":\"S1\","
                                + "\"promiseBy\":\"2026-03-03T09:00:00Z\",\"orderValue\":null}");

        assertThat(order.getEventTime()).isEqualTo(AT);
        assertThat(order.getMethod()).isEqualTo(FulfilmentMethod.BOPIS);
        assertThat(order.getPickupNodeId()).isEqualTo("S1");
        assertThat(order.getShipFromStoreAllowed()).isTrue();
        assertThat(order.getPreference()).isEqualTo(RoutingPreference.BALANCED);
        assertThat(order.getRegion()).isEmpty();
        assertThat(order.getHoldIds()).isEmpty();
        assertThat(order.getOrderValue()).isNull();
        assertThat(order.getDestinationLatitude()).isNull();
    }

    @Test
    void aLineThatIsNotAnOrderNamesTheFileTheLineAndTheField(@TempDir Path dir) throws Exception {
        String good = new RecordJson(RecordJson.Bytes.base64).toJson(FULL).toString();
        Path file =
                Files.writeString(
                        dir.resolve("o.jsonl"),
                        good + "\n" + good.replace("\"quantity\":1", "\"quantity\":\"one\""));

        assertThatThrownBy(() -> OrderFile.read(file))
                .hasMessage(file + " line 2: lines[1].quantity must be a whole number");
        assertBad("{\"eventId\":\"e\"}", "no eventTime");
        assertBad(
                good.replace("\"method\":\"SHIP_TO_HOME\"", "\"method\":\"DRONE\""),
                "method must be one of ");
        assertBad(
                good.replace("{\"eventId\"", "{\"colour\":1,\"eventId\""), "unknown field colour");
        assertBad(good.replace("\"channel\":\"WEB\"", "\"channel\":7"), "channel must be a string");
        assertBad("[1,2]", "not a JSON object");
        assertBad("{\"eventId\":", "not JSON (");
        assertThatThrownBy(() -> OrderFile.read(dir.resolve("missing.jsonl")))
                .hasMessage("no file " + dir.resolve("missing.jsonl"));
    }

    private static void assertBad(String line, String start) {
        assertThatThrownBy(() -> OrderFile.parse(line))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(start);
    }
}
