package io.omnistock.domain.inventory;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.forecast.DemandForecast;
import io.omnistock.domain.forecast.Forecast;
import io.omnistock.ledger.domain.NodeInfo;

/**
 * Publishes the changes of one SKU's positions, for the ledger and its reservations alike:
 * recomputes a changed position's ATP, forecast and share of the network totals, and hands the
 * availability, alerts, projected stockouts and network totals that moved to the {@link
 * SkuLedger.Output}. A change runs from {@link #beginChange} to {@link #endChange}, so the network
 * totals, and each node group's figures that moved ({@link GroupTotals}), are published once per
 * change. Keeps the demand history the forecast reads.
 *
 * <p>Not thread-safe: one instance per ledger (its scratch values are reused).
 */
final class PositionPublisher {
    private final LedgerSettings settings;
    private final DemandForecast demand;
    private final Forecast forecast;
    private final NetworkTotals before = new NetworkTotals();

    /** The group totals of the change in progress. */
    private GroupTotals groups;

    PositionPublisher(LedgerSettings settings) {
        this.settings = settings;
        this.demand = new DemandForecast(settings.forecast());
        this.forecast = new Forecast(settings.forecast());
    }

    /** Starts a change to the SKU's positions: returns its totals, remembering their figures. */
    NetworkTotals beginChange(SkuLedger.State state) {
        NetworkTotals totals = state.totals();
        before.copyFrom(totals);
        groups = state.groups();
        groups.beginChange();
        return totals;
    }

    /** Ends a change: publishes the network totals and the groups whose figures moved. */
    void endChange(String sku, NetworkTotals totals, long eventTime, SkuLedger.Output out) {
        publishNetwork(sku, totals, eventTime, out);
        groups.endChange(sku, eventTime, out);
    }

    /** Publishes a position that changed (if its figures did) and stores it. */
    void publishAndStore(
            String sku,
            String nodeId,
            Position p,
            NodeInfo node,
            NetworkTotals totals,
            long eventTime,
            String causeEventId,
            SkuLedger.State state,
            SkuLedger.Output out) {
        publish(
                sku,
                nodeId,
                p,
                node,
                totals,
                eventTime,
                SourceSystem.ORDERS,
                causeEventId,
                state,
                out);
        state.putPosition(nodeId, p);
    }

    /** Units that left on-hand at {@code time} (a sale, or a routed order's): demand there. */
    void recordDemand(Position p, long units, long time) {
        demand.recordDemand(p, units, time);
    }

    /**
     * Moves the position's share of the network totals to what {@code node} and {@code atp} make
     * it. Every move counts one change of the position's share and of the totals' version, so the
     * SKU's network version is the sum of its positions' {@link Position#networkChanges}: it rises
     * with every change of the totals and can be rebuilt from the positions.
     */
    private static boolean moveNetworkShare(
            Position p, NodeInfo node, long atp, NetworkTotals totals) {
        boolean counted = node.isOpen();
        long countedAtp = counted ? atp : 0;
        if (p.countedInNetwork == counted
                && p.countedType == node.type
                && p.countedAtp == countedAtp) {
            return false;
        }
        if (p.countedInNetwork) {
            totals.add(p.countedType, -p.countedAtp, -1);
        }
        p.countedInNetwork = counted;
        p.countedType = node.type;
        p.countedAtp = countedAtp;
        if (counted) {
            totals.add(node.type, atp, 1);
        }
        p.networkChanges++;
        totals.version++;
        return true;
    }

