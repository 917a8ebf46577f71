package io.omnistock.bench.e2e;

import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.QuoteStatus;
import io.omnistock.connectors.AvroCodec;
import io.omnistock.connectors.Topics;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code quotes.responses} as the web shop would ({@code read_uncommitted}: the job runs
 * at-least-once): each response is matched by its request's event id to the quote that asked, and
 * the time from that quote's scheduled send to the {@code poll} that returned the response is one
 * latency sample. Counts responses by status and the options of the OK ones. Starts at the end of
 * the topic.
 */
final class QuoteWatcher implements AutoCloseable {
    private record Expected(long sentNanos, LatencySamples samples) {}

    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicLong read = new AtomicLong();
    private final Map<QuoteStatus, Long> byStatus = new EnumMap<>(QuoteStatus.class);
    private long options;
    private volatile boolean running = true;
    private volatile Exception failure;

    QuoteWatcher(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-quote-responses");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions =
                consumer.partitionsFor(Topics.QUOTE_RESPONSES.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::run, "bench-quote-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Registers a quote before it is sent; {@code samples} null for a warm-up quote. */
    void expect(String requestEventId, long sentNanos, LatencySamples samples) {
        expected.put(requestEventId, new Expected(sentNanos, samples));
    }

    /** Waits until it has read at least {@code count} responses since it started. */
    void awaitResponses(long count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (read.get() < count) {
            rethrowFailure();
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        String.format("read %,d of %,d quote responses", read.get(), count));
            }
            Thread.sleep(20);
        }
        rethrowFailure();
    }

    synchronized long count(QuoteStatus status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /** Options per OK response. */
    synchronized double optionsPerAnsweredQuote() {
        long ok = count(QuoteStatus.OK);
        return ok == 0 ? 0 : (double) options / ok;
    }

    private void run() {
        AvroCodec<QuoteResponse> codec = Topics.QUOTE_RESPONSES.codec();
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> r : records) {
                    QuoteResponse response = codec.decode(r.value());
                    Expected e = expected.remove(response.getRequestEventId());
                    if (e != null && e.samples() != null) {
                        e.samples().add(now - e.sentNanos());
                    }
                    synchronized (this) {
                        byStatus.merge(response.getStatus(), 1L, Long::sum);
                        if (response.getStatus() == QuoteStatus.OK) {
                            options += response.getOptions().size();
                        }
                    }
                    read.incrementAndGet();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Exception e) {
            failure = e;
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void rethrowFailure() throws Exception {
        if (failure != null) {
            throw new IllegalStateException("the quote watcher failed", failure);
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
        rethrowFailure();
    }
}
