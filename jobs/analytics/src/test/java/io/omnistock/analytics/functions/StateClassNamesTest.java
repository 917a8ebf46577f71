package io.omnistock.analytics.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.ledger.domain.metrics.WindowFigures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The OmniStock class names each state of the analytics job writes into a savepoint (the metric
 * windows' state, which the ledger job held before the analytics job existed): a POJO's class, the
 * POJO classes of its fields, each hand-written serializer's snapshot class. A savepoint can only
 * be restored while these classes exist under these names, so moving or renaming one of them fails
 * here on purpose: keep the name, or move it with a state migration and a new pin. {@code
 * WindowFigures} keeps its ledger package name: savepoints of the windows record it.
 */
class StateClassNamesTest {

    /**
     * State name -> the classes named in its serializer snapshot. These classes keep their names
     * (and packages) whatever module they live in.
     */
    private static final Map<String, Set<String>> PINNED =
            Map.ofEntries(
                    Map.entry("firings", Set.of()),
                    Map.entry(
                            "too-late-facts",
                            Set.of("io.omnistock.ledger.domain.metrics.WindowFigures")),
                    Map.entry(
                            "window-contents",
                            Set.of("io.omnistock.ledger.domain.metrics.WindowFigures")),
                    Map.entry(
                            "reconciliation-reports",
                            Set.of("io.omnistock.domain.analytics.ReconciliationTally")),
                    Map.entry("reconciliation-snapshot-skus", Set.of()),
                    Map.entry("reconciliation-previous-snapshot", Set.of()),
                    Map.entry("reconciliation-previous-snapshot-time", Set.of()));

    /**
     * Our classes outside the Avro records: those take their names from the .avsc files, whose
     * compatibility tests pin them.
     */
    private static final Pattern OMNISTOCK_CLASS =
            Pattern.compile("io\\.omnistock\\.(?!avro\\b)[A-Za-z0-9_.$]*[A-Za-z0-9_$]");

    @Test
    void everyStateNamesThePinnedClassesInItsSnapshot() throws IOException {
        Map<String, Set<String>> named = new TreeMap<>();
        for (StateDescriptor<?, ?> state :
                new StateDescriptor<?, ?>[] {
                    PublishWindowFigures.FIRINGS,
                    PublishWindowFigures.TOO_LATE,
                    ReconcileCountChecksFunction.REPORTS,
                    ReconcileCountChecksFunction.SNAPSHOT_SKUS,
                    ReconcileCountChecksFunction.PREVIOUS_SNAPSHOT,
                    ReconcileCountChecksFunction.PREVIOUS_SNAPSHOT_TIME
                }) {
            state.initializeSerializerUnlessSet(new ExecutionConfig());
            named.put(state.getName(), classNames(state.getSerializer()));
        }
        // The metrics windows keep their partial sums (WindowFigures) as the window contents.
        named.put(
                "window-contents",
                classNames(
                        TypeInformation.of(WindowFigures.class)
                                .createSerializer(new ExecutionConfig().getSerializerConfig())));

        assertThat(named).isEqualTo(new TreeMap<>(PINNED));
    }

    private static Set<String> classNames(TypeSerializer<?> serializer) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        String bytes = new String(out.getCopyOfBuffer(), StandardCharsets.ISO_8859_1);
        Set<String> names = new TreeSet<>();
        Matcher m = OMNISTOCK_CLASS.matcher(bytes);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
