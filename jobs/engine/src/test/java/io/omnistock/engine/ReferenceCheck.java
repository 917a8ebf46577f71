package io.omnistock.engine;

import io.omnistock.avro.Availability;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.contracts.Topics;
import io.omnistock.generator.ExpectedNetwork;
import io.omnistock.generator.ExpectedPosition;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.GeneratorPublisher;
import io.omnistock.testing.Await;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Compares what the ledger published with the generator's reference ledger, as a downstream
 * consumer sees it: the highest version per key of the compacted availability topics.
 */
final class ReferenceCheck {
    static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final Duration QUIET = Duration.ofMillis(500);

    static void assertMatchesReference(KafkaTestClient client, GeneratedRun run) throws Exception {
        assertMatchesReference(client, run, key -> false);
    }

    /**
     * The same, for a test that also published records of its own: keys (availability {@code
     * sku|node}, network {@code sku}) for which {@code besidesTheRun} holds are left out.
     */
    static void assertMatchesReference(
            KafkaTestClient client, GeneratedRun run, Predicate<String> besidesTheRun)
            throws Exception {
        Map<String, ExpectedPosition> expected = run.reference().positions();
        Await.until(
                "availability topic equals the reference ledger",
                () ->
                        positionMismatches(
                                highestVersionByKey(
                                        client.readAll(Topics.AVAILABILITY, QUIET),
                                        Availability::getVersion,
                                        besidesTheRun),
                                expected),
                List::isEmpty,
                DEADLINE);

        Map<String, ExpectedNetwork> expectedNetwork = run.reference().network();
        Await.until(
                "network availability topic equals the reference ledger",
                () ->
                        networkMismatches(
                                highestVersionByKey(
                                        client.readAll(Topics.NETWORK_AVAILABILITY, QUIET),
                                        NetworkAvailability::getVersion,
                                        besidesTheRun),
                                expectedNetwork),
                List::isEmpty,
                DEADLINE);
    }

    private static List<String> positionMismatches(
            Map<String, Availability> actual, Map<String, ExpectedPosition> expected) {
        return mismatches(
                actual,
                expected,
                a -> figures(a.getOnHand(), a.getInTransit(), a.getSafetyStock(), a.getAtp()),
                p -> figures(p.onHand(), p.inTransit(), p.safetyStock(), p.atp()));
    }

    private static List<String> networkMismatches(
            Map<String, NetworkAvailability> actual, Map<String, ExpectedNetwork> expected) {
        return mismatches(
                actual,
                expected,
                a ->
                        figures(
                                a.getNetworkAtp(),
                                a.getStoreAtp(),
                                a.getDcAtp(),
                                a.getDarkStoreAtp(),
                                a.getThreePlAtp()),
                n ->
                        figures(
                                n.networkAtp(),
                                n.storeAtp(),
                                n.dcAtp(),
                                n.darkStoreAtp(),
                                n.threePlAtp()));
    }

    /** Keys whose published figures differ from the reference (at most 10, for the report). */
    private static <A, E> List<String> mismatches(
            Map<String, A> actual,
            Map<String, E> expected,
            Function<A, String> published,
            Function<E, String> reference) {
        List<String> mismatches = new ArrayList<>();
        for (String key : union(actual.keySet(), expected.keySet())) {
            A a = actual.get(key);
            E e = expected.get(key);
            String got = a == null ? "none" : published.apply(a);
            String want = e == null ? "none" : reference.apply(e);
            if (!got.equals(want) && mismatches.size() < 10) {
                mismatches.add(key + " published " + got + ", reference " + want);
            }
        }
        return mismatches;
    }

    private static String figures(long... values) {
        return Arrays.toString(values);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** What a consumer that keeps the highest version per key holds. */
    private static <V> Map<String, V> highestVersionByKey(
            List<KeyedValue<V>> records, Function<V, Long> version, Predicate<String> leftOut) {
        Map<String, V> latest = new HashMap<>();
        for (KeyedValue<V> r : records) {
            if (leftOut.test(r.key())) {
                continue;
            }
            latest.merge(r.key(), r.value(), (a, b) -> version.apply(b) > version.apply(a) ? b : a);
        }
        return latest;
    }

    /** Publishes records in order through the generator's producer; returns how many. */
    /**
     * The run's records but those meant to be rejected as TOO_LATE: whether they are depends on the
     * watermark when they arrive, which starts over with a restore (LedgerBadInputITCase covers
     * them).
     */
    static List<GeneratedRecord> withoutTooLate(GeneratedRun run) {
        return run.records().stream()
                .filter(r -> r.expectedReason() != DeadLetterReason.TOO_LATE)
                .toList();
    }

    static long publish(String bootstrapServers, List<GeneratedRecord> records) {
        return publish(bootstrapServers, new Properties(), records);
    }

    /** Publishes with {@code clientProperties} (e.g. a SASL login) on the producer. */
    static long publish(
            String bootstrapServers, Properties clientProperties, List<GeneratedRecord> records) {
        try (GeneratorPublisher publisher =
                new GeneratorPublisher(bootstrapServers, 0, clientProperties)) {
            publisher.sendAll(records);
        }
        return records.size();
    }

    private ReferenceCheck() {}
}
