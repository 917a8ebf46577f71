package io.omnistock.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.InboundPromise;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.ReservationAction;
import io.omnistock.avro.ReservationRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.SourceSystem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Inbound promises (docs/concepts/inbound-promises.md) appended {@code allowFutureSupply} to
 * OrderRequest, {@code futureAtp} to Availability, {@code promiseBy} (and the PROMISE action) to
 * ReservationRequest, {@code preOrderFrom} to QuoteResponse, and {@code asnId} and {@code reserved}
 * to RoutingDecision's InboundPromise: the versions before are in the schema history, known by
 * their fingerprint, and records written with them read with the defaults (no future supply, no
 * future ATP, unreserved promises).
 */
class InboundPromisesSchemaHistoryTest {
    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void theVersionsBeforeInboundPromisesAreKnownAndLackOnlyTheAppendedFields() {
        assertAppended(OrderRequest.class, "allowFutureSupply");
        assertAppended(Availability.class, "futureAtp");
        assertAppended(ReservationRequest.class, "promiseBy");
        assertAppended(QuoteResponse.class, "preOrderFrom");
        Schema before = before(RoutingDecision.class);
        Schema promiseBefore = before.getField("inboundPromises").schema().getElementType();
        Schema promiseNow = InboundPromise.getClassSchema();
        assertThat(promiseNow.getFields()).hasSize(promiseBefore.getFields().size() + 2);
        assertThat(promiseBefore.getField("asnId")).isNull();
        assertThat(promiseNow.getField("asnId").pos()).isEqualTo(4);
        assertThat(promiseNow.getField("reserved").pos()).isEqualTo(5);
        assertKnown(before);
        assertThat(before(ReservationRequest.class).getField("action").schema().getEnumSymbols())
                .doesNotContain("PROMISE");
        assertThat(ReservationAction.PROMISE.ordinal())
                .as("appended: an older reader maps it to the default, UNKNOWN")
                .isEqualTo(ReservationAction.values().length - 1);
    }

    @Test
    void anOrderWrittenBeforeAllowsNoFutureSupply() throws Exception {
        OrderRequest order =
                OrderRequest.newBuilder()
                        .setEventId("o-1")
                        .setEventTime(AT)
                        .setOrderId("O-1")
                        .setChannel("WEB")
                        .setLines(List.of(new OrderLine("SKU-1", 2)))
                        .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                        .setDestinationLatitude(51.5)
                        .setDestinationLongitude(-0.1)
                        .setPromiseBy(AT.plusSeconds(86_400))
                        .build();
        Schema before = before(OrderRequest.class);

        OrderRequest read =
                Topics.ORDER_REQUESTS
                        .codec()
                        .decode(writeAs(before, order), WriterSchemas.headerValue(before));

        assertThat(read).isEqualTo(order);
        assertThat(read.getAllowFutureSupply()).isFalse();
    }

    @Test
    void anAvailabilityWrittenBeforeHasNoFutureAtp() throws Exception {
        Availability a =
                Availability.newBuilder()
                        .setEventId("SKU-1|DC-1|1")
                        .setEventTime(AT)
                        .setSku("SKU-1")
                        .setNodeId("DC-1")
                        .setNodeType(NodeType.DC)
                        .setOnHand(10)
                        .setInTransit(4)
                        .setSafetyStock(1)
                        .setAtp(9)
                        .setVersion(1)
                        .setLastSource(SourceSystem.WMS)
                        .setLastEventId("r-1")
                        .build();
        Schema before = before(Availability.class);

        Availability read =
                Topics.AVAILABILITY
                        .codec()
                        .decode(writeAs(before, a), WriterSchemas.headerValue(before));

        assertThat(read).isEqualTo(a);
        assertThat(read.getFutureAtp()).isEmpty();
    }

    private static void assertAppended(Class<? extends SpecificRecord> type, String field) {
        Schema before = before(type);
        Schema now = SpecificData.get().getSchema(type);
        assertThat(before.getField(field)).isNull();
        assertThat(now.getField(field).pos()).isEqualTo(now.getFields().size() - 1);
        assertThat(before.getFields()).hasSize(now.getFields().size() - 1);
        assertKnown(before);
    }

    private static void assertKnown(Schema schema) {
        assertThat(
                        WriterSchemas.known()
                                .find(WriterSchemas.parseHeader(WriterSchemas.headerValue(schema))))
                .isEqualTo(schema);
    }

    /** The newest history version: the one before inbound promises appended their fields. */
    private static Schema before(Class<? extends SpecificRecord> type) {
        List<Schema> history = new ArrayList<>(WriterSchemas.history(type));
        return history.get(history.size() - 1);
    }

    private static <T extends SpecificRecord> byte[] writeAs(Schema writerSchema, T record)
            throws IOException {
        SpecificDatumWriter<T> writer =
                new SpecificDatumWriter<>(
                        writerSchema, SpecificData.getForClass(record.getClass()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }
}
