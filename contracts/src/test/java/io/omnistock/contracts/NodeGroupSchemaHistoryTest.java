package io.omnistock.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Node groups appended {@code groups} to NodeRecord and {@code nodeGroup} to OrderRequest and
 * QuoteRequest: producers still on the version before (v1 in the schema history) send its
 * fingerprint in the {@code omnistock.schema} header and are read with the defaults.
 */
class NodeGroupSchemaHistoryTest {
    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void theVersionsBeforeNodeGroupsAreKnownAndLackOnlyTheAppendedField() {
        assertV1(NodeRecord.class, "groups");
        assertV1(OrderRequest.class, "nodeGroup");
        assertV1(QuoteRequest.class, "nodeGroup");
    }

    @Test
    void aNodeRecordWrittenBeforeGroupsIsReadWithNone() throws Exception {
        NodeRecord node = node(List.of());

        NodeRecord read =
                Topics.NODES.codec().decode(writeAsV1(node), header(v1(NodeRecord.class)));

        assertThat(read).isEqualTo(node);
        assertThat(read.getGroups()).isEmpty();
    }

    @Test
    void anOrderOrQuoteWrittenBeforeNodeGroupsNamesNone() throws Exception {
        OrderRequest order = order(null);
        QuoteRequest quote = quote();

        assertThat(
                        Topics.ORDER_REQUESTS
                                .codec()
                                .decode(writeAsV1(order), header(v1(OrderRequest.class))))
                .isEqualTo(order);
        assertThat(
                        Topics.QUOTE_REQUESTS
                                .codec()
                                .decode(writeAsV1(quote), header(v1(QuoteRequest.class))))
                .isEqualTo(quote);
    }

    @Test
    void theCurrentVersionCarriesTheGroups() throws Exception {
        NodeRecord node = node(List.of("BRAND-A", "UK-SOUTH"));
        OrderRequest order = order("BRAND-A");

        assertThat(Topics.NODES.codec().decode(Topics.NODES.codec().encode(node))).isEqualTo(node);
        assertThat(
                        Topics.ORDER_REQUESTS
                                .codec()
                                .decode(Topics.ORDER_REQUESTS.codec().encode(order))
                                .getNodeGroup())
                .isEqualTo("BRAND-A");
    }

    @Test
    void withoutTheHeaderAnOrderOfTheVersionBeforeRunsOutOfBytes() throws Exception {
        DecodeException e =
                catchThrowableOfType(
                        DecodeException.class,
                        () -> Topics.ORDER_REQUESTS.codec().decode(writeAsV1(order(null)), null));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE);
    }

    private static void assertV1(Class<? extends SpecificRecord> type, String appended) {
        Schema current = SpecificData.get().getSchema(type);
        Schema v1 = v1(type);
        assertThat(v1.getField(appended)).isNull();
        // v1 is the current record up to the appended field (holds appended holdIds after it)
        int appendedAt = current.getField(appended).pos();
        assertThat(v1.getFields()).hasSize(appendedAt);
        for (Schema.Field field : v1.getFields()) {
            assertThat(current.getField(field.name()).pos()).isEqualTo(field.pos());
        }
        assertThat(WriterSchemas.known().find(WriterSchemas.parseHeader(header(v1)))).isEqualTo(v1);
    }

    private static Schema v1(Class<? extends SpecificRecord> type) {
        return WriterSchemas.history(type).get(0);
    }

    private static String header(Schema schema) {
        return WriterSchemas.headerValue(schema);
    }

    /** The record's bytes as a producer on v1 writes them (its last field left out). */
    private static <T extends SpecificRecord> byte[] writeAsV1(T record) throws IOException {
        Schema v1 = v1(record.getClass());
        SpecificDatumWriter<T> writer =
                new SpecificDatumWriter<>(v1, SpecificData.getForClass(record.getClass()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }

    private static NodeRecord node(List<String> groups) {
        return NodeRecord.newBuilder()
                .setEventId("node-S1")
                .setEventTime(AT)
                .setNodeId("S1")
                .setType(NodeType.STORE)
                .setLatitude(51.5)
                .setLongitude(-0.12)
                .setRegion("UK-LONDON")
                .setStatus(NodeStatus.OPEN)
                .setFulfilmentMethods(List.of(FulfilmentMethod.BOPIS))
                .setGroups(groups)
                .build();
    }

    private static OrderRequest order(String group) {
        return OrderRequest.newBuilder()
                .setEventId("o-1")
                .setEventTime(AT)
                .setOrderId("O-1")
                .setChannel("WEB")
                .setLines(List.of(new OrderLine("SKU-1", 2)))
                .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                .setDestinationLatitude(51.5)
                .setDestinationLongitude(-0.1)
                .setPromiseBy(AT.plusSeconds(86_400))
                .setNodeGroup(group)
                .build();
    }

    private static QuoteRequest quote() {
        return QuoteRequest.newBuilder()
                .setEventId("q-1")
                .setEventTime(AT)
                .setRequestId("Q-1")
                .setChannel("APP")
                .setLines(List.of(new OrderLine("SKU-1", 1)))
                .setDestinationLatitude(51.5)
                .setDestinationLongitude(-0.1)
                .build();
    }
}
