package io.omnistock.analytics.functions;

import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DeadLetters;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import io.omnistock.contracts.WriterSchemas;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads the analytics job's input topics ({@link Topics#ANALYTICS_INPUTS}) into {@link
 * AnalyticsInput}s and never throws: a record that does not decode comes out as a dead letter with
 * its original bytes, like the ledger job's rejections. The keys are not checked: the metric
 * windows do not read them.
 */
public class AnalyticsDeserializationSchema
        implements KafkaRecordDeserializationSchema<AnalyticsInput> {
    private static final long serialVersionUID = 1L;

    private transient AvroCodec<RoutingDecision> decisions;
    private transient AvroCodec<ReturnDisposition> dispositions;
    private transient AvroCodec<CountCheck> countChecks;
    private transient AvroCodec<DeadLetter> deadLetters;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        decisions = Topics.DECISIONS.codec();
        dispositions = Topics.RETURN_DISPOSITIONS.codec();
        countChecks = Topics.COUNT_CHECKS.codec();
        deadLetters = Topics.DEADLETTER.codec();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<AnalyticsInput> out) {
        AnalyticsInput input = new AnalyticsInput();
        Header schema = record.headers().lastHeader(WriterSchemas.HEADER);
        String writer =
                schema == null || schema.value() == null
                        ? null
                        : new String(schema.value(), StandardCharsets.UTF_8);
        try {
            read(input, record.topic(), record.value(), writer);
        } catch (DecodeException e) {
            input.rejected =
                    DeadLetters.of(
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.timestamp(),
                            record.key() == null
                                    ? null
                                    : new String(record.key(), StandardCharsets.UTF_8),
                            e.reason(),
                            e.getMessage(),
                            record.value());
        }
        out.collect(input);
    }

    private void read(AnalyticsInput input, String topic, byte[] bytes, String writer)
            throws DecodeException {
        if (topic.equals(Topics.DECISIONS.name())) {
            input.decision = decisions.decode(bytes, writer);
        } else if (topic.equals(Topics.RETURN_DISPOSITIONS.name())) {
            input.disposition = dispositions.decode(bytes, writer);
        } else if (topic.equals(Topics.COUNT_CHECKS.name())) {
            input.countCheck = countChecks.decode(bytes, writer);
        } else if (topic.equals(Topics.DEADLETTER.name())) {
            input.deadLetter = deadLetters.decode(bytes, writer);
        } else {
            throw new DecodeException(DeadLetterReason.UNKNOWN, "not an analytics topic: " + topic);
        }
    }

    @Override
    public TypeInformation<AnalyticsInput> getProducedType() {
        return TypeInformation.of(AnalyticsInput.class);
    }
}
