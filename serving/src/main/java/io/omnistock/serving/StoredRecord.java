package io.omnistock.serving;

/**
 * The compact form the service holds one record in: the Avro bytes of the value (the topic's
 * current schema, decoded again per request) with the fields a reader needs without decoding.
 *
 * @param version the record's {@code version} field
 * @param eventTime the record's {@code eventTime} field, epoch milliseconds
 * @param kafkaTimestamp the Kafka record's timestamp, epoch milliseconds
 * @param avro the value, Avro binary of the topic's current schema
 */
public record StoredRecord(long version, long eventTime, long kafkaTimestamp, byte[] avro) {}
