package io.omnistock.ops;

import io.omnistock.avro.Availability;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.io.PrintWriter;
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
            "Reads each topic to its current end and keeps the highest version per key, as every"
                    + " consumer of these topics must; reads only committed records."
        })
final class AvailabilityCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin KafkaConnectionOptions kafka;

    @Option(names = "--sku", required = true, description = "The SKU.")
    String sku;

    @Option(names = "--node", description = "Only this node (default: every node of the SKU).")
    String node;

    @Override
    public Integer call() {
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

        PrintWriter out = spec.commandLine().getOut();
        if (positions.byKey().isEmpty()) {
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
            for (Availability a : positions.byKey().values()) {
                table.row(
                        a.getNodeId(),
                        a.getNodeType(),
                        a.getOnHand(),
                        a.getReserved(),
                        a.getInTransit(),
                        a.getSafetyStock(),
                        a.getAtp(),
                        a.getVersion(),
                        a.getEventTime(),
                        a.getLastSource());
            }
            table.print(out);
        }
        NetworkAvailability n = network.byKey().get(sku);
        if (n == null) {
            out.println("No network availability for SKU " + sku);
        } else {
            out.printf(
                    "Network ATP %d (store %d, DC %d, dark store %d, 3PL %d) over %d open nodes,"
                            + " version %d as of %s%n",
                    n.getNetworkAtp(),
                    n.getStoreAtp(),
                    n.getDcAtp(),
                    n.getDarkStoreAtp(),
                    n.getThreePlAtp(),
                    n.getOpenNodes(),
                    n.getVersion(),
                    n.getEventTime());
        }
        out.flush();
        return 0;
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
