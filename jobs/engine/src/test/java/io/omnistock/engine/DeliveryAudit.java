package io.omnistock.engine;

import io.omnistock.avro.Availability;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.contracts.Topics;
import io.omnistock.generator.ExpectedPosition;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The sequence oracles of the failure tests ({@link FailureInjectionITCase}, {@link
 * BrokerRestartITCase}): what a run lost, repeated or reordered, read from the published topics.
 */
final class DeliveryAudit {
    private DeliveryAudit() {}

    /**
     * Per availability key, in offset order: versions must strictly increase and their change
     * counts (low 32 bits) run 1, 2, ... n. Lost = change counts missing below the highest,
     * duplicated = change counts seen more than once, out-of-order = a version not above its
     * predecessor.
     */
    record Versions(int keys, int changes, long lost, long duplicated, long outOfOrder) {
        static Versions of(List<KeyedValue<Availability>> records) {
            Map<String, List<Long>> versionsByKey = new HashMap<>();
            for (KeyedValue<Availability> r : records) {
                versionsByKey
                        .computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(r.value().getVersion());
            }
            long lost = 0;
            long duplicated = 0;
            long outOfOrder = 0;
            for (List<Long> versions : versionsByKey.values()) {
                Set<Long> changes = new HashSet<>();
                long highest = 0;
                for (int i = 0; i < versions.size(); i++) {
                    long change = versions.get(i) & 0xFFFF_FFFFL;
                    highest = Math.max(highest, change);
                    if (!changes.add(change)) {
                        duplicated++;
                    }
                    if (i > 0 && versions.get(i) <= versions.get(i - 1)) {
                        outOfOrder++;
                    }
                }
                lost += highest - changes.size();
            }
            return new Versions(versionsByKey.size(), records.size(), lost, duplicated, outOfOrder);
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (lost > 0) {
                problems.add(lost + " lost");
            }
            if (duplicated > 0) {
                problems.add(duplicated + " duplicated");
            }
            if (outOfOrder > 0) {
                problems.add(outOfOrder + " out of order");
            }
            return problems;
        }
    }

    /**
     * Orders sent without a final decision (lost), with more than one or with a repeated revision
     * (duplicated), and decisions for orders never sent (unknown).
     */
    record Orders(List<String> lost, List<String> duplicated, Set<String> unknown) {
        static Orders of(Set<String> sent, Map<String, List<RoutingDecision>> byOrder) {
            List<String> lost = new ArrayList<>();
            List<String> duplicated = new ArrayList<>();
            for (String orderId : sent) {
                List<RoutingDecision> decisions = byOrder.getOrDefault(orderId, List.of());
                long finals = decisions.stream().filter(OrderFixtures::isFinal).count();
                long revisions =
                        decisions.stream().map(RoutingDecision::getRevision).distinct().count();
                if (finals == 0) {
                    lost.add(orderId);
                } else if (finals > 1 || revisions != decisions.size()) {
                    duplicated.add(orderId + ": " + decisions.size() + " decisions");
                }
            }
            Set<String> unknown = new TreeSet<>(byOrder.keySet());
            unknown.removeAll(sent);
            return new Orders(lost, duplicated, unknown);
        }
    }

    /**
     * Reads {@code orders.decisions} until every order of {@code orderIds} has a final decision.
     */
    static void awaitFinalDecisions(KafkaTestClient client, Set<String> orderIds) {
        awaitFinalDecisions(client, orderIds, ReferenceCheck.DEADLINE);
    }

    /** {@link #awaitFinalDecisions(KafkaTestClient, Set)} within {@code deadline}. */
    static void awaitFinalDecisions(
            KafkaTestClient client, Set<String> orderIds, java.time.Duration deadline) {
        client.readUntil(
                Topics.DECISIONS,
                values ->
                        values.stream()
                                .filter(OrderFixtures::isFinal)
                                .map(RoutingDecision::getOrderId)
                                .collect(Collectors.toSet())
                                .containsAll(orderIds),
                deadline);
    }

    /**
     * Positions whose published figures differ from the reference ledger's on-hand, in-transit and
     * safety stock with the decisions' reservations, ATP following from them (at most 10, for the
     * report).
     */
    static List<String> positionMismatches(
            Map<String, Availability> published,
            Map<String, ExpectedPosition> reference,
            Map<String, Long> allocated) {
        List<String> mismatches = new ArrayList<>();
        Set<String> keys = new TreeSet<>(reference.keySet());
        keys.addAll(published.keySet());
        keys.addAll(allocated.keySet());
        for (String key : keys) {
            ExpectedPosition p = reference.get(key);
            Availability a = published.get(key);
            long reserved = allocated.getOrDefault(key, 0L);
            String want =
                    p == null
                            ? "none"
                            : figures(
                                    p.onHand(),
                                    reserved,
                                    p.inTransit(),
                                    p.safetyStock(),
                                    Math.max(0, p.onHand() - reserved - p.safetyStock()));
            String got =
                    a == null
                            ? "none"
                            : figures(
                                    a.getOnHand(),
                                    a.getReserved(),
                                    a.getInTransit(),
                                    a.getSafetyStock(),
                                    a.getAtp());
            if (!got.equals(want) && mismatches.size() < 10) {
                mismatches.add(key + " published " + got + ", expected " + want);
            }
        }
        return mismatches;
    }

    /** Units reserved beyond (non-negative) on-hand, summed over positions. */
    static long oversoldUnits(Map<String, Availability> latest) {
        long oversold = 0;
        for (Availability a : latest.values()) {
            oversold += Math.max(0, a.getReserved() - Math.max(0, a.getOnHand()));
        }
        return oversold;
    }

    private static String figures(
            long onHand, long reserved, long inTransit, long safetyStock, long atp) {
        return String.format(
                "onHand %d, reserved %d, inTransit %d, safety %d, atp %d",
                onHand, reserved, inTransit, safetyStock, atp);
    }
}
