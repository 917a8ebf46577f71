package io.omnistock.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.ThreePlEventType;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetailEventGeneratorTest {
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final NetworkConfig SMALL =
            NetworkConfig.small().toBuilder()
                    .start(START)
                    .wallClock(START.plus(Duration.ofDays(3)))
                    .build();

    @Test
    void sameConfigGivesIdenticalBytes() {
        GeneratedRun first = RetailEventGenerator.generate(SMALL);
        GeneratedRun second = RetailEventGenerator.generate(SMALL);

        assertThat(second.records()).isEqualTo(first.records());
        assertThat(second.nodeRecords()).isEqualTo(first.nodeRecords());
        assertThat(second.reference().positions()).isEqualTo(first.reference().positions());
        assertThat(RetailEventGenerator.generate(SMALL.withSeed(7)).records())
                .isNotEqualTo(first.records());
    }

    @ParameterizedTest
    @ValueSource(longs = {42, 1, 2, 3})
    void smallProducesEveryEventKind(long seed) throws DecodeException {
        GeneratedRun run = RetailEventGenerator.generate(SMALL.withSeed(seed));

        assertThat(run.stats().validByKind().keySet())
                .containsExactlyInAnyOrderElementsOf(EnumSet.allOf(EventKind.class));
        Set<String> seen = new HashSet<>();
        for (GeneratedRecord r : valid(run)) {
            SpecificRecord e = decode(r);
            seen.add(r.topic() + "/" + ((GenericRecord) e).get("type"));
            if (e instanceof WmsEvent w && w.getType() == WmsEventType.ADJUSTMENT) {
                seen.add(r.topic() + "/ADJUSTMENT" + (w.getQuantity() < 0 ? "-" : "+"));
            }
        }
        for (EventKind kind : EventKind.values()) {
            assertThat(seen).contains(kind.topic().name() + "/" + kind.type());
        }
        assertThat(seen).contains("inventory.wms/ADJUSTMENT-", "inventory.wms/ADJUSTMENT+");
        assertThat(run.stats().duplicates()).isPositive();
        assertThat(run.stats().outOfOrder()).isPositive();
        assertThat(run.stats().malformed()).isPositive();
        assertThat(run.reference().countMismatches()).as("shrink revealed by counts").isPositive();
    }

    @Test
    void generatorsFeedEveryLedgerInputButTheJobsOwnReservations() {
        GeneratedRun run = RetailEventGenerator.generate(SMALL);
        Set<String> inventory = new HashSet<>();
        valid(run).forEach(r -> inventory.add(r.topic()));
        assertThat(inventory)
                .containsExactlyInAnyOrder(
                        Topics.POS.name(), Topics.WMS.name(), Topics.THREE_PL.name());

        Set<String> fed = new HashSet<>(inventory);
        run.nodeRecords().forEach(r -> fed.add(r.topic()));
        QuoteGenerator.withQuotes(OrderGenerator.stream(SMALL))
                .forEachRemaining(
                        r -> {
                            if (r.kind() == GeneratedRecord.Kind.VALID) {
                                fed.add(r.topic());
                            }
                        });
        Set<String> external = new HashSet<>();
        Topics.LEDGER_INPUTS.stream()
                .filter(t -> t != Topics.RESERVATIONS) // written by the job itself
                // safety-stock reference data: optional, the generated network uses node figures
                .filter(t -> t != Topics.SKUS && t != Topics.SAFETY_STOCK)
                // cart and checkout holds: optional, the generated shops hold nothing yet
                .filter(t -> t != Topics.HOLD_REQUESTS)
                // sales channels: optional, the generated shops define none
                .filter(t -> t != Topics.CHANNELS)
                .forEach(t -> external.add(t.name()));
        assertThat(fed).isEqualTo(external);
    }

    @Test
    void eventsCarryTheirRequiredFields() throws DecodeException {
        GeneratedRun run = RetailEventGenerator.generate(SMALL);
        long start = SMALL.start().toEpochMilli();
        long end = SMALL.endMillis();
        for (GeneratedRecord r : valid(run)) {
            assertThat(r.timestamp()).isEqualTo(r.eventTime()).isBetween(start, end - 1);
            if (r.topic().equals(Topics.POS.name())) {
                PosEvent e = Topics.POS.codec().decode(r.value());
                assertThat(r.key()).isEqualTo(e.getSku());
                assertThat(e.getQuantity()).isPositive();
                assertThat(e.getVoidedEventId() != null)
                        .isEqualTo(e.getType() == PosEventType.VOID);
            } else if (r.topic().equals(Topics.WMS.name())) {
                WmsEvent e = Topics.WMS.codec().decode(r.value());
                assertThat(r.key()).isEqualTo(e.getSku());
                switch (e.getType()) {
                    case ADJUSTMENT -> assertThat(e.getQuantity()).isNotZero();
                    case CYCLE_COUNT -> assertThat(e.getQuantity()).isNotNegative();
                    default -> assertThat(e.getQuantity()).isPositive();
                }
                if (e.getType() == WmsEventType.TRANSFER_OUT
                        || e.getType() == WmsEventType.TRANSFER_IN) {
                    assertThat(e.getCounterpartNodeId()).isNotNull().isNotEqualTo(e.getNodeId());
                }
            } else {
                ThreePlEvent e = Topics.THREE_PL.codec().decode(r.value());
                assertThat(r.key()).isEqualTo(e.getSku());
                if (e.getType() == ThreePlEventType.ASN) {
                    assertThat(e.getAsnId()).isNotNull();
                    assertThat(e.getEta()).isAfter(e.getEventTime());
                    assertThat(e.getQuantity()).isPositive();
                } else if (e.getType() == ThreePlEventType.SNAPSHOT) {
                    assertThat(e.getQuantity()).isNotNegative();
                    assertThat(e.getBatchId()).isNotNull();
                }
            }
        }
    }

    @Test
    void transfersInMatchTheirTransfersOut() throws DecodeException {
        GeneratedRun run = RetailEventGenerator.generate(SMALL);
        Map<String, Integer> outs = new HashMap<>();
        int ins = 0;
        for (GeneratedRecord r : valid(run)) {
            if (!r.topic().equals(Topics.WMS.name())) {
                continue;
            }
            WmsEvent e = Topics.WMS.codec().decode(r.value());
            String route = e.getSku() + e.getQuantity();
            if (e.getType() == WmsEventType.TRANSFER_OUT) {
                outs.merge(route + e.getNodeId() + ">" + e.getCounterpartNodeId(), 1, Integer::sum);
            } else if (e.getType() == WmsEventType.TRANSFER_IN) {
                assertThat(
                                outs.merge(
                                        route + e.getCounterpartNodeId() + ">" + e.getNodeId(),
                                        -1,
                                        Integer::sum))
                        .as("a TRANSFER_IN follows a TRANSFER_OUT of the same qty")
                        .isNotNegative();
                ins++;
            }
        }
        assertThat(ins).isPositive();
    }

    @Test
    void voidsArriveAfterTheirSale() throws DecodeException {
        GeneratedRun run =
                RetailEventGenerator.generate(SMALL.toBuilder().outOfOrderRate(0.5).build());
        Set<String> salesSeen = new HashSet<>();
        int voids = 0;
        for (GeneratedRecord r : run.records()) {
            if (r.kind() != GeneratedRecord.Kind.VALID || !r.topic().equals(Topics.POS.name())) {
                continue;
            }
            PosEvent e = Topics.POS.codec().decode(r.value());
            if (e.getType() == PosEventType.SALE) {
                salesSeen.add(e.getEventId());
            } else if (e.getType() == PosEventType.VOID) {
                assertThat(salesSeen).contains(e.getVoidedEventId());
                voids++;
            }
        }
        assertThat(voids).isPositive();
    }

    @Test
    void noRecordArrivesMoreThanSixHoursAfterItsEventTime() {
        GeneratedRun run = RetailEventGenerator.generate(SMALL);
        long horizon = NetworkConfig.MAX_ARRIVAL_DELAY.toMillis();
        long maxSeen = SMALL.start().toEpochMilli();
        long maxLateness = 0;
        for (GeneratedRecord r : run.records()) {
            if (r.kind() == GeneratedRecord.Kind.MALFORMED) {
                continue;
            }
            maxLateness = Math.max(maxLateness, maxSeen - r.eventTime());
            maxSeen = Math.max(maxSeen, r.eventTime());
        }
        assertThat(maxLateness)
                .isLessThanOrEqualTo(horizon)
                .isGreaterThan(Duration.ofHours(1).toMillis());
    }

    @Test
    void duplicatesAreExactResendsOfEarlierRecords() {
        GeneratedRun run = RetailEventGenerator.generate(SMALL);
        Map<String, GeneratedRecord> sent = new HashMap<>();
        int duplicates = 0;
        for (GeneratedRecord r : run.records()) {
            String identity =
                    r.topic() + "|" + r.key() + "|" + java.util.Arrays.toString(r.value());
            if (r.kind() == GeneratedRecord.Kind.DUPLICATE) {
                assertThat(sent).containsKey(identity);
                duplicates++;
            } else if (r.kind() == GeneratedRecord.Kind.VALID) {
                assertThat(sent.put(identity, r)).as("valid records are unique").isNull();
            }
        }
        assertThat(duplicates).isEqualTo(run.stats().duplicates()).isPositive();
    }

    @Test
    void statsDescribeTheRecords() {
        GeneratedRun run = RetailEventGenerator.generate(SMALL);
        GeneratorStats stats = run.stats();
        Map<String, Long> byTopic = new HashMap<>();
        long malformed = 0;
        for (GeneratedRecord r : run.records()) {
            if (r.kind() == GeneratedRecord.Kind.VALID) {
                byTopic.merge(r.topic(), 1L, Long::sum);
            } else if (r.kind() == GeneratedRecord.Kind.MALFORMED) {
                malformed++;
            }
        }
        assertThat(stats.validByTopic()).isEqualTo(byTopic);
        assertThat(stats.malformed()).isEqualTo(malformed);
        assertThat(stats.records()).isEqualTo(run.records().size());
        assertThat(stats.nodeRecords()).isEqualTo(run.nodeRecords().size());
    }

    @Test
    void streamYieldsTheNodesThenTheSameRecordsAsAFiniteRun() {
        GeneratedRun run = RetailEventGenerator.generate(SMALL);
        List<GeneratedRecord> streamed = new ArrayList<>();
        RetailEventGenerator.stream(SMALL).forEachRemaining(streamed::add);

        List<GeneratedRecord> expected = new ArrayList<>(run.nodeRecords());
        expected.addAll(run.records());
        assertThat(streamed).isEqualTo(expected);
    }

    @Test
    void streamRunsLazilyOverManyDays() {
        Iterator<GeneratedRecord> stream =
                RetailEventGenerator.stream(SMALL.withDuration(Duration.ofDays(365)));
        long lastDay = 0;
        long n = 0;
        while (stream.hasNext() && lastDay < 3) {
            GeneratedRecord r = stream.next();
            if (r.kind() == GeneratedRecord.Kind.VALID) {
                lastDay = (r.eventTime() - START.toEpochMilli()) / Duration.ofDays(1).toMillis();
            }
            n++;
        }
        assertThat(lastDay).isEqualTo(3);
        assertThat(n).isGreaterThan(5_000);
    }

    private static SpecificRecord decode(GeneratedRecord r) throws DecodeException {
        return Topics.LEDGER_INPUTS.stream()
                .filter(t -> t.name().equals(r.topic()))
                .findFirst()
                .orElseThrow()
                .codec()
                .decode(r.value());
    }

    private static List<GeneratedRecord> valid(GeneratedRun run) {
        return run.records().stream().filter(r -> r.kind() == GeneratedRecord.Kind.VALID).toList();
    }
}
