package io.omnistock.ledger.functions.serialization;

import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.engine.functions.SourcedEvent;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.TemporaryClassLoaderContext;

/**
 * The type of {@link SourcedEvent} streams and state: serialized by {@link SourcedEventSerializer}.
 * {@link SourcedEvent} names {@link Factory} in its {@code @TypeInfo}, so {@code
 * TypeInformation.of(SourcedEvent.class)} returns this.
 */
public final class SourcedEventTypeInfo extends TypeInformation<SourcedEvent> {
    private static final long serialVersionUID = 1L;

    /**
     * Extracts the parts' types with the job's class loader as the thread's context class loader.
     * On a cluster the job manager creates this serializer while it compiles the job graph, on a
     * thread whose context class loader is Flink's own; Flink looks flink-avro up through that
     * loader, so Avro records (here and inside {@link NodeInfo}) would fail with "Could not load
     * the AvroTypeInfo class" although the job jar holds flink-avro ({@code
     * StandaloneClusterITCase}).
     */
    @Override
    public TypeSerializer<SourcedEvent> createSerializer(SerializerConfig config) {
        try (TemporaryClassLoaderContext ignored =
                TemporaryClassLoaderContext.of(SourcedEventTypeInfo.class.getClassLoader())) {
            return new SourcedEventSerializer(
                    TypeInformation.of(NodeInfo.class).createSerializer(config),
                    TypeInformation.of(OrderRequest.class).createSerializer(config),
                    TypeInformation.of(OrderLifecycleEvent.class).createSerializer(config),
                    TypeInformation.of(StockRequest.class).createSerializer(config),
                    TypeInformation.of(StockReply.class).createSerializer(config),
                    TypeInformation.of(QuoteRequest.class).createSerializer(config));
        }
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<SourcedEvent> getTypeClass() {
        return SourcedEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public String toString() {
        return "SourcedEvent";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourcedEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return SourcedEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof SourcedEventTypeInfo;
    }

    /** Hands Flink's type extraction this type for {@link SourcedEvent}. */
    public static final class Factory extends TypeInfoFactory<SourcedEvent> {
        @Override
        public TypeInformation<SourcedEvent> createTypeInfo(
                Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new SourcedEventTypeInfo();
        }
    }
}
