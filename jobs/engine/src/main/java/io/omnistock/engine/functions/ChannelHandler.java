package io.omnistock.engine.functions;

import io.omnistock.avro.Availability;
import io.omnistock.domain.channels.Channel;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.util.Collector;

/**
 * The sales-channel role of {@link ApplyInventoryEventFunction}: keeps the channels of
 * reference.channels in the broadcast state {@code channels} on every subtask, the newest version
 * per channel (a removal included, so an older version arriving later cannot bring the channel
 * back). A change bounds the orders, quotes and holds that name the channel from the next one on,
 * and republishes the figures it moved: it visits every SKU of the subtask with a position, as a
 * node-type safety-stock rule does. An effective date passing publishes nothing by itself; the
 * figures follow at each position's next change.
 */
final class ChannelHandler {
    private final SkuKeyedState state;
    private final SkuLedgerOutput output;

    ChannelHandler(SkuKeyedState state, SkuLedgerOutput output) {
        this.state = state;
        this.output = output;
    }

    /** A channel's definition or removal (broadcast). */
    void onChannel(
            Channel channel, ApplyInventoryEventFunction.Context ctx, Collector<Availability> out)
            throws Exception {
        BroadcastState<String, Channel> channels =
                ctx.getBroadcastState(ApplyInventoryEventFunction.CHANNELS);
        Channel previous = channels.get(channel.id);
        if (!channel.supersedes(previous)) {
            return;
        }
        channels.put(channel.id, channel);
        if (channel.removed) {
            return;
        }
        output.bindBroadcast(ctx, out);
        state.nodes = ctx.getBroadcastState(ApplyInventoryEventFunction.NODES);
        state.rules = ctx.getBroadcastState(ApplyInventoryEventFunction.SAFETY_STOCK_RULES);
        state.channels = channels;
        ctx.applyToKeyedState(
                ApplyInventoryEventFunction.POSITIONS,
                (sku, unused) -> {
                    state.load(sku);
                    output.channelChanged(sku, previous, channel);
                });
    }
}
