package io.omnistock.engine.functions;

import io.omnistock.avro.SourcingRuleSet;
import io.omnistock.contracts.AvroCodec;
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
 * Reads routing.rules into {@link RuleSetRecord}s and never throws: bytes that do not decode come
 * out as rejections carrying their original bytes, for {@link ParseSourcingRulesFunction} to
 * dead-letter.
 */
public class RuleSetDeserializationSchema
        implements KafkaRecordDeserializationSchema<RuleSetRecord> {
    private static final long serialVersionUID = 1L;

    private transient AvroCodec<SourcingRuleSet> codec;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec = Topics.ROUTING_RULES.codec();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleSetRecord> out) {
        RuleSetRecord read = new RuleSetRecord();
        read.topic = record.topic();
        read.partition = record.partition();
        read.offset = record.offset();
        read.recordTimestamp = record.timestamp();
        read.key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        read.bytes = record.value() == null ? new byte[0] : record.value();
        Header schema = record.headers().lastHeader(WriterSchemas.HEADER);
        String writer =
                schema == null || schema.value() == null
                        ? null
                        : new String(schema.value(), StandardCharsets.UTF_8);
        try {
            SourcingRuleSet set = codec.decode(read.bytes, writer);
            read.ruleSetId = set.getRuleSetId();
            read.version = set.getVersion();
            read.text = set.getText();
            read.author = set.getAuthor();
        } catch (DecodeException e) {
            read.rejection = e.reason();
            read.rejectionMessage = e.getMessage();
        }
        out.collect(read);
    }

    @Override
    public TypeInformation<RuleSetRecord> getProducedType() {
        return TypeInformation.of(RuleSetRecord.class);
    }
}
