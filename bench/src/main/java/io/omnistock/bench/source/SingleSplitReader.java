package io.omnistock.bench.source;

import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.engine.functions.InventoryDeserializationSchema;
import io.omnistock.engine.functions.SourcedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the one split a {@link SingleSplitSource} hands it: asks for it on start, waits for it,
 * then polls it ({@link #poll}) in the task thread, passing each record it makes through the ledger
 * job's own deserializer ({@link #emit}) to the reader output, as the Kafka source does. A subclass
 * says what a poll emits, how its split is copied into a checkpoint and, if not every {@code
 * idleMillis}, when it looks for more work again.
 */
public abstract class SingleSplitReader<S extends SourceSplit>
        implements SourceReader<SourcedEvent, S> {
    private final SourceReaderContext context;
    private final InventoryDeserializationSchema schema;
    private final long idleMillis;
    private final Forward forward = new Forward();
    private final CompletableFuture<Void> splitArrived = new CompletableFuture<>();

    private S split;
    private long offset;

    /**
     * @param schema the deserializer, opened
     * @param idleMillis how long a reader that has its split and nothing to emit waits to poll
     *     again
     */
    protected SingleSplitReader(
            SourceReaderContext context, InventoryDeserializationSchema schema, long idleMillis) {
        this.context = context;
        this.schema = schema;
        this.idleMillis = idleMillis;
    }

    /** The ledger job's deserializer with default settings, opened without a context. */
    protected static InventoryDeserializationSchema defaultSchema() {
        InventoryDeserializationSchema schema =
                new InventoryDeserializationSchema(LedgerSettings.defaults());
        schema.open(null);
        return schema;
    }

    /** Emits what there is to emit now from the split; {@link #emit} hands records to output. */
    protected abstract InputStatus poll(S split, ReaderOutput<SourcedEvent> output);

    /** A copy of the split as it stands, for a checkpoint. */
    protected abstract S copy(S split);

    /** A record of the topic at the next offset of partition 0, keyed by the UTF-8 of key. */
    protected final void emit(String topic, String key, byte[] value) {
        emit(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    protected final void emit(String topic, byte[] key, byte[] value) {
        emit(new ConsumerRecord<>(topic, 0, offset++, key, value));
    }

    protected final void emit(ConsumerRecord<byte[], byte[]> record) {
        schema.deserialize(record, forward);
    }

    /** Completes after the given time: when a reader with nothing to emit looks again. */
    protected static CompletableFuture<Void> after(long millis) {
        return CompletableFuture.runAsync(
                () -> {}, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }

    /** When the reader, which has its split and returned NOTHING_AVAILABLE, may poll again. */
    protected CompletableFuture<Void> idle() {
        return after(idleMillis);
    }

    @Override
    public final void start() {
        if (split == null) {
            context.sendSplitRequest();
        }
    }

    @Override
    public final InputStatus pollNext(ReaderOutput<SourcedEvent> output) {
        if (split == null) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        forward.output = output;
        return poll(split, output);
    }

    @Override
    public final List<S> snapshotState(long checkpointId) {
        return split == null ? List.of() : List.of(copy(split));
    }

    @Override
    public final CompletableFuture<Void> isAvailable() {
        return split == null ? splitArrived : idle();
    }

    @Override
    public final void addSplits(List<S> splits) {
        if (split != null || splits.size() != 1) {
            throw new IllegalStateException("one split per reader: " + splits.size() + " more");
        }
        split = splits.get(0);
        splitArrived.complete(null);
    }

    @Override
    public final void notifyNoMoreSplits() {}

    @Override
    public void close() {}

    /** Hands what the deserializer produces to the reader output. */
    private static final class Forward implements Collector<SourcedEvent> {
        ReaderOutput<SourcedEvent> output;

        @Override
        public void collect(SourcedEvent record) {
            output.collect(record);
        }

        @Override
        public void close() {}
    }
}
