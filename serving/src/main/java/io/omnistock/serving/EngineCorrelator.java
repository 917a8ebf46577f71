package io.omnistock.serving;

import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request to the engine and its answer, matched by id: writes a request of type {@code Q} to its
 * input topic and completes the request's future with the first record of type {@code R} on the
 * answer topic that carries the same correlation id. The answers are read by a {@code
 * read_committed} consumer on every partition, from the end offsets it had when the correlator
 * became ready, on a thread of its own. A future not answered within the timeout fails with a
 * {@link java.util.concurrent.TimeoutException}; a request the producer cannot send fails with the
 * producer's error (a missing broker fails the send within the timeout, never blocking the caller
 * longer). Used by {@link QuoteClient} and {@link HoldClient}.
 *
 * @param <Q> the request's Avro type
 * @param <R> the answer's Avro type
 */
final class EngineCorrelator<Q extends SpecificRecord, R extends SpecificRecord>
        implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineCorrelator.class);
    private static final Duration POLL = Duration.ofMillis(100);

    /** Why a request was not sent. */
    static final class NotAsked extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        NotAsked(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status that says it: 409 for a correlation id in flight, else 503. */
        int status() {
            return status;
        }
    }

    /**
     * How one kind of request is matched with its answer.
     *
     * @param noun what a request is called in messages ("quote", "hold request")
     * @param idName what its correlation id is called in messages ("requestId")
     * @param requests the topic requests are written to
     * @param answers the topic answers are read from
     * @param requestKey the Kafka key a request is written under
     * @param requestId a request's correlation id
     * @param answerKey the Kafka key its answer will arrive under (answers under other keys are not
     *     decoded)
     * @param answerId an answer's correlation id (the id of the request it answers, or null)
     * @param producerId the producer's Kafka client id
     * @param readerId the answer consumer's Kafka client id and its thread's name
     */
    record Route<Q extends SpecificRecord, R extends SpecificRecord>(
            String noun,
            String idName,
            TopicSpec<Q> requests,
            TopicSpec<R> answers,
            Function<Q, String> requestKey,
            Function<Q, String> requestId,
            Function<Q, String> answerKey,
            Function<R, String> answerId,
            String producerId,
            String readerId) {}

    private final Route<Q, R> route;
    private final Properties consumerProperties;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroCodec<Q> requestCodec;
    private final AvroCodec<R> answerCodec;
    private final ConcurrentHashMap<String, CompletableFuture<R>> pending =
            new ConcurrentHashMap<>();

    /** Answer keys awaited, with how many requests await each. */
    private final ConcurrentHashMap<String, Integer> awaitedKeys = new ConcurrentHashMap<>();

    private final Duration timeout;
    private final int maxInFlight;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean ready;
    private volatile KafkaConsumer<String, byte[]> consumer;

    EngineCorrelator(
            Route<Q, R> route, Properties clientProperties, Duration timeout, int maxInFlight) {
        this.route = route;
        this.timeout = timeout;
        this.maxInFlight = maxInFlight;
        this.requestCodec = route.requests().codec();
        this.answerCodec = route.answers().codec();
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // a missing broker fails the send within the request's timeout instead of blocking
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, route.producerId());
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.consumerProperties = new Properties();
        consumerProperties.putAll(clientProperties);
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProperties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        consumerProperties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, route.readerId());
        this.thread = new Thread(this::run, route.readerId());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True once answers are being read (a request sent before could miss its answer). */
    boolean ready() {
        return ready;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Sends {@code request}; the future completes with its answer, or fails with a {@code
     * TimeoutException} after the timeout or with the producer's error.
     *
     * @throws NotAsked when the correlator is not ready, too many requests are in flight, or the
     *     correlation id is already in flight
     */
    CompletableFuture<R> ask(Q request) {
        if (!ready) {
            throw new NotAsked(
                    503, "not reading " + route.answers().name() + " yet; retry shortly");
        }
        if (pending.size() >= maxInFlight) {
            throw new NotAsked(
                    503, maxInFlight + " " + route.noun() + "s in flight; retry shortly");
        }
        String id = route.requestId().apply(request);
        String answerKey = route.answerKey().apply(request);
        CompletableFuture<R> answer = new CompletableFuture<>();
        if (pending.putIfAbsent(id, answer) != null) {
            throw new NotAsked(
                    409,
                    "a "
                            + route.noun()
                            + " with "
                            + route.idName()
                            + " '"
                            + id
                            + "' is already in flight");
        }
        awaitedKeys.merge(answerKey, 1, Integer::sum);
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete(
                        (r, e) -> {
                            pending.remove(id, answer);
                            awaitedKeys.computeIfPresent(
                                    answerKey, (k, n) -> n == 1 ? null : n - 1);
                        });
        byte[] value;
        synchronized (requestCodec) {
            value = requestCodec.encode(request);
        }
        try {
            producer.send(
                    new ProducerRecord<>(
                            route.requests().name(), route.requestKey().apply(request), value),
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
        String topic = route.answers().name();
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
                List<TopicPartition> partitions = TopicPartitions.of(c, topic);
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
                    LOG.warn("Reading {} failed; retrying", topic, e);
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
        if (r.value() == null || r.key() == null || !awaitedKeys.containsKey(r.key())) {
            return; // another client's answer
        }
        try {
            R answer = answerCodec.decode(r.value());
            String id = route.answerId().apply(answer);
            CompletableFuture<R> f = id == null ? null : pending.get(id);
            if (f != null) {
                f.complete(answer);
            }
        } catch (DecodeException e) {
            LOG.warn(
                    "An answer on {} for {} does not decode: {}",
                    route.answers().name(),
                    r.key(),
                    e.getMessage());
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
