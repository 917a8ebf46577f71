package io.omnistock.demo;

import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.generator.NetworkConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.util.TimeUtils;

/** Command-line options of the demo (README command 1). */
record DemoOptions(
        Duration duration,
        int stores,
        int dcs,
        int threePls,
        int skus,
        double ordersPerStoreHour,
        long eventsPerSecond,
        int port,
        DeliveryMode deliveryMode,
        int parallelism,
        long seed,
        int servePort,
        boolean help,
        boolean verbose) {

    static final double DEFAULT_ORDERS_PER_STORE_HOUR =
            NetworkConfig.defaults().ordersPerStoreHour();

    /**
     * Records per second offered when {@code --rate} is not given, measured on a 2-core machine:
     * {@code ./omnistock-bench --only mixed} sustains a median 12,401 records/s of this mix
     * (bench/RESULTS.md), but the demo also runs its own watchers, progress and report in the JVM,
     * and at 6,000 it took in about 4,900/s and fell behind; at 4,000 a 5-minute run stayed caught
     * up (backlog at most about 9 s of input) and decided every order (README, Quickstart).
     */
    static final long DEFAULT_EVENTS_PER_SECOND = 4_000;

    static final String USAGE =
            """
            Usage: ./omnistock-demo [options]
              --duration <d>        how long to send, e.g. 90s, 5m (default: until Ctrl-C);
                                    then up to 60 s more for the requests in flight
              --stores <n>          stores in the generated network (default 50)
              --dcs <n>             distribution centres (default 3)
              --3pls <n>            third-party logistics nodes (default 2)
              --skus <n>            SKUs (default 5000)
              --orders <n>          customer orders per store per hour of simulated time
                                    (default 4, about 1 per 20 inventory events; 0 = none)
              --rate <n>            events per second offered, orders and quotes included
                                    (default %d: what the demo keeps up with on a 2-core
                                    machine, a third of the mixed rate ./omnistock-bench
                                    --only mixed sustains there; 0 = as fast as possible)
              --port <n>            Kafka port for external consumers (default 9092; 0 = any free port)
              --delivery-mode <m>   EXACTLY_ONCE (default) or AT_LEAST_ONCE
              --parallelism <n>     Flink parallelism (default 2)
              --seed <n>            generator seed (default 42)
              --serve-port <n>      port of the availability API (default 8080, else a free one)
              --verbose             Kafka's and Flink's own log lines on the console too (they
                                    always go to the log file the demo names at start)
            At the end (or on Ctrl-C) it writes omnistock-report.html, the metric windows' report,
            to the working directory.
            """
                    .formatted(DEFAULT_EVENTS_PER_SECOND);

    /** A command line the demo cannot run with; the message names the option and the fix. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The options that take a value; {@code --help} (or {@code -h}) and {@code --verbose} none. */
    private static final Set<String> VALUED =
            Set.of(
                    "duration",
                    "stores",
                    "dcs",
                    "3pls",
                    "skus",
                    "orders",
                    "rate",
                    "port",
                    "delivery-mode",
                    "parallelism",
                    "seed",
                    "serve-port");

    /**
     * Reads and checks the whole command line before anything starts: an unknown option, a missing
     * value, a value that is not a number, a duration or a delivery mode, or one out of range is a
     * {@link UsageException} naming it.
     */
    static DemoOptions parse(String[] args) throws UsageException {
        Map<String, String> given = new HashMap<>();
        boolean help = false;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (arg.equals("--verbose")) {
                verbose = true;
                continue;
            }
            String name = arg.startsWith("--") ? arg.substring(2) : null;
            if (name == null || !VALUED.contains(name)) {
                throw new UsageException("unknown option " + arg);
            }
            if (i + 1 >= args.length) {
                throw new UsageException("--" + name + " needs a value");
            }
            given.put(name, args[++i]); // the next argument, even one starting with '-'
        }
        Values v = new Values(given);
        return new DemoOptions(
                v.has("duration") ? v.duration("duration") : null,
                (int) v.whole("stores", 50, 1, 10_000),
                (int) v.whole("dcs", 3, 1, 1_000),
                (int) v.whole("3pls", 2, 0, 1_000),
                (int) v.whole("skus", 5_000, 1, 10_000_000),
                v.decimal("orders", DEFAULT_ORDERS_PER_STORE_HOUR, 0, 10_000),
                v.whole("rate", DEFAULT_EVENTS_PER_SECOND, 0, 10_000_000),
                (int) v.whole("port", 9092, 0, 65_535),
                v.deliveryMode("delivery-mode", DeliveryMode.EXACTLY_ONCE),
                (int) v.whole("parallelism", 2, 1, 64),
                v.whole("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE),
                (int) v.whole("serve-port", 8080, 0, 65_535),
                help,
                verbose);
    }

    /** The given option values, read with their kind and range checked. */
    private record Values(Map<String, String> given) {
        boolean has(String name) {
            return given.containsKey(name);
        }

        long whole(String name, long otherwise, long min, long max) throws UsageException {
            if (!has(name)) {
                return otherwise;
            }
            long value;
            try {
                value = Long.parseLong(given.get(name).trim());
            } catch (NumberFormatException e) {
                throw new UsageException(
                        "--" + name + ": '" + given.get(name) + "' is not a whole number");
            }
            return inRange(name, value, min, max);
        }

        double decimal(String name, double otherwise, double min, double max)
                throws UsageException {
            if (!has(name)) {
                return otherwise;
            }
            double value;
            try {
                value = Double.parseDouble(given.get(name).trim());
            } catch (NumberFormatException e) {
                throw new UsageException(
                        "--" + name + ": '" + given.get(name) + "' is not a number");
            }
            if (!(value >= min && value <= max)) {
                throw new UsageException(
                        "--" + name + ": " + given.get(name) + " is not in " + min + " to " + max);
            }
            return value;
        }

        Duration duration(String name) throws UsageException {
            Duration value;
            try {
                value = TimeUtils.parseDuration(given.get(name).trim());
            } catch (RuntimeException e) {
                throw new UsageException(
                        "--"
                                + name
                                + ": '"
                                + given.get(name)
                                + "' is not a duration (e.g. 90s, 5m, 1h)");
            }
            if (value.isZero() || value.isNegative()) {
                throw new UsageException("--" + name + ": " + given.get(name) + " is not positive");
            }
            return value;
        }

        DeliveryMode deliveryMode(String name, DeliveryMode otherwise) throws UsageException {
            if (!has(name)) {
                return otherwise;
            }
            String value = given.get(name).trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (DeliveryMode mode : DeliveryMode.values()) {
                if (mode.name().equals(value)) {
                    return mode;
                }
            }
            throw new UsageException(
                    "--"
                            + name
                            + ": '"
                            + given.get(name)
                            + "' is not one of "
                            + Arrays.toString(DeliveryMode.values()));
        }

        private static long inRange(String name, long value, long min, long max)
                throws UsageException {
            if (value < min || value > max) {
                throw new UsageException(
                        String.format(
                                Locale.ROOT, "--%s: %d is not in %d to %d", name, value, min, max));
            }
            return value;
        }
    }
}
