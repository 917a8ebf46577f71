package io.omnistock.serving;

import static io.omnistock.serving.Records.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.avro.OrderLine;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.RoutingPreference;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuoteRequestsTest {

    @Test
    void aBodyWithAvroFieldNamesBecomesAQuoteRequest() {
        QuoteRequest r =
                parse(
                        "{\"requestId\":\"Q-1\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2}],"
                                + "\"destinationLatitude\":52.37,\"destinationLongitude\":4.89,"
                                + "\"preference\":\"GREENEST\",\"channel\":\"APP\"}");

        assertThat(r.getRequestId()).isEqualTo("Q-1");
        assertThat(r.getEventId()).isEqualTo("quote-api-id");
        assertThat(r.getEventTime()).isEqualTo(BEGINNING);
        assertThat(r.getLines()).containsExactly(new OrderLine("SKU-1", 2));
        assertThat(r.getDestinationLatitude()).isEqualTo(52.37);
        assertThat(r.getPreference()).isEqualTo(RoutingPreference.GREENEST);
        assertThat(r.getChannel()).isEqualTo("APP");
    }

    @Test
    void defaultsFillWhatIsLeftOut() {
        QuoteRequest r =
                parse("{\"lines\":[{\"sku\":\"S\",\"quantity\":1}],\"pickupNodeId\":\"STORE-1\"}");

        assertThat(r.getRequestId()).isEqualTo("QT-id");
        assertThat(r.getChannel()).isEqualTo("WEB");
        assertThat(r.getPreference()).isEqualTo(RoutingPreference.BALANCED);
        assertThat(r.getRegion()).isEmpty();
        assertThat(r.getDestinationLatitude()).isNull();
        assertThat(r.getNodeGroup()).isNull();
    }

    @Test
    void aNodeGroupScopesTheQuote() {
        String line = "\"lines\":[{\"sku\":\"S\",\"quantity\":1}],\"pickupNodeId\":\"STORE-1\"";

        assertThat(parse("{" + line + ",\"nodeGroup\":\"BRAND-A\"}").getNodeGroup())
                .isEqualTo("BRAND-A");
        assertThatThrownBy(() -> parse("{" + line + ",\"nodeGroup\":\" \"}"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("nodeGroup is empty");
    }

    @Test
    void badBodiesAreRefusedWithWhatIsWrong() {
        String line = "\"lines\":[{\"sku\":\"S\",\"quantity\":1}]";
        String dest = "\"destinationLatitude\":1,\"destinationLongitude\":2";
        assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> parse("{" + line + "," + dest + ",\"colour\":1}"))
                .hasMessageContaining("unknown field 'colour'");
        assertThatThrownBy(() -> parse("{" + dest + "}")).hasMessageContaining("'lines'");
        assertThatThrownBy(() -> parse("{" + line + "}")).hasMessageContaining("destination");
        assertThatThrownBy(() -> parse("{" + line + ",\"destinationLatitude\":1}"))
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> parse("{\"lines\":[{\"sku\":\"S\",\"quantity\":0}]," + dest + "}"))
                .hasMessageContaining("below 1");
        assertThatThrownBy(
                        () ->
                                parse(
                                        "{"
                                                + line
                                                + ",\"destinationLatitude\":91,"
                                                + "\"destinationLongitude\":2}"))
                .hasMessageContaining("-90.0 to 90.0");
        assertThatThrownBy(() -> parse("{" + line + "," + dest + ",\"preference\":\"SLOW\"}"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("GREENEST");
    }

    private static QuoteRequest parse(String body) {
        return QuoteRequests.fromJson(body.getBytes(StandardCharsets.UTF_8), BEGINNING, () -> "id");
    }
}
