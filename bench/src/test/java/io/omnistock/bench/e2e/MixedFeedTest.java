package io.omnistock.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.contracts.Topics;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.OrderGenerator;
import io.omnistock.generator.QuoteGenerator;
import io.omnistock.generator.RetailEventGenerator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mixed benchmark publishes the demo's stream unchanged (node records, preload, the rest in
 * arrival order), names each record by the id its answer carries, and gives a second job exactly
 * the same records after a rewind.
 */
class MixedFeedTest {
    private static final int RECORDS = 30_000;

    private final NetworkConfig config = MixedFeed.demoNetwork();
    private final MixedFeed feed = new MixedFeed(config);

    @Test
    void publishesTheDemoStreamInOrderWithTheIdsItsAnswersName() {
        List<MixedFeed.Item> items = feed.take(RECORDS);

        Iterator<GeneratedRecord> demo =
                OrderGenerator.interleave(
                        RetailEventGenerator.stream(config),
                        QuoteGenerator.withQuotes(OrderGenerator.stream(config)));
        List<GeneratedRecord> published = new ArrayList<>(feed.nodes());
        published.addAll(feed.preload());
        items.forEach(i -> published.add(i.record()));
        for (GeneratedRecord r : published) {
            assertThat(r).isEqualTo(demo.next());
        }

        assertThat(feed.nodes())
                .hasSize(55)
                .allSatisfy(r -> assertThat(r.topic()).isEqualTo(Topics.NODES.name()));
        long preloadEnd = config.start().plus(MixedFeed.PRELOAD).toEpochMilli();
        assertThat(feed.preload())
                .hasSizeGreaterThan(124_000)
                .allSatisfy(r -> assertThat(r.timestamp()).isLessThan(preloadEnd));
        assertThat(items.get(0).record().timestamp()).isGreaterThanOrEqualTo(preloadEnd);

        Map<MixedFeed.Kind, Integer> kinds = new EnumMap<>(MixedFeed.Kind.class);
        for (MixedFeed.Item item : items) {
            kinds.merge(item.kind(), 1, Integer::sum);
            GeneratedRecord r = item.record();
            switch (item.kind()) {
                case ORDER -> assertThat(r.topic()).isEqualTo(Topics.ORDER_REQUESTS.name());
                case QUOTE -> assertThat(r.topic()).isEqualTo(Topics.QUOTE_REQUESTS.name());
                case INVENTORY -> assertThat(r.topic()).startsWith("inventory.");
                case OTHER -> assertThat(item.id()).isNull();
            }
            if (item.kind() != MixedFeed.Kind.OTHER) {
                assertThat(r.kind()).isEqualTo(GeneratedRecord.Kind.VALID);
                assertThat(new String(r.value(), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("the id is in the record's bytes")
                        .contains(item.id());
            }
        }
        assertThat(kinds).containsOnlyKeys(MixedFeed.Kind.values());
        // one quote before each valid order, with the order's cart
        assertThat(kinds.get(MixedFeed.Kind.QUOTE))
                .isBetween(
                        kinds.get(MixedFeed.Kind.ORDER) - 1, kinds.get(MixedFeed.Kind.ORDER) + 1);
    }

    @Test
    void aRewoundFeedGivesTheSameRecordsThenContinues() {
        List<MixedFeed.Item> first = feed.take(1_000);
        List<MixedFeed.Item> next = feed.take(1_000);

        feed.rewind();

        assertThat(feed.take(2_000)).containsExactlyElementsOf(concat(first, next));
        MixedFeed fresh = new MixedFeed(config);
        fresh.take(2_000);
        assertThat(feed.take(500)).isEqualTo(fresh.take(500));
    }

    private static List<MixedFeed.Item> concat(List<MixedFeed.Item> a, List<MixedFeed.Item> b) {
        List<MixedFeed.Item> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
