package io.omnistock.engine.functions;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.Availability;
import io.omnistock.avro.CountCheck;
import io.omnistock.avro.Discrepancy;
import io.omnistock.avro.FutureAtp;
import io.omnistock.avro.GroupAvailability;
import io.omnistock.avro.HoldEvent;
import io.omnistock.avro.HoldEventType;
import io.omnistock.avro.InTransitQuantity;
import io.omnistock.avro.InventoryAlert;
import io.omnistock.avro.Movement;
import io.omnistock.avro.MovementOutcome;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.avro.PositionFigures;
import io.omnistock.avro.ProjectedAtp;
import io.omnistock.avro.SourceSystem;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.forecast.Forecast;
import io.omnistock.domain.holds.HoldOutcome;
import io.omnistock.domain.inventory.AvailabilityChange;
import io.omnistock.domain.inventory.CountDiscrepancy;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.GroupTotals;
import io.omnistock.domain.inventory.InboundShipment;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.JournalEntry;
import io.omnistock.domain.inventory.NetworkTotals;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.inventory.ProjectedStockout;
import io.omnistock.domain.inventory.StockAlert;
import io.omnistock.domain.promises.FutureSupply;
import io.omnistock.ledger.domain.NodeInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the published Avro records from the ledger's state. */
final class LedgerRecords {
    private static final long HOUR_MILLIS = 3_600_000L;

    /**
     * The published version of a key: the restore generation in the high 32 bits, the key's change
     * count in the low 32 bits. It increases with every change and across every restore.
     */
    static long version(long generation, long changes) {
        return (generation << 32) | changes;
    }

    static Availability availability(AvailabilityChange change, long generation) {
        String sku = change.sku();
        String nodeId = change.nodeId();
        Position p = change.position();
        NodeInfo node = change.node();
        long eventTime = change.eventTime();
        SourceSystem source = change.source();
        String causeEventId = change.causeEventId();
        Forecast forecast = change.forecast();
        long version = version(generation, p.version);
        List<InTransitQuantity> inTransit = p.publishedInTransit == 0 ? List.of() : inTransit(p);
        // Setters, not a builder: this runs for every event, and every field is set.
        Availability a = new Availability();
        a.setEventId(Topics.positionKey(sku, nodeId) + '|' + version);
        a.setEventTime(Instant.ofEpochMilli(eventTime));
        a.setSku(sku);
        a.setNodeId(nodeId);
        a.setNodeType(node.type);
        a.setOnHand(p.publishedOnHand);
        a.setReserved(p.publishedReserved);
        a.setHeld(p.publishedHeld);
        a.setInTransit(p.publishedInTransit);
        a.setInTransitByEta(inTransit);
        a.setFutureAtp(p.publishedInTransit == 0 ? List.of() : futureAtp(p));
        a.setSafetyStock(p.publishedSafetyStock);
        a.setAtp(p.publishedAtp);
        a.setVersion(version);
        a.setLastSource(source);
        a.setLastEventId(causeEventId);
        a.setVelocityPerDay(forecast.velocityPerDay);
        a.setDaysOfCover(forecast.hasCover() ? forecast.daysOfCover : null);
        a.setProjected(projected(forecast));
        return a;
    }

    private static List<ProjectedAtp> projected(Forecast f) {
        List<ProjectedAtp> lines = new ArrayList<>(f.horizonCount());
        for (int i = 0; i < f.horizonCount(); i++) {
            lines.add(new ProjectedAtp(f.horizonMillis(i) / HOUR_MILLIS, f.projectedAtp[i]));
        }
        return lines;
    }

    private static List<FutureAtp> futureAtp(Position p) {
        List<FutureSupply.Bucket> buckets = FutureSupply.buckets(p.inbound);
        List<FutureAtp> lines = new ArrayList<>(buckets.size());
        for (FutureSupply.Bucket b : buckets) {
            lines.add(new FutureAtp(Instant.ofEpochMilli(b.until()), b.units()));
        }
        return lines;
    }

    private static List<InTransitQuantity> inTransit(Position p) {
        List<InTransitQuantity> lines = new ArrayList<>(p.inbound.size());
        for (InboundShipment s : p.inbound) {
            if (s.remaining() > 0) {
                lines.add(
                        new InTransitQuantity(s.asnId, s.remaining(), Instant.ofEpochMilli(s.eta)));
            }
        }
        return lines;
    }

    static NetworkAvailability network(
            String sku, NetworkTotals t, long eventTime, long generation) {
        long version = version(generation, t.version);
        NetworkAvailability n = new NetworkAvailability(); // as above: every field is set
        n.setEventId(sku + '|' + version);
        n.setEventTime(Instant.ofEpochMilli(eventTime));
        n.setSku(sku);
        n.setNetworkAtp(t.networkAtp);
        n.setStoreAtp(t.storeAtp);
        n.setDcAtp(t.dcAtp);
        n.setDarkStoreAtp(t.darkStoreAtp);
        n.setThreePlAtp(t.threePlAtp);
        n.setOpenNodes(t.openNodes);
        n.setVersion(version);
        return n;
    }

    static GroupAvailability group(
            String sku,
            String group,
            GroupTotals.Figures f,
            long changes,
            long eventTime,
            long generation) {
        long version = version(generation, changes);
        GroupAvailability g = new GroupAvailability(); // as above: every field is set
        g.setEventId(Topics.groupKey(sku, group) + '|' + version);
        g.setEventTime(Instant.ofEpochMilli(eventTime));
        g.setSku(sku);
        g.setNodeGroup(group);
        g.setOnHand(f.onHand());
        g.setReserved(f.reserved());
        g.setAtp(f.atp());
        g.setNodes(f.nodes());
        g.setVersion(version);
        return g;
    }

