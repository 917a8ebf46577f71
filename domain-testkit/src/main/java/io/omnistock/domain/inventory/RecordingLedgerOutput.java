package io.omnistock.domain.inventory;

import io.omnistock.avro.ReturnDisposition;
import io.omnistock.domain.holds.HoldOutcome;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SkuLedger.Output} that records every fact, in order, for tests and replays to inspect.
 * The ledger's working values (a position, the network totals, the scratch forecast) are copied
 * into snapshots; the other facts are values and are kept as they came. Subclasses override a
 * method to act on a fact as well (calling {@code super} to keep recording it).
 */
public class RecordingLedgerOutput implements SkuLedger.Output {
    /** A position's published figures at a change. */
    public record Published(
            String nodeId,
            long onHand,
            long reserved,
            long inTransit,
            long safetyStock,
            long atp,
            long version) {}

    /** The network totals' figures at a change. */
    public record Network(
            long networkAtp,
            long storeAtp,
            long dcAtp,
            long threePlAtp,
            int openNodes,
            long version) {}

    /** A node group's figures at a change; {@code changes} is the SKU's change count. */
    public record Group(
            String group, long onHand, long reserved, long atp, int nodes, long changes) {}

    public record Compared(String countEventId, String nodeId, boolean matched) {}

    /** A comparison's units and the count's 3PL batch (null for WMS counts). */
    public record ComparedUnits(String countEventId, long expected, long counted, String batchId) {}

    public record Rejected(String eventId, Rejection rejection) {}

    /** A publication's forecast: velocity, cover (null when infinite), projected ATP. */
    public record Forecasted(
            String nodeId,
            long eventTime,
            double velocityPerDay,
            Double daysOfCover,
            long[] projected) {}

    public final List<Published> availability = new ArrayList<>();
    public final List<Forecasted> forecasts = new ArrayList<>();
    public final List<Network> network = new ArrayList<>();
    public final List<Group> groups = new ArrayList<>();
    public final List<CountDiscrepancy> discrepancies = new ArrayList<>();
    public final List<Compared> compared = new ArrayList<>();
    public final List<ComparedUnits> comparedUnits = new ArrayList<>();
    public final List<StockAlert> alerts = new ArrayList<>();
    public final List<ProjectedStockout> projectedStockouts = new ArrayList<>();
    public final List<Rejected> rejected = new ArrayList<>();
    public final List<StockReply> replies = new ArrayList<>();
    public final List<ReturnDisposition> dispositions = new ArrayList<>();
    public final List<HoldOutcome> holdOutcomes = new ArrayList<>();

    /** The movement journal's entries (only while the journal is on). */
    public final List<JournalEntry> movements = new ArrayList<>();

    /** How many facts were recorded, of every kind. */
    public int size() {
        return availability.size()
                + network.size()
                + groups.size()
                + discrepancies.size()
                + compared.size()
                + alerts.size()
                + projectedStockouts.size()
                + rejected.size()
                + replies.size()
                + dispositions.size()
                + movements.size()
                + holdOutcomes.size();
    }

    @Override
    public void availability(AvailabilityChange change) {
        Position p = change.position();
        availability.add(
                new Published(
                        change.nodeId(),
                        p.publishedOnHand,
                        p.publishedReserved,
                        p.publishedInTransit,
                        p.publishedSafetyStock,
                        p.publishedAtp,
                        p.version));
        forecasts.add(
                new Forecasted(
                        change.nodeId(),
                        change.eventTime(),
                        change.forecast().velocityPerDay,
                        change.forecast().hasCover() ? change.forecast().daysOfCover : null,
                        change.forecast().projectedAtp.clone()));
    }

    @Override
    public void network(String sku, NetworkTotals t, long eventTime) {
        network.add(
                new Network(
                        t.networkAtp, t.storeAtp, t.dcAtp, t.threePlAtp, t.openNodes, t.version));
    }

    @Override
    public void group(
            String sku, String group, GroupTotals.Figures figures, long changes, long eventTime) {
        groups.add(
                new Group(
                        group,
                        figures.onHand(),
                        figures.reserved(),
                        figures.atp(),
                        figures.nodes(),
                        changes));
    }

    @Override
    public void discrepancy(CountDiscrepancy discrepancy) {
        discrepancies.add(discrepancy);
    }

    @Override
    public void countCompared(InventoryEvent count, NodeInfo node, long expected, boolean matched) {
        compared.add(new Compared(count.eventId, node.nodeId, matched));
        comparedUnits.add(
                new ComparedUnits(count.eventId, expected, count.quantity, count.batchId));
    }

    @Override
    public void alert(StockAlert alert) {
        alerts.add(alert);
    }

    @Override
    public void projectedStockout(ProjectedStockout stockout) {
        projectedStockouts.add(stockout);
    }

    @Override
    public void rejected(InventoryEvent event, Rejection rejection) {
        rejected.add(new Rejected(event.eventId, rejection));
    }

    @Override
    public void reply(StockReply reply) {
        replies.add(reply);
    }

    @Override
    public void returned(ReturnDisposition disposition) {
        dispositions.add(disposition);
    }

    @Override
    public void movement(JournalEntry entry) {
        movements.add(entry); // a value: its figures are copies
    }

    @Override
    public void hold(HoldOutcome outcome) {
        holdOutcomes.add(outcome);
    }
}
