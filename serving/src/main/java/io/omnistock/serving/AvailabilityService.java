package io.omnistock.serving;

import com.sun.net.httpserver.HttpServer;
import io.omnistock.avro.Availability;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The availability service: the materialised availability topics, the quote and hold clients, the
 * recent movement journal and the HTTP API, started together and stopped together. Use from a
 * {@code main} ({@link ServeMain}), the demo or a test:
 *
 * <pre>{@code
 * try (AvailabilityService service = AvailabilityService.start(settings)) {
 *     service.url(); // http://host:port
 * }
 * }</pre>
 */
public final class AvailabilityService implements AutoCloseable {

    /**
     * How to run it.
     *
     * @param clientProperties Kafka client properties: bootstrap servers and security
     * @param host the address to listen on ("0.0.0.0" for every interface)
     * @param port the port; 0 for a free one
     * @param threads HTTP worker threads
     * @param quoteTimeout how long a quote waits for the engine's answer
     * @param maxQuotesInFlight quotes waiting at once; more are refused with 503
     */
    public record Settings(
            Properties clientProperties,
            String host,
            int port,
            int threads,
            Duration quoteTimeout,
            int maxQuotesInFlight) {

        /** Defaults for {@code bootstrapServers}, on {@code port} of every interface. */
        public static Settings of(String bootstrapServers, int port) {
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrapServers);
            return new Settings(props, "0.0.0.0", port, 8, Duration.ofSeconds(5), 1000);
        }

        public Settings withQuoteTimeout(Duration timeout) {
            return new Settings(clientProperties, host, port, threads, timeout, maxQuotesInFlight);
        }
    }

    private final ServingMetrics metrics;
    private final AvailabilityView view;
    private final AvailabilityMaterializer materializer;
    private final QuoteClient quotes;
    private final HoldClient holds;
    private final MovementJournal movements;
    private final HttpServer server;
    private final ExecutorService executor;

    private AvailabilityService(Settings settings) throws IOException {
        // The JDK server leaves Nagle's algorithm on by default, which delays small answers on
        // kept-alive connections by up to the peer's delayed-ACK time (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.metrics = new ServingMetrics();
        this.view = new AvailabilityView();
        this.materializer =
                new AvailabilityMaterializer(settings.clientProperties(), view, metrics);
        AtomicInteger n = new AtomicInteger();
        this.executor =
                new ThreadPoolExecutor(
                        settings.threads(),
                        settings.threads(),
                        0,
                        TimeUnit.MILLISECONDS,
                        new LinkedBlockingQueue<>(),
                        r -> {
                            Thread t =
                                    new Thread(r, "omnistock-serving-http-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        this.server =
                HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 1024);
        server.setExecutor(executor);
        try {
            this.quotes =
                    new QuoteClient(
                            settings.clientProperties(),
                            settings.quoteTimeout(),
                            settings.maxQuotesInFlight());
            this.holds =
                    new HoldClient(
                            settings.clientProperties(),
                            settings.quoteTimeout(),
                            settings.maxQuotesInFlight());
        } catch (RuntimeException e) {
            server.stop(0);
            throw e;
        }
        this.movements =
                new MovementJournal(
                        settings.clientProperties(),
                        MovementJournal.Bounds.DEFAULT,
                        metrics,
                        Clock.systemUTC());
        server.createContext(HoldsHttp.PREFIX, new HoldsHttp(holds, metrics, Clock.systemUTC()));
        server.createContext(MovementsHttp.PREFIX, new MovementsHttp(movements, metrics));
        server.createContext(
                "/",
                new HttpApi(
                        new AvailabilityApi(view, materializer::caughtUp),
                        materializer,
                        quotes,
                        metrics,
                        Clock.systemUTC()));
    }

    /**
     * Binds the port and starts reading Kafka; returns at once (lookups answer from what has been
     * read; {@code /ready} says when it has caught up).
     *
     * @throws IOException when the port cannot be bound
     */
    public static AvailabilityService start(Settings settings) throws IOException {
        AvailabilityService service = new AvailabilityService(settings);
        service.materializer.start();
        service.quotes.start();
        service.holds.start();
        service.movements.start();
        service.server.start();
        return service;
    }

    /** The port listened on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://localhost:port}. */
    public String url() {
        return "http://localhost:" + port();
    }

    public boolean caughtUp() {
        return materializer.caughtUp();
    }

    /**
     * Calls {@code listener} with each position record as it becomes visible to lookups, on the
     * reader's thread (for measurements: freshness in the benchmark; it must be quick).
     */
    public void onPositionApplied(Consumer<Availability> listener) {
        materializer.onPositionApplied(listener);
    }

    /** The materialised view (for measurements). */
    public AvailabilityView view() {
        return view;
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        executor.shutdownNow();
        materializer.close();
        quotes.close();
        holds.close();
        movements.close();
    }
}
