package io.omnistock.domain.inventory;

/**
 * A delta seen within the horizon, kept so a late absolute count can be made exact (docs/design.md
 * 3.2) and a VOID can find its sale. A Flink POJO.
 */
public class BufferedDelta {
    public String eventId;
    public long eventTime;
    public EventType type;

    /** Signed change to on-hand. */
    public long delta;

    /** For a SALE: whether a VOID has reversed it. */
    public boolean voided;

    public BufferedDelta() {}

    BufferedDelta(String eventId, long eventTime, EventType type, long delta) {
        this.eventId = eventId;
        this.eventTime = eventTime;
        this.type = type;
        this.delta = delta;
    }
}
