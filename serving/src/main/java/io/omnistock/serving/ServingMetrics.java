package io.omnistock.serving;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.DoubleSupplier;

/**
 * The service's Prometheus metrics, in a registry of its own (several services may run in one JVM,
 * as in the demo and the tests). Names are public API, listed in
 * docs/reference/availability-api.md.
 */
public final class ServingMetrics {
    /** Request latency buckets, seconds: 100 µs to 10 s. */
    private static final double[] LATENCY_BUCKETS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
        10
    };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private final Counter requests =
            Counter.builder()
                    .name("omnistock_serving_requests_total")
                    .help("HTTP requests answered, by endpoint and status code")
                    .labelNames("endpoint", "status")
                    .register(registry);
    private final Histogram latency =
            Histogram.builder()
                    .name("omnistock_serving_request_duration_seconds")
                    .help("Time from reading a request to having sent its answer, by endpoint")
                    .labelNames("endpoint")
                    .classicOnly()
                    .classicUpperBounds(LATENCY_BUCKETS)
                    .register(registry);
    private final Counter records =
            Counter.builder()
                    .name("omnistock_serving_records_total")
                    .help(
                            "Records read from the availability topics, by topic and outcome"
                                    + " (applied, stale, tombstone, undecodable)")
                    .labelNames("topic", "outcome")
                    .register(registry);
    private final Counter undecodable =
            Counter.builder()
                    .name("omnistock_serving_undecodable_records_total")
                    .help("Records skipped because they did not decode, by topic and reason")
                    .labelNames("topic", "reason")
                    .register(registry);
    private final Counter quotes =
            Counter.builder()
                    .name("omnistock_serving_quotes_total")
                    .help("Quote requests, by outcome (answered, timed_out, rejected, failed)")
                    .labelNames("outcome")
                    .register(registry);
    private final Counter holds =
            Counter.builder()
                    .name("omnistock_serving_holds_total")
                    .help(
                            "Hold requests, by action (hold, extend, release) and outcome"
                                    + " (answered, timed_out, rejected, failed)")
                    .labelNames("action", "outcome")
                    .register(registry);

    /** Counts one answered request and its latency. */
    public void request(String endpoint, int status, long nanos) {
        requests.labelValues(endpoint, Integer.toString(status)).inc();
        latency.labelValues(endpoint).observe(nanos / 1e9);
    }

    public void record(String topic, String outcome) {
        records.labelValues(topic, outcome).inc();
    }

    public void undecodable(String topic, String reason) {
        records.labelValues(topic, "undecodable").inc();
        undecodable.labelValues(topic, reason).inc();
    }

    public void quote(String outcome) {
        quotes.labelValues(outcome).inc();
    }

    public void hold(String action, String outcome) {
        holds.labelValues(action, outcome).inc();
    }

    /** Registers a gauge read when scraped. */
    public void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }

    /** The Prometheus text format's content type. */
    public String contentType() {
        return writer.getContentType();
    }

    /** Writes every metric in the Prometheus text format. */
    public void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
