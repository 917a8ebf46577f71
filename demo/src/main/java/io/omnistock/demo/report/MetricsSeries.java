package io.omnistock.demo.report;

import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.ReconciliationReport;
import io.omnistock.avro.SustainabilityMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * The metric windows read from {@code metrics.sustainability} and {@code metrics.operations}, as a
 * consumer of those topics must keep them: per record key ({@code window|region|channel|start})
 * only the highest revision, whatever order the records arrive in (a late decision republishes a
 * closed window with revision + 1). Selects one series (window size, region, channel) as {@link
 * MetricsWindow}s sorted by start. Thread-safe: one thread adds while others select.
 */
public final class MetricsSeries {
    /** The region or channel value of the roll-up over every value. */
    public static final String ALL = "ALL";

    public static final String MINUTE = "1m";
    public static final String HOUR = "1h";

    /** One series: a window size, a region and a channel ({@link #ALL} for the roll-ups). */
    public record Selection(String window, String region, String channel) {
        /** Hourly windows over every region and channel. */
        public static final Selection DEFAULT = new Selection(HOUR, ALL, ALL);

        public Selection {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(channel, "channel");
        }
    }

    private final String onlyWindow;
    private final Map<Selection, TreeMap<Instant, SustainabilityMetrics>> sustainability =
            new HashMap<>();
    private final Map<Selection, TreeMap<Instant, OperationsMetrics>> operations = new HashMap<>();

    /** Reconciliation reports, the highest revision per record key. */
    private final Map<String, ReconciliationReport> reconciliation = new HashMap<>();

    private long records;
    private long superseded;
    private long stale;

    /** Keeps every window size. */
    public MetricsSeries() {
        this(null);
    }

    private MetricsSeries(String onlyWindow) {
        this.onlyWindow = onlyWindow;
    }

    /** Keeps only windows of this size ({@link #HOUR} or {@link #MINUTE}) and ignores the rest. */
    public static MetricsSeries of(String window) {
        return new MetricsSeries(Objects.requireNonNull(window, "window"));
    }

    /**
     * Keeps {@code m} unless a record of the same key with a higher revision is already kept.
     *
     * @return whether it was kept
     */
    public synchronized boolean add(SustainabilityMetrics m) {
        return keep(
                sustainability,
                m.getWindow(),
                m.getRegion(),
                m.getChannel(),
                m.getWindowStart(),
                m,
                m.getRevision(),
                SustainabilityMetrics::getRevision);
    }

    /**
     * Keeps {@code m} unless a record of the same key with a higher revision is already kept.
     *
     * @return whether it was kept
     */
    public synchronized boolean add(OperationsMetrics m) {
        return keep(
                operations,
                m.getWindow(),
                m.getRegion(),
                m.getChannel(),
                m.getWindowStart(),
                m,
                m.getRevision(),
                OperationsMetrics::getRevision);
    }

    /**
     * Keeps {@code r} unless a report of the same key with a higher revision is already kept
     * (reports are kept whatever the window size).
     *
     * @return whether it was kept
     */
    public synchronized boolean add(ReconciliationReport r) {
        String key = r.getEventId().substring(0, Math.max(0, r.getEventId().lastIndexOf('#')));
        ReconciliationReport kept = reconciliation.get(key);
        if (kept != null && kept.getRevision() > r.getRevision()) {
            return false;
        }
        reconciliation.put(key, r);
        return true;
    }

    /**
     * The {@code limit} latest reconciliation reports (by their time, then key, newest first), the
     * highest revision of each.
     */
    public synchronized List<ReconciliationReport> latestReconciliation(int limit) {
        return reconciliation.values().stream()
                .sorted(
                        Comparator.comparing(ReconciliationReport::getEventTime)
                                .thenComparing(ReconciliationReport::getEventId)
                                .reversed())
                .limit(limit)
                .toList();
    }

    /**
     * Keeps the highest revision per key. Of two records with the same revision the later one wins,
     * as in a compacted topic (a redelivered record carries the same figures).
     */
    private <T> boolean keep(
            Map<Selection, TreeMap<Instant, T>> bySeries,
            String window,
            String region,
            String channel,
            Instant start,
            T record,
            int revision,
            ToIntFunction<T> revisionOf) {
        if (onlyWindow != null && !onlyWindow.equals(window)) {
            return false;
        }
        records++;
        TreeMap<Instant, T> series =
                bySeries.computeIfAbsent(
                        new Selection(window, region, channel), k -> new TreeMap<>());
        T kept = series.get(start);
        if (kept != null && revisionOf.applyAsInt(kept) > revision) {
            stale++;
            return false;
        }
        if (kept != null) {
            superseded++;
        }
        series.put(start, record);
        return true;
    }

    /**
     * The windows of one series, sorted by start; a window has its sustainability record, its
     * operations record or both (each the highest revision read).
     */
    public synchronized List<MetricsWindow> select(Selection selection) {
        TreeMap<Instant, SustainabilityMetrics> s =
                sustainability.getOrDefault(selection, new TreeMap<>());
        TreeMap<Instant, OperationsMetrics> o = operations.getOrDefault(selection, new TreeMap<>());
        TreeSet<Instant> starts = new TreeSet<>(s.keySet());
        starts.addAll(o.keySet());
        List<MetricsWindow> windows = new ArrayList<>(starts.size());
        for (Instant start : starts) {
            windows.add(new MetricsWindow(s.get(start), o.get(start)));
        }
        return windows;
    }

    /** The last window of a series, or null when it has none. */
    public synchronized MetricsWindow latest(Selection selection) {
        List<MetricsWindow> windows = select(selection);
        return windows.isEmpty() ? null : windows.get(windows.size() - 1);
    }

    /** The regions (not {@link #ALL}) with a series of this window size and channel. */
    public synchronized SortedSet<String> regions(String window, String channel) {
        SortedSet<String> regions = new TreeSet<>();
        for (Selection series : sustainability.keySet()) {
            addRegion(regions, series, window, channel);
        }
        for (Selection series : operations.keySet()) {
            addRegion(regions, series, window, channel);
        }
        return regions;
    }

    private static void addRegion(
            SortedSet<String> regions, Selection series, String window, String channel) {
        if (series.window().equals(window)
                && series.channel().equals(channel)
                && !series.region().equals(ALL)) {
            regions.add(series.region());
        }
    }

    /** A copy of what is kept now, which later additions to this series leave alone. */
    public synchronized MetricsSeries snapshot() {
        MetricsSeries copy = new MetricsSeries(onlyWindow);
        sustainability.forEach((k, v) -> copy.sustainability.put(k, new TreeMap<>(v)));
        operations.forEach((k, v) -> copy.operations.put(k, new TreeMap<>(v)));
        copy.reconciliation.putAll(reconciliation);
        copy.records = records;
        copy.superseded = superseded;
        copy.stale = stale;
        return copy;
    }

    /** Records offered of the window size(s) kept, every revision counted. */
    public synchronized long records() {
        return records;
    }

    /** Records replaced by a later revision (or a redelivery) of the same key. */
    public synchronized long superseded() {
        return superseded;
    }

    /** Records ignored because a higher revision of their key had already been read. */
    public synchronized long stale() {
        return stale;
    }
}
