package io.omnistock.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestsTest {

    @Test
    void pathSegmentsArePercentDecodedAndAPlusStaysAPlus() {
        assertThat(Requests.id("sku", "SKU-1")).isEqualTo("SKU-1");
        assertThat(Requests.id("sku", "A%2FB+C%20D")).isEqualTo("A/B+C D");
        assertThat(Requests.id("sku", "%C3%A9t%C3%A9")).isEqualTo("été");
    }

    @Test
    void badSegmentsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> Requests.id("sku", "")).hasMessageContaining("sku is empty");
        assertThatThrownBy(() -> Requests.id("sku", "AB%2")).hasMessageContaining("truncated");
        assertThatThrownBy(() -> Requests.id("sku", "A%ZZ")).hasMessageContaining("invalid");
        assertThatThrownBy(() -> Requests.id("node", "A%0AB"))
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> Requests.id("sku", "x".repeat(Requests.MAX_ID_LENGTH + 1)))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void aBatchIsAJsonArrayOfSkusWithoutDuplicates() {
        assertThat(Requests.skuList(json("[\"SKU-2\",\"SKU-1\",\"SKU-2\"]"), 3))
                .containsExactly("SKU-2", "SKU-1");
    }

    @Test
    void badBatchesAreRefused() {
        assertThatThrownBy(() -> Requests.skuList(json("[\"a\",\"b\",\"c\"]"), 2))
                .hasMessage("at most 2 SKUs per batch, this one has 3");
        assertThatThrownBy(() -> Requests.skuList(json("[]"), 2)).hasMessageContaining("empty");
        assertThatThrownBy(() -> Requests.skuList(json("{\"skus\":[]}"), 2))
                .hasMessageContaining("JSON array");
        assertThatThrownBy(() -> Requests.skuList(json("[\"a\", 7]"), 2))
                .hasMessageContaining("item 1");
        assertThatThrownBy(() -> Requests.skuList(json("[\"a\""), 2))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Requests.skuList(new byte[0], 2)).hasMessageContaining("no body");
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
