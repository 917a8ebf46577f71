package io.omnistock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of every run of every benchmark, summarised as median, min and max per figure, and
 * written as Markdown.
 */
public final class Results {
    private record Section(
            Benchmark benchmark, Map<String, List<Figure>> runs, List<String> failures) {}

    private final List<Section> sections = new ArrayList<>();

    /** Starts the section of a benchmark; its runs follow with {@link #addRun}. */
    public void begin(Benchmark benchmark) {
        sections.add(new Section(benchmark, new LinkedHashMap<>(), new ArrayList<>()));
    }

    public void addRun(List<Figure> figures) {
        Section section = sections.get(sections.size() - 1);
        for (Figure f : figures) {
            section.runs().computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
        }
    }

    /** A run of the current benchmark failed: it is reported, and its figures are missing. */
    public void addFailure(int run, String why) {
        sections.get(sections.size() - 1).failures().add("run " + run + " failed: " + why);
    }

    /** The median of a figure of the current benchmark so far, or NaN. */
    public double median(String figure) {
        List<Figure> runs = sections.get(sections.size() - 1).runs().get(figure);
        return runs == null ? Double.NaN : summary(runs)[0];
    }

    public String markdown(Machine machine, String command, Instant date, long seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n")
                .append("Written by `")
                .append(command)
                .append("` on ")
                .append(date.truncatedTo(ChronoUnit.SECONDS))
                .append(" in ")
                .append(seconds)
                .append(" s. Each figure is the median of its runs, with min and max.")
                .append(" Baselines ran in the same run, on the same input and machine.\n\n")
                .append("| machine | |\n|---|---|\n")
                .append("| CPU | ")
                .append(machine.cpu())
                .append(" |\n| cores | ")
                .append(machine.cores())
                .append(" |\n| memory | ")
                .append(machine.memoryBytes() >> 30)
                .append(" GiB |\n| JVM | ")
                .append(machine.jvm())
                .append(" |\n| OS | ")
                .append(machine.os())
                .append(" |\n\n");
        for (Section s : sections) {
            md.append("## ")
                    .append(s.benchmark().name())
                    .append("\n\n")
                    .append(s.benchmark().description())
                    .append("\n\n| figure | unit | median | min | max | runs |\n")
                    .append("|---|---|---:|---:|---:|---:|\n");
            for (Map.Entry<String, List<Figure>> e : s.runs().entrySet()) {
                double[] m = summary(e.getValue());
                md.append("| ")
                        .append(e.getKey())
                        .append(" | ")
                        .append(e.getValue().get(0).unit())
                        .append(" | ")
                        .append(format(m[0]))
                        .append(" | ")
                        .append(format(m[1]))
                        .append(" | ")
                        .append(format(m[2]))
                        .append(" | ")
                        .append(e.getValue().size())
                        .append(" |\n");
            }
            for (String failure : s.failures()) {
                md.append("\n**").append(failure).append("**\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * Marks where the hand-written part of a results file begins (e.g. before-and-after figures of
     * a change): a new run rewrites the figures above it and keeps the part below.
     */
    static final String KEPT_BELOW = "<!-- written by hand below: ./omnistock-bench keeps it -->";

    public void write(Path file, Machine machine, String command, Instant date, long seconds)
            throws IOException {
        String kept = "";
        if (Files.exists(file)) {
            String previous = Files.readString(file);
            int at = previous.indexOf(KEPT_BELOW);
            kept = at < 0 ? "" : previous.substring(at);
        }
        Files.writeString(file, markdown(machine, command, date, seconds) + kept);
    }

    /** {median, min, max}; the median of an even count is the mean of the middle two. */
    static double[] summary(List<Figure> runs) {
        double[] v = runs.stream().mapToDouble(Figure::value).sorted().toArray();
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new double[] {median, v[0], v[n - 1]};
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
