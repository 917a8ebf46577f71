package io.omnistock.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteGeneratorTest {
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    /** The small network (seed 42), as OrderGeneratorTest has it. */
    private static final NetworkConfig SMALL =
            NetworkConfig.small().toBuilder()
                    .start(START)
                    .wallClock(START.plus(Duration.ofDays(3)))
                    .build();

    @Test
    void everyValidOrderIsPrecededByAQuoteOfItsCartAndTheStreamIsOtherwiseUnchanged()
            throws Exception {
        List<GeneratedRecord> orders = OrderGenerator.generate(SMALL);
        List<GeneratedRecord> withQuotes = new ArrayList<>();
        QuoteGenerator.withQuotes(orders.iterator()).forEachRemaining(withQuotes::add);

        List<GeneratedRecord> quotes =
                withQuotes.stream()
                        .filter(r -> r.topic().equals(Topics.QUOTE_REQUESTS.name()))
                        .toList();
        long validOrders =
                orders.stream()
                        .filter(r -> r.kind() == GeneratedRecord.Kind.VALID)
                        .filter(r -> r.topic().equals(Topics.ORDER_REQUESTS.name()))
                        .count();
        assertThat(validOrders).isPositive();
        assertThat(quotes).hasSize((int) validOrders);
        assertThat(withQuotes.stream().filter(r -> !r.topic().equals(Topics.QUOTE_REQUESTS.name())))
                .containsExactlyElementsOf(orders);

        for (int i = 0; i < withQuotes.size(); i++) {
            GeneratedRecord r = withQuotes.get(i);
            if (!r.topic().equals(Topics.QUOTE_REQUESTS.name())) {
                continue;
            }
            QuoteRequest quote = Topics.QUOTE_REQUESTS.codec().decode(r.value());
            OrderRequest order =
                    Topics.ORDER_REQUESTS.codec().decode(withQuotes.get(i + 1).value());
            assertThat(r.key())
                    .isEqualTo(quote.getRequestId())
                    .isEqualTo("QT-" + order.getOrderId());
            assertThat(quote.getLines()).isEqualTo(order.getLines());
            assertThat(quote.getEventTime()).isEqualTo(order.getEventTime());
            assertThat(quote.getPreference()).isEqualTo(order.getPreference());
            boolean pickup =
                    order.getMethod() == FulfilmentMethod.BOPIS
                            || order.getMethod() == FulfilmentMethod.CURBSIDE;
            assertThat(quote.getPickupNodeId()).isEqualTo(pickup ? order.getPickupNodeId() : null);
            assertThat(quote.getDestinationLatitude()).isEqualTo(order.getDestinationLatitude());
        }
    }
}
