package io.omnistock.engine.functions;

import io.omnistock.domain.channels.Channel;
import org.apache.flink.api.common.state.BroadcastState;

/**
 * The sales-channel role of {@link ApplyInventoryEventFunction}: keeps the channels of
 * reference.channels in the broadcast state {@code channels} on every subtask, the newest version
 * per channel (a removal included, so an older version arriving later cannot bring the channel
 * back). A change bounds the orders, quotes and holds that name the channel from the next one on;
 * the published figures of a position follow at its next change.
 */
final class ChannelHandler {

    /** A channel's definition or removal (broadcast). */
    void onChannel(Channel channel, ApplyInventoryEventFunction.Context ctx) throws Exception {
        BroadcastState<String, Channel> channels =
                ctx.getBroadcastState(ApplyInventoryEventFunction.CHANNELS);
        if (channel.supersedes(channels.get(channel.id))) {
            channels.put(channel.id, channel);
        }
    }
}
