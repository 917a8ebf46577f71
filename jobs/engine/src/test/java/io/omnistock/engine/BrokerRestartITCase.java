package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.allocatedByPosition;
import static io.omnistock.engine.OrderFixtures.decisionsByOrder;
import static io.omnistock.engine.OrderFixtures.latestAvailability;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static io.omnistock.engine.ReferenceCheck.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.generator.ExpectedPosition;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.GeneratorPublisher;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.testing.Await;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Through a Kafka broker outage: the only broker stops mid-stream and comes back on the same
 * address about 10 s later (stopped for 5 s, then the restart waits for the controller), while the
 * exactly-once ledger job runs and the generator keeps publishing. Nobody resubmits the job or
 * re-sends anything: the job's sources, sinks and transactions, and the publisher (whose producer
 * retries its unacknowledged batches), reconnect by themselves. A retried batch the broker had
 * already written arrives twice; the engine applies each event id once.
 *
 * <p>Afterwards a {@code read_committed} consumer sees every availability change of every key once
 * and in order, the final on-hand and in-transit equal the reference ledger, reserved equals what
 * the orders' current decisions allocate, every order has exactly one final decision, and no unit
 * is reserved beyond on-hand.
 */
class BrokerRestartITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.restartable();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final long SEED = 31;

    /** Records per second of the second half. */
    private static final int PACE = 1_000;

    /** How long the broker stays stopped before it is restarted. */
    private static final Duration STOPPED = Duration.ofSeconds(5);

    @Test
    void theLedgerRidesOutABrokerRestartLosingAndRepeatingNothing(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        NetworkConfig config = NetworkConfig.small().withSeed(SEED);
        GeneratedRun run = RetailEventGenerator.generate(config);
        List<GeneratedRecord> orders = OrderFixtures.validOrderRequests(config);
        List<GeneratedRecord> records = OrderFixtures.interleaved(run, orders);
        int half = records.size() / 2;
        String kafka = KAFKA.bootstrapServers();
        publish(kafka, run.nodeRecords());
        publish(kafka, records.subList(0, half));

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.EXACTLY_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            client.readUntil(Topics.AVAILABILITY, values -> values.size() > 50, DEADLINE);
            long sentAtStop;
            long sentAtRestart;
            Duration outage;
            try (GeneratorPublisher publisher = new GeneratorPublisher(kafka, PACE, null)) {
                CompletableFuture<Void> secondHalf =
                        CompletableFuture.runAsync(
                                () -> publisher.sendAll(records.subList(half, records.size())));
                client.readUntil(Topics.AVAILABILITY, values -> values.size() > 400, DEADLINE);

                long stoppedAt = System.nanoTime();
                KAFKA.stop();
                sentAtStop = sent(publisher);
                // The outage itself, not a wait for something: long enough that every client of
                // the job has lost its connections and metadata (their sends block, transactions
                // cannot end, checkpoints cannot complete). restart() then waits until the
                // stopped broker's session has expired (9 s after stop()), so the broker is gone
                // for about 10 s: well below the producers' max.block.ms (60 s), past which a
                // blocked send fails (README, known limits).
                Thread.sleep(STOPPED.toMillis());
                KAFKA.restart();
                outage = Duration.ofNanos(System.nanoTime() - stoppedAt);
                sentAtRestart = sent(publisher);

                secondHalf.get(); // rethrows a record the publisher could not deliver
                assertThat(publisher.failed()).as("records the publisher lost").isZero();
            }

            // every order decided, then availability settles where the reference and the
            // decisions say, with every change published once and in order
            Set<String> sentOrders = new TreeSet<>();
            orders.forEach(r -> sentOrders.add(r.key()));
            DeliveryAudit.awaitFinalDecisions(client, sentOrders);
            Map<String, ExpectedPosition> reference = run.reference().positions();
            Await.until(
                    "availability equals the reference plus what the decisions allocate",
                    () ->
                            DeliveryAudit.positionMismatches(
                                    latestAvailability(client),
                                    reference,
                                    allocatedByPosition(
                                            decisionsByOrder(
                                                    client.readAll(
                                                            Topics.DECISIONS,
                                                            Duration.ofMillis(300))))),
                    List::isEmpty,
                    DEADLINE);

            List<KeyedValue<Availability>> published =
                    client.readAll(Topics.AVAILABILITY, Duration.ofSeconds(1));
            DeliveryAudit.Versions versions = DeliveryAudit.Versions.of(published);
            Map<String, List<RoutingDecision>> byOrder =
                    decisionsByOrder(client.readAll(Topics.DECISIONS, Duration.ofSeconds(1)));
            DeliveryAudit.Orders decided = DeliveryAudit.Orders.of(sentOrders, byOrder);
            long routedUnits =
                    allocatedByPosition(byOrder).values().stream().mapToLong(Long::longValue).sum();
            long oversold = DeliveryAudit.oversoldUnits(latestAvailability(client));
            int attempts = JobAttempts.highestAttempt(cluster, ledger.client().getJobID());

            System.out.printf(
                    "BrokerRestartITCase: %d records (%d orders); the broker stopped after %d of"
                            + " the %d streamed, was back %.1f s later (%d sent by then);"
                            + " %d availability records of"
                            + " %d keys checked: lost %d, duplicated %d, out-of-order %d;"
                            + " decisions: lost %d, duplicated %d, unknown orders %d,"
                            + " %d units routed, oversold %d; job attempts %d%n",
                    records.size(),
                    orders.size(),
                    sentAtStop,
                    records.size() - half,
                    outage.toMillis() / 1000.0,
                    sentAtRestart,
                    published.size(),
                    versions.keys(),
                    versions.lost(),
                    versions.duplicated(),
                    versions.outOfOrder(),
                    decided.lost().size(),
                    decided.duplicated().size(),
                    decided.unknown().size(),
                    routedUnits,
                    oversold,
                    attempts + 1);

            assertThat(sentAtStop)
                    .as("the broker stopped while records streamed in")
                    .isLessThan(records.size() - half);
            assertThat(ledger.client().getJobStatus().get())
                    .as("the job recovered on its own")
                    .isEqualTo(JobStatus.RUNNING);
            assertThat(versions.keys()).isEqualTo(reference.size());
            assertThat(versions.problems()).as("versions lost, repeated or out of order").isEmpty();
            assertThat(decided.lost()).as("orders without a final decision").isEmpty();
            assertThat(decided.duplicated()).as("orders with repeated decisions").isEmpty();
            assertThat(decided.unknown()).as("decisions for orders never sent").isEmpty();
            assertThat(routedUnits).as("the orders really reserved stock").isPositive();
            assertThat(oversold).as("units reserved beyond on-hand").isZero();
        }
    }

    private static long sent(GeneratorPublisher publisher) {
        return publisher.sentByTopic().values().stream().mapToLong(Long::longValue).sum();
    }
}
