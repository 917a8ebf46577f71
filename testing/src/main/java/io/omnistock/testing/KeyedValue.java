package io.omnistock.testing;

/**
 * One record read back from a topic: its string key, decoded value (null for a tombstone), Kafka
 * timestamp and position.
 */
public record KeyedValue<V>(String key, V value, long timestamp, int partition, long offset) {}
