package io.omnistock.domain.channels;

/** The channels defined on reference.channels, by id (as orders, quotes and holds name them). */
@FunctionalInterface
public interface Channels {
    /** The channel with this id, removed or not, or null. */
    Channel get(String id);

    /** No channel defined. */
    Channels NONE = id -> null;

    /**
     * The channel an order, quote or hold naming {@code id} is limited by, or null when it takes
     * plain ATP (no id, an undefined or a removed channel).
     */
    default Channel limiting(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        Channel channel = get(id);
        return channel == null || channel.removed ? null : channel;
    }
}
