package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.ledger.domain.NodeInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Savepoints taken before node groups restore. NodeInfo (the broadcast state {@code nodes}, and
 * nested in the held and pending SourcedEvents) gained {@code groups}; OrderRequest and
 * QuoteRequest gained {@code nodeGroup}. The test resources were written by the code before node
 * groups: the serializer snapshots as a savepoint stores them, and one record each as that
 * serializer wrote it.
 */
class NodeGroupStateMigrationTest {
    private static final SerializerConfigImpl NO_GENERIC_TYPES = new SerializerConfigImpl();

    static {
        NO_GENERIC_TYPES.setGenericTypes(false);
    }

    @Test
    void broadcastNodesFromBeforeGroupsRestoreWithNoGroups() throws Exception {
        TypeSerializerSnapshot<NodeInfo> old = snapshot("node-info-v1.snapshot");
        TypeSerializer<NodeInfo> current =
                TypeInformation.of(NodeInfo.class).createSerializer(NO_GENERIC_TYPES);

        // a POJO that gained a field: its state is read with the old layout and rewritten
        assertThat(
                        current.snapshotConfiguration()
                                .resolveSchemaCompatibility(old)
                                .isCompatibleAfterMigration())
                .isTrue();
        NodeInfo restored =
                old.restoreSerializer()
                        .deserialize(new DataInputDeserializer(bytes("node-info-v1.record")));

        NodeInfo expected =
                new NodeInfo("S-7", NodeType.STORE, NodeStatus.OPEN, 2)
                        .located(
                                51.5,
                                -0.12,
                                "UK-LONDON",
                                40,
                                3.5,
                                List.of(FulfilmentMethod.BOPIS, FulfilmentMethod.SHIP_FROM_STORE));
        expected.updatedAt = 1_700_000_000_000L;
        assertThat(restored).usingRecursiveComparison().isEqualTo(expected);
        assertThat(restored.groups).isEmpty();
        assertThat(restored.inGroup("BRAND-A")).isFalse();

        // written again with the current serializer, with a group, it reads back whole
        restored.groups.add("BRAND-A");
        DataOutputSerializer out = new DataOutputSerializer(128);
        current.serialize(restored, out);
        assertThat(current.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .usingRecursiveComparison()
                .isEqualTo(restored);
    }

    @Test
    void heldOrdersFromBeforeNodeGroupsRestoreNamingNoGroup() throws Exception {
        TypeSerializerSnapshot<SourcedEvent> old = snapshot("sourced-event-v2.snapshot");
        TypeSerializer<SourcedEvent> current =
                TypeInformation.of(SourcedEvent.class).createSerializer(NO_GENERIC_TYPES);

        // the nested NodeInfo, OrderRequest and QuoteRequest serializers migrate
        assertThat(
                        current.snapshotConfiguration()
                                .resolveSchemaCompatibility(old)
                                .isCompatibleAfterMigration())
                .isTrue();
        SourcedEvent held =
                old.restoreSerializer()
                        .deserialize(
                                new DataInputDeserializer(bytes("sourced-event-v2-order.record")));

        assertThat(held.topic).isEqualTo("orders.requests");
        assertThat(held.order)
                .isEqualTo(
                        OrderRequest.newBuilder()
                                .setEventId("o-1")
                                .setEventTime(Instant.ofEpochMilli(1_000))
                                .setOrderId("ORDER-1")
                                .setChannel("WEB")
                                .setLines(List.of(new OrderLine("SKU-1", 2)))
                                .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                                .setDestinationLatitude(51.5)
                                .setDestinationLongitude(-0.1)
                                .setPromiseBy(Instant.ofEpochMilli(90_000_000))
                                .build());
        assertThat(held.order.getNodeGroup()).isNull();
        DataOutputSerializer out = new DataOutputSerializer(256);
        current.serialize(held, out);
        assertThat(current.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .usingRecursiveComparison()
                .isEqualTo(held);
    }

    private static <T> TypeSerializerSnapshot<T> snapshot(String name) throws IOException {
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(bytes(name)),
                NodeGroupStateMigrationTest.class.getClassLoader());
    }

    private static byte[] bytes(String name) throws IOException {
        try (var in =
                NodeGroupStateMigrationTest.class.getResourceAsStream(
                        "/serializer-snapshots/" + name)) {
            return in.readAllBytes();
        }
    }
}