    /**
     * Recomputes ATP (with the position's resolved safety stock, {@link
     * SkuLedger.State#safetyStock}) and the network share; publishes availability and alerts if
     * changed. Returns whether the position changed (and must be stored).
     */
    boolean publish(
            String sku,
            String nodeId,
            Position p,
            NodeInfo node,
            NetworkTotals totals,
            long eventTime,
            SourceSystem source,
            String causeEventId,
            SkuLedger.State state,
            SkuLedger.Output out) {
        long safetyStock = state.safetyStock(node);
        long atp = p.atp(safetyStock);
        long inTransit = p.inTransit();
        long changesBefore = p.version + p.networkChanges;

        boolean shareChanged = moveNetworkShare(p, node, atp, totals);

        boolean changed =
                p.version == 0
                        || p.inboundChanged
                        || p.onHand != p.publishedOnHand
                        || p.reserved != p.publishedReserved
                        || p.held != p.publishedHeld
                        || inTransit != p.publishedInTransit
                        || safetyStock != p.publishedSafetyStock
                        || atp != p.publishedAtp;
        if (!changed) {
            return moveGroupShares(nodeId, p, node, totals, changesBefore) || shareChanged;
        }
        long previousAtp = p.publishedAtp;
        boolean firstPublication = p.version == 0;
        p.version++;
        p.publishedOnHand = p.onHand;
        p.publishedReserved = p.reserved;
        p.publishedHeld = p.held;
        p.publishedInTransit = inTransit;
        p.publishedSafetyStock = safetyStock;
        p.publishedAtp = atp;
        p.inboundChanged = false;
        moveGroupShares(nodeId, p, node, totals, changesBefore);
        demand.compute(p, safetyStock, atp, eventTime, forecast);
        out.availability(
                new AvailabilityChange(
                        sku,
                        nodeId,
                        p,
                        node,
                        eventTime,
                        source,
                        causeEventId,
                        forecast,
                        previousAtp));
        if (!firstPublication) {
            raiseAlerts(sku, nodeId, node, previousAtp, atp, eventTime, p.version, out);
        }
        if (demand.shouldAlert(p, atp, forecast)) {
            out.projectedStockout(
                    new ProjectedStockout(
                            sku,
                            nodeId,
                            atp,
                            forecast.velocityPerDay,
                            forecast.daysOfCover,
                            forecast.expectedStockoutTime,
                            settings.forecast().leadTimeMillis(),
                            eventTime,
                            p.version));
        }
        return true;
    }

    /**
     * Moves the position's share of its node's groups to its published figures and the node's
     * groups now, and counts the position's changes into the SKU's change count. A share that moved
     * only because the node joined or left a group counts one change of the network share, so the
     * change count (the group records' version) still rises, and can be rebuilt from the positions.
     * Returns whether the share moved (the position must then be stored).
     */
    private boolean moveGroupShares(
            String nodeId, Position p, NodeInfo node, NetworkTotals totals, long changesBefore) {
        boolean moved = groups.move(nodeId, p, node);
        if (moved && p.version + p.networkChanges == changesBefore) {
            p.networkChanges++;
            totals.version++;
        }
        groups.countChanges(p.version + p.networkChanges - changesBefore);
        return moved;
    }

    private void raiseAlerts(
            String sku,
            String nodeId,
            NodeInfo node,
            long previousAtp,
            long atp,
            long eventTime,
            long version,
            SkuLedger.Output out) {
        long low = settings.lowThreshold(node.type);
        AlertType type = null;
        if (previousAtp > 0 && atp == 0) {
            type = AlertType.OUT_OF_STOCK;
        } else if (previousAtp == 0 && atp > 0) {
            type = AlertType.BACK_IN_STOCK;
        } else if (previousAtp >= low && atp < low && atp > 0) {
            type = AlertType.LOW;
        }
        if (type != null) {
            out.alert(new StockAlert(sku, nodeId, type, previousAtp, atp, low, eventTime, version));
        }
    }

    private void publishNetwork(
            String sku, NetworkTotals totals, long eventTime, SkuLedger.Output out) {
        boolean firstShare = before.version == 0 && totals.version > 0;
        if (firstShare || !totals.sameFiguresAs(before)) {
            out.network(sku, totals, eventTime);
        }
    }
}
