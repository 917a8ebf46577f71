package io.omnistock.analytics.functions;

import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.RoutingDecision;

/**
 * One record of the analytics job's input topics, decoded: exactly one field is set, the record of
 * its topic or, when it did not decode, the dead letter that says why. A Flink POJO whose fields
 * are Avro records (serialized by Flink's Avro serializer, never Kryo).
 */
public class AnalyticsInput {
    public RoutingDecision decision;
    public ReturnDisposition disposition;
    public CountCheck countCheck;

    /** A record of the {@code deadletter} topic: a fact to count. */
    public DeadLetter deadLetter;

    /** This record did not decode: bound for the {@code deadletter} topic. */
    public DeadLetter rejected;

    public AnalyticsInput() {}
}
