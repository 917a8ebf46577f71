package io.omnistock.generator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a generated retail network (reference data, POS, WMS and 3PL events, orders and their
 * lifecycle) to a Kafka cluster the engine reads, then exits: the {@code generator} service of
 * docker-compose.yml. The topics must exist (the compose file's topic-init, or {@code TopicAdmin}).
 * The simulated history ends now, so the engine sees a network with {@code --history} of past
 * trading arrive at {@code --rate}.
 */
public final class GeneratorMain {
    static final String USAGE =
            """
            Usage: GeneratorMain --bootstrap <host:port> [options]
              --bootstrap <servers>  Kafka bootstrap servers (required)
              --rate <n>             events per second, orders included (default 50; 0 = as fast as possible)
              --history <d>          simulated trading that ends now, e.g. 6h, 2d (default 24h)
              --stores <n>           stores (default 20)
              --dcs <n>              distribution centres (default 2)
              --3pls <n>             third-party logistics nodes (default 1)
              --skus <n>             SKUs (default 500)
              --seed <n>             generator seed (default 42)
            """;

    private static final Set<String> OPTIONS =
            Set.of("bootstrap", "rate", "history", "stores", "dcs", "3pls", "skus", "seed");
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** The command line. */
    record Options(
            String bootstrap,
            double rate,
            Duration history,
            int stores,
            int dcs,
            int threePls,
            int skus,
            long seed) {

        static Options parse(String... args) {
            Map<String, String> values = new TreeMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option value, got: " + args[i]);
                }
                String name = args[i].substring(2);
                if (!OPTIONS.contains(name)) {
                    throw new IllegalArgumentException("unknown option: " + args[i]);
                }
                values.put(name, args[i + 1]);
            }
            String bootstrap = values.get("bootstrap");
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new IllegalArgumentException("--bootstrap is required");
            }
            return new Options(
                    bootstrap,
                    Double.parseDouble(values.getOrDefault("rate", "50")),
                    duration(values.getOrDefault("history", "24h")),
                    Integer.parseInt(values.getOrDefault("stores", "20")),
                    Integer.parseInt(values.getOrDefault("dcs", "2")),
                    Integer.parseInt(values.getOrDefault("3pls", "1")),
                    Integer.parseInt(values.getOrDefault("skus", "500")),
                    Long.parseLong(values.getOrDefault("seed", "42")));
        }

        /** The network this run generates: {@code history} of trading up to {@code now}. */
        NetworkConfig network(Instant now) {
            Instant start = now.minus(history).truncatedTo(ChronoUnit.HOURS);
            return NetworkConfig.builder()
                    .seed(seed)
                    .stores(stores)
                    .dcs(dcs)
                    .threePls(threePls)
                    .skus(skus)
                    .start(start)
                    .duration(Duration.between(start, now))
                    .build();
        }

        private static Duration duration(String text) {
            String t = text.trim().toLowerCase();
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default ->
                        throw new IllegalArgumentException("duration like 30m, 6h or 2d: " + text);
            };
        }
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--help")) {
            System.out.print(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        Map<String, Long> acked = run(options, Instant.now());
        System.out.printf(
                "Published %,d records: %s%n",
                acked.values().stream().mapToLong(Long::longValue).sum(), acked);
    }

    /** Publishes the whole run and returns the records the brokers acknowledged, per topic. */
    static Map<String, Long> run(Options options, Instant now) {
        NetworkConfig network = options.network(now);
        System.out.printf(
                "Publishing %d stores, %d DCs, %d 3PLs, %,d SKUs (simulated %s -> %s) to %s at %s"
                        + " events/s%n",
                network.stores(),
                network.dcs(),
                network.threePls(),
                network.skus(),
                network.start(),
                now,
                options.bootstrap(),
                options.rate() == 0 ? "max" : options.rate());
        Iterator<GeneratedRecord> records =
                OrderGenerator.interleave(
                        RetailEventGenerator.stream(network), OrderGenerator.stream(network));
        try (GeneratorPublisher publisher =
                new GeneratorPublisher(options.bootstrap(), options.rate(), null)) {
            long nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
            while (records.hasNext()) {
                publisher.send(records.next());
                if (System.nanoTime() - nextProgress > 0) {
                    System.out.printf("sent %s%n", publisher.sentByTopic());
                    nextProgress += PROGRESS_EVERY_NANOS;
                }
            }
            publisher.flush();
            return new TreeMap<>(publisher.ackedByTopic());
        }
    }

    private GeneratorMain() {}
}
