package io.omnistock.domain.inventory;

/**
 * The id of an event applied at a position and not kept as a {@link BufferedDelta} (counts, ASNs,
 * superseded deltas, deltas a count made unnecessary), remembered within the horizon so a re-sent
 * copy is applied once (docs/design.md 3.5). A Flink POJO.
 */
public class RememberedEvent {
    public String eventId;
    public long eventTime;

    public RememberedEvent() {}

    RememberedEvent(String eventId, long eventTime) {
        this.eventId = eventId;
        this.eventTime = eventTime;
    }
}