    static Discrepancy discrepancy(CountDiscrepancy d) {
        InventoryEvent count = d.count();
        return Discrepancy.newBuilder()
                .setEventId(count.eventId)
                .setEventTime(Instant.ofEpochMilli(count.eventTime))
                .setSku(d.sku())
                .setNodeId(d.nodeId())
                .setExpected(d.expected())
                .setCounted(d.counted())
                .setDelta(d.counted() - d.expected())
                .setSource(count.source)
                .setCountType(count.type.name())
                .build();
    }

    /** A count compared with the ledger, at the count's as-of time, in its node's region. */
    static CountCheck countCheck(
            InventoryEvent count, NodeInfo node, long expected, boolean matched) {
        return CountCheck.newBuilder()
                .setEventId(count.eventId)
                .setEventTime(Instant.ofEpochMilli(count.eventTime))
                .setSku(count.sku)
                .setNodeId(count.nodeId)
                .setRegion(node.region == null || node.region.isBlank() ? null : node.region)
                .setCounted(count.quantity)
                .setMatched(matched)
                .setSource(count.source)
                .setExpected(expected)
                .setBatchId(count.batchId)
                .build();
    }

    static InventoryAlert alert(StockAlert a) {
        return InventoryAlert.newBuilder()
                .setEventId(
                        Topics.positionKey(a.sku(), a.nodeId())
                                + '|'
                                + a.version()
                                + '|'
                                + a.type())
                .setEventTime(Instant.ofEpochMilli(a.eventTime()))
                .setSku(a.sku())
                .setNodeId(a.nodeId())
                .setType(a.type())
                .setAtp(a.atp())
                .setPreviousAtp(a.previousAtp())
                .setThreshold(a.threshold())
                .build();
    }

    /** A PROJECTED_STOCKOUT alert: threshold = the lead time in whole hours. */
    static InventoryAlert projectedStockout(ProjectedStockout p) {
        InventoryAlert alert =
                alert(
                        new StockAlert(
                                p.sku(),
                                p.nodeId(),
                                AlertType.PROJECTED_STOCKOUT,
                                p.atp(),
                                p.atp(),
                                p.leadTimeMillis() / HOUR_MILLIS,
                                p.eventTime(),
                                p.version()));
        alert.setExpectedStockoutTime(Instant.ofEpochMilli(p.expectedStockoutTime()));
        alert.setDaysOfCover(p.daysOfCover());
        alert.setVelocityPerDay(p.velocityPerDay());
        return alert;
    }

    /**
     * The movement journal's record of an event as the ledger judged it ({@code sourced}: the
     * record it came in, for its topic, partition and offset), its availability version of this
     * restore generation.
     */
    static Movement movement(JournalEntry entry, SourcedEvent sourced, long generation) {
        InventoryEvent e = entry.event();
        boolean fromKafka = sourced != null && sourced.fromKafka();
        boolean asn = e.type == EventType.ASN || e.type == EventType.RECEIPT;
        Movement m = new Movement(); // setters, as above: every field is set
        m.setEventId(e.eventId);
        m.setEventTime(Instant.ofEpochMilli(e.eventTime));
        m.setSku(e.sku);
        m.setNodeId(e.nodeId);
        m.setSource(e.source == null ? SourceSystem.UNKNOWN : e.source);
        m.setSourceTopic(fromKafka ? sourced.topic : null);
        m.setSourcePartition(fromKafka ? sourced.partition : -1);
        m.setSourceOffset(fromKafka ? sourced.offset : -1L);
        m.setEventType(e.type.name());
        m.setQuantity(e.quantity);
        m.setReasonCode(e.reasonCode);
        m.setBatchId(e.batchId);
        m.setAsnId(asn ? e.reference : null);
        m.setOutcome(MovementOutcome.valueOf(entry.outcome().name()));
        m.setBefore(figures(entry.before()));
        m.setAfter(figures(entry.after()));
        m.setAvailabilityVersion(entry.version() == 0 ? 0 : version(generation, entry.version()));
        return m;
    }

    private static PositionFigures figures(JournalEntry.Figures f) {
        return new PositionFigures(f.onHand(), f.reserved(), f.inTransit(), f.atp());
    }

    private LedgerRecords() {}

    /** A hold's outcome, for holds.events (key = holdId). */
    static HoldEvent holdEvent(HoldOutcome o) {
        HoldEvent e = new HoldEvent();
        e.setEventId(
                o.holdId()
                        + '|'
                        + o.type()
                        + '|'
                        + (o.requestEventId() != null
                                ? o.requestEventId()
                                : Long.toString(o.eventTime())));
        e.setEventTime(Instant.ofEpochMilli(o.eventTime()));
        e.setHoldId(o.holdId());
        e.setSku(o.sku());
        e.setType(HoldEventType.valueOf(o.type().name()));
        e.setNodeId(o.nodeId());
        e.setQuantity(o.units());
        e.setExpiresAt(
                o.expiresAt() == HoldOutcome.NO_EXPIRY
                        ? null
                        : Instant.ofEpochMilli(o.expiresAt()));
        e.setReason(o.reason());
        e.setChannel(o.channel() == null ? "" : o.channel());
        e.setRequestEventId(o.requestEventId());
        return e;
    }
}
