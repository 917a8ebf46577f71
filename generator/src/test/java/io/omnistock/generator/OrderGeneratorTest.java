package io.omnistock.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrderGeneratorTest {
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final long HOUR = Duration.ofHours(1).toMillis();

    /** Two days of the default chain: enough orders for the mix to show. */
    private static final NetworkConfig CHAIN =
            NetworkConfig.defaults().toBuilder()
                    .start(START)
                    .wallClock(START.plus(Duration.ofDays(3)))
                    .duration(Duration.ofDays(2))
                    .build();

    private static final NetworkConfig SMALL =
            NetworkConfig.small().toBuilder()
                    .start(START)
                    .wallClock(START.plus(Duration.ofDays(3)))
                    .build();

    /**
     * Seed 42 of the small network, like DeterminismGuardTest. Changed on purpose when OrderRequest
     * gained holdIds (an empty array: one more byte per order) and again when it gained orderValue
     * (null: one more byte per order), and again when it gained allowFutureSupply (false: one more
     * byte per order; the generator allows no future supply, so nothing else changed).
     */
    private static final String SMALL_ORDERS_SHA256 =
            "88f3714e0b1e8f67c947561e876f5e62769c41290114deab2a8e8d0c1eceb0ea";

    private static RetailNetwork network;
    private static List<GeneratedRecord> records;
    private static Map<String, OrderRequest> orders;
    private static List<OrderLifecycleEvent> lifecycle;

    @BeforeAll
    static void generate() throws DecodeException {
        network = RetailNetwork.build(CHAIN);
        records = OrderGenerator.generate(CHAIN);
        orders = new HashMap<>();
        lifecycle = new ArrayList<>();
        for (GeneratedRecord r : records) {
            if (r.kind() != GeneratedRecord.Kind.VALID) {
                continue;
            }
            if (r.topic().equals(Topics.ORDER_REQUESTS.name())) {
                OrderRequest o = Topics.ORDER_REQUESTS.codec().decode(r.value());
                assertThat(orders.put(o.getOrderId(), o)).as("order ids are unique").isNull();
            } else {
                lifecycle.add(Topics.ORDER_LIFECYCLE.codec().decode(r.value()));
            }
        }
    }

    @Test
    void sameConfigGivesIdenticalBytesAndAnotherSeedOthers() {
        assertThat(OrderGenerator.generate(SMALL)).isEqualTo(OrderGenerator.generate(SMALL));
        assertThat(OrderGenerator.generate(SMALL.withSeed(7)))
                .isNotEqualTo(OrderGenerator.generate(SMALL));

        List<GeneratedRecord> streamed = new ArrayList<>();
        OrderGenerator.stream(SMALL).forEachRemaining(streamed::add);
        assertThat(streamed).isEqualTo(OrderGenerator.generate(SMALL));
    }

    @Test
    void ordersOfAFixedSeedNeverChange() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (GeneratedRecord r : OrderGenerator.generate(SMALL.withSeed(42))) {
            byte[] head =
                    (r.topic() + "|" + r.key() + "|" + r.kind() + "/" + r.expectedReason())
                            .getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(head.length).array());
            digest.update(head);
            digest.update(
                    ByteBuffer.allocate(2 * Long.BYTES + Integer.BYTES)
                            .putLong(r.timestamp())
                            .putLong(r.eventTime())
                            .putInt(r.value().length)
                            .array());
            digest.update(r.value());
        }
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(SMALL_ORDERS_SHA256);
    }

    @Test
    void aboutOneOrderPerTwentyInventoryEventsOnceTradingRuns() {
        long dayTwo = START.plus(Duration.ofDays(1)).toEpochMilli();
        long inventory =
                RetailEventGenerator.generate(CHAIN).records().stream()
                        .filter(r -> r.eventTime() >= dayTwo)
                        .count();
        long placed =
                orders.values().stream()
                        .filter(o -> o.getEventTime().toEpochMilli() >= dayTwo)
                        .count();
        assertThat((double) inventory / placed).isBetween(15.0, 28.0);
        assertThat(placed / 24.0 / CHAIN.stores())
                .as("orders per store hour")
                .isCloseTo(CHAIN.ordersPerStoreHour(), within(0.4));
    }

    @Test
    void methodsChannelsAndPreferencesFollowTheDocumentedMix() {
        Map<FulfilmentMethod, Integer> methods = new EnumMap<>(FulfilmentMethod.class);
        Map<String, Integer> channels = new HashMap<>();
        Map<RoutingPreference, Integer> preferences = new EnumMap<>(RoutingPreference.class);
        Map<Integer, Integer> lineCounts = new HashMap<>();
        int units = 0;
        int lines = 0;
        for (OrderRequest o : orders.values()) {
            methods.merge(o.getMethod(), 1, Integer::sum);
            channels.merge(o.getChannel(), 1, Integer::sum);
            preferences.merge(o.getPreference(), 1, Integer::sum);
            lineCounts.merge(o.getLines().size(), 1, Integer::sum);
            for (OrderLine line : o.getLines()) {
                units += line.getQuantity();
                lines++;
            }
        }
        double n = orders.size();
        assertThat(n).isGreaterThan(5_000);
        assertThat(methods.get(FulfilmentMethod.SHIP_TO_HOME) / n).isBetween(0.58, 0.72);
        assertThat(methods.get(FulfilmentMethod.BOPIS) / n).isCloseTo(0.20, within(0.02));
        assertThat(methods.get(FulfilmentMethod.CURBSIDE) / n).isCloseTo(0.08, within(0.015));
        // 12% ask for same day; those after the 18:00 cut-off are delivered instead
        assertThat(methods.get(FulfilmentMethod.SAME_DAY) / n).isBetween(0.05, 0.12);
        assertThat(channels.keySet())
                .containsExactlyInAnyOrder("WEB", "APP", "STORE", "MARKETPLACE", "CALL_CENTER");
        assertThat(channels.get("WEB") / n).isBetween(0.40, 0.55);
        assertThat(preferences.get(RoutingPreference.BALANCED) / n).isCloseTo(0.70, within(0.02));
        assertThat(preferences).containsOnlyKeys(RoutingPreference.values());
        assertThat(lineCounts).containsOnlyKeys(1, 2, 3, 4);
        assertThat(lineCounts.get(1) / n).isBetween(0.5, 0.6);
        assertThat((double) units / lines).as("units per line").isBetween(1.15, 1.45);
    }

    @Test
    void ordersAreWellFormedAndFitTheNetwork() {
        Set<String> catalog = new HashSet<>();
        network.skus().forEach(s -> catalog.add(s.id()));
        Map<String, NetworkNode> nodes = new HashMap<>();
        network.networkNodes().forEach(n -> nodes.put(n.id(), n));
        List<NetworkNode> stores =
                network.networkNodes().stream().filter(n -> n.type() == NodeType.STORE).toList();
        long first = START.toEpochMilli() + HOUR;

        for (GeneratedRecord r : records) {
            assertThat(r.timestamp()).isEqualTo(r.eventTime()).isBetween(first, CHAIN.endMillis());
        }
        for (OrderRequest o : orders.values()) {
            long time = o.getEventTime().toEpochMilli();
            assertThat(o.getLines()).hasSizeBetween(1, 4);
            assertThat(o.getLines().stream().map(OrderLine::getSku).distinct())
                    .hasSameSizeAs(o.getLines())
                    .allMatch(catalog::contains);
            assertThat(o.getLines()).allMatch(l -> l.getQuantity() >= 1 && l.getQuantity() <= 3);
            assertThat(o.getShipFromStoreAllowed())
                    .isEqualTo(!o.getChannel().equals("MARKETPLACE"));
            assertThat(stores)
                    .as("region and postcode of a store's site")
                    .anyMatch(
                            s ->
                                    s.site().region().equals(o.getRegion())
                                            && s.site().postalCode().equals(o.getPostalCode()));
            long promise = o.getPromiseBy().toEpochMilli() - time;
            switch (o.getMethod()) {
                case BOPIS, CURBSIDE -> {
                    NetworkNode pickup = nodes.get(o.getPickupNodeId());
                    assertThat(pickup).isNotNull();
                    assertThat(pickup.type()).isEqualTo(NodeType.STORE);
                    assertThat(pickup.record().getStatus()).isEqualTo(NodeStatus.OPEN);
                    assertThat(pickup.record().getFulfilmentMethods()).contains(o.getMethod());
                    assertThat(o.getDestinationLatitude()).isNull();
                    assertThat(o.getDestinationLongitude()).isNull();
                    assertThat(promise)
                            .isIn(Duration.ofDays(1).toMillis(), Duration.ofDays(2).toMillis());
                    for (OrderLine line : o.getLines()) {
                        assertThat(carries(pickup, line.getSku()))
                                .as("the pickup store carries %s", line.getSku())
                                .isTrue();
                    }
                }
                case SHIP_TO_HOME, SAME_DAY -> {
                    assertThat(o.getPickupNodeId()).isNull();
                    Site home =
                            new Site(
                                    "",
                                    o.getDestinationLatitude(),
                                    o.getDestinationLongitude(),
                                    "",
                                    "",
                                    "UTC");
                    assertThat(stores)
                            .as("customers live near a store")
                            .anyMatch(s -> s.site().distanceKm(home) <= 8.01);
                    if (o.getMethod() == FulfilmentMethod.SAME_DAY) {
                        assertThat(network.networkNodes())
                                .as("an OPEN same-day node within the engine's 30 km")
                                .anyMatch(
                                        n ->
                                                n.record().getStatus() == NodeStatus.OPEN
                                                        && n.record()
                                                                .getFulfilmentMethods()
                                                                .contains(FulfilmentMethod.SAME_DAY)
                                                        && n.site().distanceKm(home) <= 30);
                        ZonedDateTime local = o.getEventTime().atZone(zoneOf(stores, o));
                        assertThat(local.getHour()).isLessThan(18);
                        ZonedDateTime promised = o.getPromiseBy().atZone(local.getZone());
                        assertThat(promised.toLocalDate()).isEqualTo(local.toLocalDate());
                        assertThat(promised.getHour()).isEqualTo(22);
                    } else {
                        long days = Duration.ofMillis(promise).toDays();
                        assertThat(promise % Duration.ofDays(1).toMillis()).isZero();
                        assertThat(days).isBetween(1L, 5L);
                        if (o.getPreference() == RoutingPreference.FASTEST) {
                            assertThat(days).isLessThanOrEqualTo(2);
                        }
                    }
                }
                default -> throw new AssertionError("unexpected method " + o.getMethod());
            }
        }
    }

    @Test
    void mostOrdersArePlacedInTheDayAndEveningNotAtNight() {
        int night = 0;
        int evening = 0;
        List<NetworkNode> stores =
                network.networkNodes().stream().filter(n -> n.type() == NodeType.STORE).toList();
        for (OrderRequest o : orders.values()) {
            int hour = o.getEventTime().atZone(zoneOf(stores, o)).getHour();
            if (hour >= 2 && hour < 5) {
                night++;
            } else if (hour >= 19 && hour < 22) {
                evening++;
            }
        }
        assertThat(evening).isGreaterThan(8 * night);
    }

    @Test
    void everyOrderIsClosedOnceLaterAndFewAreCancelled() {
        Map<String, OrderLifecycleEvent> closing = new HashMap<>();
        for (OrderLifecycleEvent e : lifecycle) {
            OrderRequest o = orders.get(e.getOrderId());
            assertThat(o).as("lifecycle of a placed order").isNotNull();
            assertThat(closing.put(e.getOrderId(), e)).as("one lifecycle per order").isNull();
            long after = e.getEventTime().toEpochMilli() - o.getEventTime().toEpochMilli();
            boolean pickup =
                    o.getMethod() == FulfilmentMethod.BOPIS
                            || o.getMethod() == FulfilmentMethod.CURBSIDE;
            switch (e.getType()) {
                case CANCELLED -> assertThat(after).isBetween(2 * 60_000L, 45 * 60_000L);
                case PICKED_UP -> {
                    assertThat(pickup).isTrue();
                    assertThat(after).isBetween(2 * HOUR, 48 * HOUR);
                    NetworkNode store =
                            network.networkNodes().stream()
                                    .filter(n -> n.id().equals(o.getPickupNodeId()))
                                    .findFirst()
                                    .orElseThrow();
                    assertThat(e.getEventTime().atZone(store.zone()).getHour()).isBetween(8, 20);
                }
                case SHIPPED -> {
                    assertThat(pickup).isFalse();
                    assertThat(after).isBetween(HOUR, 30 * HOUR);
                }
                default -> throw new AssertionError("unexpected " + e.getType());
            }
        }
        long cancelled =
                closing.values().stream()
                        .filter(e -> e.getType() == LifecycleType.CANCELLED)
                        .count();
        assertThat((double) cancelled / orders.size()).isCloseTo(0.05, within(0.01));
        // a delivery closes within 30 h, so every one placed earlier than that before the end did
        long open =
                orders.values().stream()
                        .filter(o -> o.getPickupNodeId() == null)
                        .filter(
                                o ->
                                        o.getEventTime().toEpochMilli()
                                                < CHAIN.endMillis() - 30 * HOUR)
                        .filter(o -> !closing.containsKey(o.getOrderId()))
                        .count();
        assertThat(open).as("deliveries placed over 30 h before the end still open").isZero();
    }

    @Test
    void arrivesInEventTimeOrderWithExactDuplicatesAndBadOrders() {
        long last = Long.MIN_VALUE;
        Set<String> sent = new HashSet<>();
        int duplicates = 0;
        int malformed = 0;
        for (GeneratedRecord r : records) {
            if (r.kind() != GeneratedRecord.Kind.DUPLICATE) { // re-sends keep their old time
                assertThat(r.eventTime()).isGreaterThanOrEqualTo(last);
                last = r.eventTime();
            }
            assertThat(r.topic()).isIn(Topics.ORDER_REQUESTS.name(), Topics.ORDER_LIFECYCLE.name());
            String identity =
                    r.topic() + "|" + r.key() + "|" + java.util.Arrays.toString(r.value());
            switch (r.kind()) {
                case VALID -> assertThat(sent.add(identity)).isTrue();
                case DUPLICATE -> {
                    assertThat(sent).contains(identity);
                    duplicates++;
                }
                case MALFORMED -> {
                    malformed++;
                    assertThat(BadRecordKind.orderKinds())
                            .anyMatch(
                                    k ->
                                            k.reason() == r.expectedReason()
                                                    && k.topic().name().equals(r.topic()));
                }
            }
        }
        assertThat(duplicates).isPositive();
        assertThat(malformed).isPositive();
    }

    @Test
    void interleavingKeepsBothStreamsAndNeverRunsOrdersAhead() {
        List<GeneratedRecord> inventory = new ArrayList<>();
        RetailEventGenerator.stream(SMALL).forEachRemaining(inventory::add);
        List<GeneratedRecord> placed = OrderGenerator.generate(SMALL);

        List<GeneratedRecord> inventoryPart = new ArrayList<>();
        List<GeneratedRecord> orderPart = new ArrayList<>();
        long clock = Long.MIN_VALUE;
        Iterator<GeneratedRecord> merged =
                OrderGenerator.interleave(
                        RetailEventGenerator.stream(SMALL), OrderGenerator.stream(SMALL));
        while (merged.hasNext()) {
            GeneratedRecord r = merged.next();
            if (r.topic().startsWith("orders.")) {
                if (inventoryPart.size() < inventory.size()) { // the rest follows the last one
                    assertThat(r.timestamp())
                            .as("not ahead of the inventory")
                            .isLessThanOrEqualTo(clock);
                }
                orderPart.add(r);
            } else {
                clock = Math.max(clock, r.timestamp());
                inventoryPart.add(r);
            }
        }
        assertThat(inventoryPart).as("the inventory stream, unchanged").isEqualTo(inventory);
        assertThat(orderPart).isEqualTo(placed);
        assertThat(inventoryPart.get(0).topic()).isEqualTo(Topics.NODES.name());
    }

    @Test
    void noOrdersWhenTheRateIsZero() {
        assertThat(OrderGenerator.generate(SMALL.toBuilder().ordersPerStoreHour(0).build()))
                .isEmpty();
        List<GeneratedRecord> quiet =
                OrderGenerator.generate(SMALL.toBuilder().ordersPerStoreHour(1).build());
        List<GeneratedRecord> busy =
                OrderGenerator.generate(SMALL.toBuilder().ordersPerStoreHour(8).build());
        assertThat(busy.size()).isGreaterThan(5 * quiet.size());
    }

    @Test
    void rejectsNegativeOrderRatesAndCancelSharesAboveOne() {
        assertThatThrownBy(() -> SMALL.toBuilder().ordersPerStoreHour(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SMALL.toBuilder().orderCancelRate(1.5).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean carries(NetworkNode node, String sku) {
        for (int index : node.assortment()) {
            if (network.skus().get(index).id().equals(sku)) {
                return true;
            }
        }
        return false;
    }

    /** The time zone of the store whose customers placed the order (same postcode). */
    private static java.time.ZoneId zoneOf(List<NetworkNode> stores, OrderRequest o) {
        return stores.stream()
                .filter(s -> s.site().postalCode().equals(o.getPostalCode()))
                .findFirst()
                .orElseThrow()
                .zone();
    }
}
