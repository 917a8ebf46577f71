package io.omnistock.engine.functions;

import io.omnistock.avro.Availability;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.domain.channels.Channel;
import io.omnistock.domain.holds.HoldOutcome;
import io.omnistock.domain.inventory.AvailabilityChange;
import io.omnistock.domain.inventory.CountDiscrepancy;
import io.omnistock.domain.inventory.GroupTotals;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.JournalEntry;
import io.omnistock.domain.inventory.NetworkTotals;
import io.omnistock.domain.inventory.ProjectedStockout;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.domain.inventory.StockAlert;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The output adapter of the SKU ledger: turns its facts into records on the main and side outputs
 * of {@link ApplyInventoryEventFunction}, with versions of this subtask's restore generation.
 */
final class SkuLedgerOutput implements SkuLedger.Output {
    private final LedgerCounts counts;
    private final long generation;
    private SourcedEvent current;
    private ApplyInventoryEventFunction.ReadOnlyContext keyedContext;
    private ApplyInventoryEventFunction.Context broadcastContext;
    private Collector<Availability> out;
    private ChannelAvailabilityPublisher channels;

    /** The category of the SKU whose request is in hand (its replies carry it), or null. */
    private String category;

    SkuLedgerOutput(LedgerCounts counts, long generation) {
        this.counts = counts;
        this.generation = generation;
    }

    /** Publishes available to sell per channel with each changed position. */
    void publishChannels(ChannelAvailabilityPublisher channels) {
        this.channels = channels;
    }

    /** Binds the record in hand and where the facts of applying it go. */
    void bind(
            SourcedEvent current,
            ApplyInventoryEventFunction.ReadOnlyContext ctx,
            Collector<Availability> out) {
        this.current = current;
        this.keyedContext = ctx;
        this.broadcastContext = null;
        this.out = out;
        this.category = null;
    }

    /**
     * The category of the SKU in hand (reference.skus), for the replies to its requests: routing
     * and quotes match sourcing rules' {@code category=} conditions against it.
     */
    void category(String category) {
        this.category = category;
    }

    /** Binds a broadcast context: the facts of a node's change. */
    void bindBroadcast(ApplyInventoryEventFunction.Context ctx, Collector<Availability> out) {
        this.current = null;
        this.keyedContext = null;
        this.broadcastContext = ctx;
        this.out = out;
        this.category = null;
    }

    private <X> void output(OutputTag<X> tag, X value) {
        if (keyedContext != null) {
            keyedContext.output(tag, value);
        } else {
            broadcastContext.output(tag, value);
        }
    }

    @Override
    public void availability(AvailabilityChange change) {
        counts.availabilityUpdates.inc();
        out.collect(LedgerRecords.availability(change, generation));
        if (channels != null) {
            try {
                channels.publish(change, record -> output(LedgerOutputs.CHANNELS, record));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("channel availability of " + change.sku(), e);
            }
        }
    }

    /**
     * The loaded SKU's figures on a channel that changed (bound to a broadcast context): see {@link
     * ChannelAvailabilityPublisher#republish}.
     */
    void channelChanged(String sku, Channel previous, Channel current) {
        if (channels != null) {
            channels.republish(
                    sku, previous, current, record -> output(LedgerOutputs.CHANNELS, record));
        }
    }

    @Override
    public void network(String sku, NetworkTotals totals, long eventTime) {
        output(LedgerOutputs.NETWORK, LedgerRecords.network(sku, totals, eventTime, generation));
    }

    @Override
    public void group(
            String sku, String group, GroupTotals.Figures figures, long changes, long eventTime) {
        output(
                LedgerOutputs.GROUPS,
                LedgerRecords.group(sku, group, figures, changes, eventTime, generation));
    }

    @Override
    public void discrepancy(CountDiscrepancy discrepancy) {
        counts.discrepancies.inc();
        output(LedgerOutputs.DISCREPANCIES, LedgerRecords.discrepancy(discrepancy));
    }

    @Override
    public void countCompared(InventoryEvent count, NodeInfo node, long expected, boolean matched) {
        output(
                LedgerOutputs.COUNT_CHECKS,
                LedgerRecords.countCheck(count, node, expected, matched));
    }

    @Override
    public void alert(StockAlert alert) {
        output(LedgerOutputs.ALERTS, LedgerRecords.alert(alert));
    }

    @Override
    public void projectedStockout(ProjectedStockout stockout) {
        output(LedgerOutputs.ALERTS, LedgerRecords.projectedStockout(stockout));
    }

    @Override
    public void rejected(InventoryEvent event, Rejection rejection) {
        output(
                LedgerOutputs.DEAD_LETTERS,
                current.toDeadLetter(rejection.reason(), rejection.message()));
    }

    @Override
    public void reply(StockReply reply) {
        if (reply.category == null) {
            reply.category = category;
        }
        output(LedgerOutputs.STOCK_REPLIES, SourcedEvent.of(reply));
    }

    @Override
    public void hold(HoldOutcome outcome) {
        output(LedgerOutputs.HOLD_EVENTS, LedgerRecords.holdEvent(outcome));
    }

    @Override
    public void returned(ReturnDisposition disposition) {
        counts.returnsTriaged.inc();
        output(LedgerOutputs.RETURN_DISPOSITIONS, disposition);
    }

    @Override
    public void movement(JournalEntry entry) {
        output(LedgerOutputs.MOVEMENTS, LedgerRecords.movement(entry, current, generation));
    }
}
