package io.omnistock.ops;

import io.omnistock.avro.Movement;
import io.omnistock.avro.PositionFigures;
import io.omnistock.contracts.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omnistock history}: the movement journal of one position, oldest first. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {
            "Show why a position is what it is: its movement journal, oldest first.",
            "Prints every inventory event the ledger judged at one SKU x node (key sku|node on"
                    + " inventory.movements) since --since: when, what, the outcome (APPLIED,"
                    + " DUPLICATE, STALE_COUNT, SUPERSEDED_BY_COUNT, STALE_REVISION, NOT_RESTOCKED),"
                    + " on-hand, reserved, in-transit and ATP before -> after, the availability"
                    + " version, the WMS reason code, 3PL batch id or ASN, and where the event was"
                    + " read (topic/partition@offset). --json prints one JSON object per record.",
            "Reads only the partition the key hashes to, from the first record written at or after"
                    + " --since to the partition's end now; reads only committed records. The"
                    + " engine writes the journal only while ledger.journal.enabled is on; a figure"
                    + " that moved between two records was moved by an order or by reference data"
                    + " (see inventory.availability)."
        })
final class HistoryCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin KafkaConnectionOptions kafka;

    @Option(names = "--sku", required = true, description = "The SKU.")
    String sku;

    @Option(names = "--node", required = true, description = "The node.")
    String node;

    @Option(
            names = "--since",
            paramLabel = "age",
            defaultValue = "7d",
            converter = AgeConverter.class,
            description =
                    "How far back to read, by the records' write time: e.g. 30m, 12h, 7d or an"
                            + " ISO-8601 duration such as PT36H (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Option(names = "--json", description = "One JSON object per record instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String key = Topics.positionKey(sku, node);
        Instant from = Instant.now().minus(since);
        ProgressLine progress =
                new ProgressLine(spec.commandLine().getErr(), "journal records read", 1_000);
        AtomicLong total = new AtomicLong();
        AtomicLong read = new AtomicLong();
        List<Movement> movements =
                MovementHistoryReader.read(
                        kafka.consumerProperties(),
                        key,
                        from,
                        total::set,
                        done -> {
                            read.set(done);
                            progress.update(done, total.get(), "");
                        });
        progress.finish(read.get(), total.get(), " (" + movements.size() + " of " + key + ")");
        if (json) {
            RecordJson renderer = new RecordJson(RecordJson.Bytes.base64);
            movements.forEach(m -> out.println(renderer.toJson(m)));
        } else if (movements.isEmpty()) {
            out.println(
                    "No movements for "
                            + key
                            + " on "
                            + Topics.MOVEMENTS.name()
                            + " since "
                            + from
                            + " (the engine writes them only while ledger.journal.enabled is on)");
        } else {
            table(movements).print(out);
        }
        out.flush();
        return 0;
    }

    static TextTable table(List<Movement> movements) {
        TextTable table =
                new TextTable(
                        "EVENT TIME",
                        "EVENT",
                        "TYPE",
                        "QTY",
                        "OUTCOME",
                        "ON HAND",
                        "RESERVED",
                        "IN TRANSIT",
                        "ATP",
                        "VERSION",
                        "DETAIL",
                        "READ FROM");
        for (Movement m : movements) {
            PositionFigures b = m.getBefore();
            PositionFigures a = m.getAfter();
            table.row(
                    m.getEventTime(),
                    m.getEventId(),
                    m.getEventType(),
                    m.getQuantity(),
                    m.getOutcome(),
                    change(b.getOnHand(), a.getOnHand()),
                    change(b.getReserved(), a.getReserved()),
                    change(b.getInTransit(), a.getInTransit()),
                    change(b.getAtp(), a.getAtp()),
                    m.getAvailabilityVersion(),
                    detail(m),
                    m.getSourceTopic() == null
                            ? "-"
                            : m.getSourceTopic()
                                    + "/"
                                    + m.getSourcePartition()
                                    + "@"
                                    + m.getSourceOffset());
        }
        return table;
    }

    /** {@code after} alone when the figure did not move, else {@code before->after}. */
    static String change(long before, long after) {
        return before == after ? Long.toString(after) : before + "->" + after;
    }

    private static String detail(Movement m) {
        StringBuilder d = new StringBuilder();
        if (m.getReasonCode() != null) {
            d.append("reason=").append(m.getReasonCode()).append(' ');
        }
        if (m.getBatchId() != null) {
            d.append("batch=").append(m.getBatchId()).append(' ');
        }
        if (m.getAsnId() != null) {
            d.append("asn=").append(m.getAsnId()).append(' ');
        }
        return d.isEmpty() ? "-" : d.toString().trim();
    }

    /** An age: a number with d, h, m or s, or an ISO-8601 duration. */
    static final class AgeConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            Duration age;
            try {
                if (v.startsWith("p")) {
                    age = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
                } else {
                    long n = Long.parseLong(v.substring(0, v.length() - 1));
                    age =
                            switch (v.charAt(v.length() - 1)) {
                                case 'd' -> Duration.ofDays(n);
                                case 'h' -> Duration.ofHours(n);
                                case 'm' -> Duration.ofMinutes(n);
                                case 's' -> Duration.ofSeconds(n);
                                default -> null;
                            };
                }
            } catch (NumberFormatException
                    | DateTimeParseException
                    | StringIndexOutOfBoundsException e) {
                age = null;
            }
            if (age == null || age.isNegative() || age.isZero()) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not an age such as 30m, 12h, 7d or PT36H");
            }
            return age;
        }
    }
}
