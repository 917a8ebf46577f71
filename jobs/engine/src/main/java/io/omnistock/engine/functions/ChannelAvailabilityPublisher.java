package io.omnistock.engine.functions;

import io.omnistock.avro.ChannelAvailability;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.channels.Channel;
import io.omnistock.domain.inventory.AvailabilityChange;
import io.omnistock.domain.inventory.Position;
import io.omnistock.ledger.domain.NodeInfo;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Available to sell per sales channel, published with each changed position (inventory
 * .availability.channels): for every channel defined on reference.channels, the position's ATS when
 * it differs from what the position's previous ATP gave (or on the position's first publication),
 * and then the SKU's network ATS on that channel (the sum over its OPEN nodes). Both are derived
 * from the ATP the ledger just published and the reference data, so no state is kept for them. With
 * no channel defined (the common case) it costs one look at the heap-held broadcast state per
 * published position. A channel's change republishes what it moved ({@link #republish}).
 */
final class ChannelAvailabilityPublisher {
    private final SkuKeyedState state;
    private final long generation;

    ChannelAvailabilityPublisher(SkuKeyedState state, long generation) {
        this.state = state;
        this.generation = generation;
    }

    /** Publishes the channel figures {@code change} moved, to {@code out}. */
    void publish(AvailabilityChange change, Consumer<ChannelAvailability> out) throws Exception {
        if (state.channels == null) {
            return;
        }
        Iterator<Map.Entry<String, Channel>> channels =
                state.channels.immutableEntries().iterator();
        if (!channels.hasNext()) {
            return; // no channel defined
        }
        String sku = change.sku();
        String category = state.category();
        Position p = change.position();
        NodeInfo node = change.node();
        long at = change.eventTime();
        boolean first = p.version == 1;
        while (channels.hasNext()) {
            Channel channel = channels.next().getValue();
            if (channel.removed) {
                continue;
            }
            long after = channel.ats(sku, category, node, p.publishedAtp, at);
            long before = channel.ats(sku, category, node, change.previousAtp(), at);
            if (!first && after == before) {
                continue; // this channel's figure did not move
            }
            boolean excluded = channel.excludes(sku, category, at);
            out.accept(
                    record(
                            sku,
                            change.nodeId(),
                            channel.id,
                            p.publishedAtp,
                            after,
                            excluded,
                            LedgerRecords.version(generation, p.version),
                            at));
            if (node.isOpen()) {
                long[] network = {p.publishedAtp, after}; // ATP, ATS; this node's first
                state.stock()
                        .forEach(
                                (nodeId, free, due) -> {
                                    if (nodeId.equals(change.nodeId())) {
                                        return; // counted with its new figures
                                    }
                                    NodeInfo other = state.node(nodeId);
                                    if (other != null && other.isOpen()) {
                                        long atp = Position.atp(free, state.safetyStock(other));
                                        network[0] += atp;
                                        network[1] += channel.ats(sku, category, other, atp, at);
                                    }
                                });
                out.accept(
                        record(
                                sku,
                                null,
                                channel.id,
                                network[0],
                                network[1],
                                excluded,
                                LedgerRecords.version(generation, state.totals().version),
                                at));
            }
        }
    }

    /**
     * After {@code current} replaced {@code previous} on reference.channels (null: a channel new to
     * this subtask), publishes the loaded SKU's figures on that channel that it moved: each
     * position whose ATS differs (every position when the channel is new), at the position's
     * version, then the SKU's network ATS on the channel at the totals' version, dated at the
     * channel record's time. A position's ATP does not change, so its version does not either: a
     * reader's "equal version replaces" takes the new figure. A removed channel publishes nothing.
     */
    void republish(
            String sku, Channel previous, Channel current, Consumer<ChannelAvailability> out) {
        if (current.removed) {
            return;
        }
        boolean wasDefined = previous != null && !previous.removed;
        String category = state.category();
        long at = current.updatedAt;
        boolean excluded = current.excludes(sku, category, at);
        long[] network = {0, 0, 0}; // ATP, ATS, positions whose figure moved
        state.stock()
                .forEach(
                        (nodeId, free, due) -> {
                            NodeInfo node = state.node(nodeId);
                            if (node == null) {
                                return;
                            }
                            long atp = Position.atp(free, state.safetyStock(node));
                            long after = current.ats(sku, category, node, atp, at);
                            if (!wasDefined
                                    || after != previous.ats(sku, category, node, atp, at)) {
                                network[2]++;
                                out.accept(
                                        record(
                                                sku,
                                                nodeId,
                                                current.id,
                                                atp,
                                                after,
                                                excluded,
                                                LedgerRecords.version(
                                                        generation, state.position(nodeId).version),
                                                at));
                            }
                            if (node.isOpen()) {
                                network[0] += atp;
                                network[1] += after;
                            }
                        });
        if (network[2] > 0) {
            out.accept(
                    record(
                            sku,
                            null,
                            current.id,
                            network[0],
                            network[1],
                            excluded,
                            LedgerRecords.version(generation, state.totals().version),
                            at));
        }
    }

    private static ChannelAvailability record(
            String sku,
            String nodeId,
            String channel,
            long atp,
            long ats,
            boolean excluded,
            long version,
            long eventTime) {
        ChannelAvailability a = new ChannelAvailability();
        a.setEventId(Topics.channelKey(sku, nodeId, channel) + '|' + version);
        a.setEventTime(Instant.ofEpochMilli(eventTime));
        a.setSku(sku);
        a.setNodeId(nodeId);
        a.setChannel(channel);
        a.setAtp(atp);
        a.setAts(ats);
        a.setExcluded(excluded);
        a.setVersion(version);
        return a;
    }
}
