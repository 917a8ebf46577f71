package io.omnistock.serving;

import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the engine for delivery quotes: writes a {@link QuoteRequest} to {@code quotes.requests} and
 * completes its future with the {@link QuoteResponse} of the same {@code requestId} read from
 * {@code quotes.responses} (a {@code read_committed} consumer on every partition, from the end
 * offsets it had when the client became ready). A future not answered within the timeout fails with
 * a {@link java.util.concurrent.TimeoutException}.
 */
public final class QuoteClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuoteClient.class);
    private static final Duration POLL = Duration.ofMillis(100);

    /** Why a quote was not asked. */
    public static final class NotAsked extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        NotAsked(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status that says it: 409 for a request id in flight, else 503. */
        public int status() {
            return status;
        }
    }

    private final Properties consumerProperties;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroCodec<QuoteRequest> requestCodec = Topics.QUOTE_REQUESTS.codec();
    private final AvroCodec<QuoteResponse> responseCodec = Topics.QUOTE_RESPONSES.codec();
    private final ConcurrentHashMap<String, CompletableFuture<QuoteResponse>> pending =
            new ConcurrentHashMap<>();
    private final Duration timeout;
    private final int maxInFlight;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean ready;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public QuoteClient(Properties clientProperties, Duration timeout, int maxInFlight) {
        this.timeout = timeout;
        this.maxInFlight = maxInFlight;
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // a missing broker fails the send within the quote's timeout instead of blocking
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "omnistock-serving-quotes");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.consumerProperties = new Properties();
        consumerProperties.putAll(clientProperties);
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProperties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        consumerProperties.putIfAbsent(
                ConsumerConfig.CLIENT_ID_CONFIG, "omnistock-serving-quote-responses");
        this.thread = new Thread(this::run, "omnistock-serving-quote-responses");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True once responses are being read (a request asked before could miss its answer). */
    public boolean ready() {
        return ready;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Sends {@code request}; the future completes with its response, or fails with a {@code
     * TimeoutException} after the timeout or with the producer's error.
     *
     * @throws NotAsked when the client is not ready, too many quotes are in flight, or the request
     *     id is already in flight
     */
    public CompletableFuture<QuoteResponse> ask(QuoteRequest request) {
        if (!ready) {
            throw new NotAsked(503, "not reading quotes.responses yet; retry shortly");
        }
        if (pending.size() >= maxInFlight) {
            throw new NotAsked(503, maxInFlight + " quotes in flight; retry shortly");
        }
        String id = request.getRequestId();
        CompletableFuture<QuoteResponse> answer = new CompletableFuture<>();
        if (pending.putIfAbsent(id, answer) != null) {
            throw new NotAsked(409, "a quote with requestId '" + id + "' is already in flight");
        }
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> pending.remove(id, answer));
        byte[] value;
        synchronized (requestCodec) {
            value = requestCodec.encode(request);
        }
        try {
            producer.send(
                    new ProducerRecord<>(Topics.QUOTE_REQUESTS.name(), id, value),
                    (meta, e) -> {
                        if (e != null) {
                            answer.completeExceptionally(e);
                        }
                    });
        } catch (KafkaException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c =
                    new KafkaConsumer<>(
                            consumerProperties,
                            new StringDeserializer(),
                            new ByteArrayDeserializer())) {
                consumer = c;
                if (!running) {
                    return;
                }
                List<PartitionInfo> infos = c.partitionsFor(Topics.QUOTE_RESPONSES.name());
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException(
                            "topic " + Topics.QUOTE_RESPONSES.name() + " does not exist (yet)");
                }
                List<TopicPartition> partitions =
                        infos.stream()
                                .map(i -> new TopicPartition(i.topic(), i.partition()))
                                .toList();
                c.assign(partitions);
                c.seekToEnd(partitions);
                partitions.forEach(c::position); // fix the start before saying ready
                ready = true;
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                        answer(r);
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (KafkaException | IllegalStateException e) {
                ready = false;
                if (running) {
                    LOG.warn("Reading quotes.responses failed; retrying", e);
                    try {
                        closed.await(2, TimeUnit.SECONDS); // a back-off
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private void answer(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null || r.key() == null || !pending.containsKey(r.key())) {
            return; // another client's answer
        }
        try {
            QuoteResponse response = responseCodec.decode(r.value());
            CompletableFuture<QuoteResponse> f = pending.get(response.getRequestId());
            if (f != null) {
                f.complete(response);
            }
        } catch (DecodeException e) {
            LOG.warn("A quote response for {} does not decode: {}", r.key(), e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        closed.countDown();
        thread.join(10_000);
        producer.close(Duration.ofSeconds(5));
    }
}
