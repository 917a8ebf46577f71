package io.omnistock.serving;

import io.omnistock.avro.Availability;
import io.omnistock.avro.GroupAvailability;
import io.omnistock.avro.Movement;
import io.omnistock.avro.MovementOutcome;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.PositionFigures;
import io.omnistock.avro.SourceSystem;
import io.omnistock.contracts.Topics;
import java.time.Instant;
import java.util.List;

/** Test records with named instants. */
final class Records {
    static final Instant BEGINNING = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant ONE_MINUTE_LATER = BEGINNING.plusSeconds(60);

    static Availability availability(String sku, String node, long version, long atp, Instant at) {
        return Availability.newBuilder()
                .setEventId(sku + '|' + node + '|' + version)
                .setEventTime(at)
                .setSku(sku)
                .setNodeId(node)
                .setNodeType(NodeType.STORE)
                .setOnHand(atp + 2)
                .setReserved(0)
                .setInTransit(0)
                .setInTransitByEta(List.of())
                .setSafetyStock(2)
                .setAtp(atp)
                .setVersion(version)
                .setLastSource(SourceSystem.POS)
                .setLastEventId("pos-" + version)
                .setVelocityPerDay(0.0)
                .setDaysOfCover(null)
                .setProjected(List.of())
                .build();
    }

    /** A journal record of a receipt of {@code quantity} taking on-hand from {@code before}. */
    static Movement movement(
            String sku, String node, String eventId, long before, long quantity, long version) {
        return Movement.newBuilder()
                .setEventId(eventId)
                .setEventTime(BEGINNING)
                .setSku(sku)
                .setNodeId(node)
                .setSource(SourceSystem.WMS)
                .setEventType("RECEIPT")
                .setQuantity(quantity)
                .setOutcome(MovementOutcome.APPLIED)
                .setBefore(new PositionFigures(before, 0L, 0L, before))
                .setAfter(new PositionFigures(before + quantity, 0L, 0L, before + quantity))
                .setAvailabilityVersion(version)
                .build();
    }

    static NetworkAvailability network(String sku, long version, long atp, Instant at) {
        return NetworkAvailability.newBuilder()
                .setEventId(sku + '|' + version)
                .setEventTime(at)
                .setSku(sku)
                .setNetworkAtp(atp)
                .setStoreAtp(atp)
                .setDcAtp(0)
                .setDarkStoreAtp(0)
                .setThreePlAtp(0)
                .setOpenNodes(1)
                .setVersion(version)
                .build();
    }

    static GroupAvailability group(
            String sku, String group, long version, long onHand, long atp, Instant at) {
        return GroupAvailability.newBuilder()
                .setEventId(Topics.groupKey(sku, group) + '|' + version)
                .setEventTime(at)
                .setSku(sku)
                .setNodeGroup(group)
                .setOnHand(onHand)
                .setReserved(onHand - atp)
                .setAtp(atp)
                .setNodes(1)
                .setVersion(version)
                .build();
    }

    static StoredRecord stored(Availability a, long kafkaTimestamp) {
        return new StoredRecord(
                a.getVersion(),
                a.getEventTime().toEpochMilli(),
                kafkaTimestamp,
                Topics.AVAILABILITY.codec().encode(a));
    }

    static StoredRecord stored(NetworkAvailability n, long kafkaTimestamp) {
        return new StoredRecord(
                n.getVersion(),
                n.getEventTime().toEpochMilli(),
                kafkaTimestamp,
                Topics.NETWORK_AVAILABILITY.codec().encode(n));
    }

    static StoredRecord stored(GroupAvailability g, long kafkaTimestamp) {
        return new StoredRecord(
                g.getVersion(),
                g.getEventTime().toEpochMilli(),
                kafkaTimestamp,
                Topics.GROUP_AVAILABILITY.codec().encode(g));
    }

    private Records() {}
}
