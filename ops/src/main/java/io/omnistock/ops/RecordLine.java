package io.omnistock.ops;

import java.time.Instant;

/**
 * One line of {@code omnistock tail}: where the record is, its Kafka timestamp, its key, and its
 * value as JSON ({@link RecordJson}) (or why it could not be decoded).
 */
final class RecordLine {
    private RecordLine() {}

    static String of(String position, long timestamp, String key, String value) {
        return position + ' ' + Instant.ofEpochMilli(timestamp) + " key=" + key + ' ' + value;
    }
}
