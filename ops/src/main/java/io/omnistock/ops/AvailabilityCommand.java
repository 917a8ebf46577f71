package io.omnistock.ops;

import io.omnistock.avro.Availability;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omnistock availability}: what the availability topics say about one SKU right now. */
@Command(
        name = "availability",
        mixinStandardHelpOptions = true,
        description = {
            "Show the current availability of a SKU, or of a SKU at one node.",
            "Shows the current availability of a SKU at every node (or at one node with --node)"
                    + " from the compacted inventory.availability topic (key sku|node), and the"
                    + " SKU's network record from inventory.availability.network (key sku).",
            "With --service (or OMNISTOCK_SERVICE_URL) it asks the availability service"
                    + " (./omnistock-serve), which answers at once from memory. Without, it reads"
                    + " each topic to its current end and keeps the highest version per key, as"
                    + " every consumer of these topics must; reads only committed records."
        })
final class AvailabilityCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin KafkaConnectionOptions kafka;

    @Option(names = "--sku", required = true, description = "The SKU.")
    String sku;

    @Option(names = "--node", description = "Only this node (default: every node of the SKU).")
    String node;

    @Option(
            names = "--service",
            paramLabel = "url",
            defaultValue = "${env:OMNISTOCK_SERVICE_URL}",
            description =
                    "The availability service to ask, e.g. http://localhost:8080 (default: the"
                            + " environment variable OMNISTOCK_SERVICE_URL; without either, the"
                            + " topics are read).")
    String service;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AvailabilityAnswer answer;
        if (service != null && !service.isBlank()) {
            answer = new AvailabilityServiceClient(URI.create(service)).lookup(sku, node);
            out.println(
                    "From the availability service at "
                            + service
                            + (answer.caughtUp()
                                    ? ""
                                    : " (still catching up: figures may be behind the topics)"));
        } else {
            answer = fromTopics();
        }
        print(out, answer);
        out.flush();
        return 0;
    }

    private AvailabilityAnswer fromTopics() {
        LatestVersions<Availability> positions = new LatestVersions<>(Availability::getVersion);
        String prefix = Topics.positionKey(sku, "");
        read(
                Topics.AVAILABILITY,
                (key, value) -> {
                    boolean wanted =
                            node == null
                                    ? value.getSku().equals(sku)
                                    : key.equals(Topics.positionKey(sku, node));
                    if (wanted) {
                        positions.offer(key, value);
                    }
                },
                key -> key != null && key.startsWith(prefix));
        LatestVersions<NetworkAvailability> network =
                new LatestVersions<>(NetworkAvailability::getVersion);
        read(Topics.NETWORK_AVAILABILITY, network::offer, sku::equals);
        List<AvailabilityAnswer.Position> rows = new ArrayList<>();
        positions.byKey().values().forEach(a -> rows.add(AvailabilityAnswer.Position.of(a)));
        NetworkAvailability n = network.byKey().get(sku);
        return new AvailabilityAnswer(
                rows, n == null ? null : AvailabilityAnswer.Network.of(n), true);
    }

    private void print(PrintWriter out, AvailabilityAnswer answer) {
        if (answer.positions().isEmpty()) {
            out.println(
                    "No availability for "
                            + (node == null ? "SKU " + sku : Topics.positionKey(sku, node))
                            + " on "
                            + Topics.AVAILABILITY.name());
        } else {
            TextTable table =
                    new TextTable(
                            "NODE",
                            "TYPE",
                            "ON HAND",
                            "RESERVED",
                            "IN TRANSIT",
                            "SAFETY",
                            "ATP",
                            "VERSION",
                            "AS OF",
                            "LAST SOURCE");
            for (AvailabilityAnswer.Position a : answer.positions()) {
                table.row(
                        a.nodeId(),
                        a.nodeType(),
                        a.onHand(),
                        a.reserved(),
                        a.inTransit(),
                        a.safetyStock(),
                        a.atp(),
                        a.version(),
                        a.asOf(),
                        a.lastSource());
            }
            table.print(out);
        }
        AvailabilityAnswer.Network n = answer.network();
        if (n == null) {
            out.println("No network availability for SKU " + sku);
        } else {
            out.printf(
                    "Network ATP %d (store %d, DC %d, dark store %d, 3PL %d) over %d open nodes,"
                            + " version %d as of %s%n",
                    n.networkAtp(),
                    n.storeAtp(),
                    n.dcAtp(),
                    n.darkStoreAtp(),
                    n.threePlAtp(),
                    n.openNodes(),
                    n.version(),
                    n.asOf());
        }
    }

    /** Decodes the records of {@code topic} whose key passes {@code keys}; skips tombstones. */
    private <V extends SpecificRecord> void read(
            TopicSpec<V> topic, BiConsumer<String, V> sink, Predicate<String> keys) {
        AvroCodec<V> codec = topic.codec();
        TopicSnapshotReader.read(
                kafka.consumerProperties(),
                topic.name(),
                record -> {
                    if (record.value() != null && keys.test(record.key())) {
                        sink.accept(record.key(), RecordValues.decode(codec, record));
                    }
                });
    }
}
