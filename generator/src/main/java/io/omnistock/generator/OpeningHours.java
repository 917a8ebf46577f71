package io.omnistock.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Daily local trading hours of one process at one node. Queries must come in non-decreasing time
 * (one instance per process), which lets it cache the current window.
 */
final class OpeningHours {
    private final ZoneId zone;
    private final int openHour;
    private final int closeHour;
    private long windowStart = Long.MIN_VALUE;
    private long windowEnd = Long.MIN_VALUE;

    /**
     * Open from {@code openHour}:00 to {@code closeHour}:00 local time every day (0-24: always).
     */
    OpeningHours(ZoneId zone, int openHour, int closeHour) {
        if (openHour < 0 || closeHour > 24 || openHour >= closeHour) {
            throw new IllegalArgumentException("bad hours " + openHour + "-" + closeHour);
        }
        this.zone = zone;
        this.openHour = openHour;
        this.closeHour = closeHour;
    }

    /** {@code time} when open then, else the next opening time. */
    long nextOpen(long time) {
        if (time >= windowEnd) {
            LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(time), zone);
            moveTo(day);
            if (time >= windowEnd) {
                moveTo(day.plusDays(1));
            }
        }
        return Math.max(time, windowStart);
    }

    private void moveTo(LocalDate day) {
        windowStart = day.atTime(openHour, 0).atZone(zone).toInstant().toEpochMilli();
        windowEnd =
                (closeHour == 24
                                ? day.plusDays(1).atStartOfDay(zone)
                                : day.atTime(closeHour, 0).atZone(zone))
                        .toInstant()
                        .toEpochMilli();
    }
}
