package io.omnistock.demo;

import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.generator.NetworkConfig;
import java.time.Duration;
import org.apache.flink.util.ParameterTool;
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
        boolean help) {

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
            At the end (or on Ctrl-C) it writes omnistock-report.html, the metric windows' report,
            to the working directory.
            """
                    .formatted(DEFAULT_EVENTS_PER_SECOND);

    static DemoOptions parse(String[] args) {
        ParameterTool p = ParameterTool.fromArgs(args);
        return new DemoOptions(
                p.has("duration") ? TimeUtils.parseDuration(p.get("duration")) : null,
                p.getInt("stores", 50),
                p.getInt("dcs", 3),
                p.getInt("3pls", 2),
                p.getInt("skus", 5_000),
                p.getDouble("orders", DEFAULT_ORDERS_PER_STORE_HOUR),
                p.getLong("rate", DEFAULT_EVENTS_PER_SECOND),
                p.getInt("port", 9092),
                DeliveryMode.valueOf(p.get("delivery-mode", DeliveryMode.EXACTLY_ONCE.name())),
                p.getInt("parallelism", 2),
                p.getLong("seed", 42),
                p.getInt("serve-port", 8080),
                p.has("help") || p.has("h"));
    }
}
