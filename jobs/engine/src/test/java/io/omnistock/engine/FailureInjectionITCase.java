package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.allocatedByPosition;
import static io.omnistock.engine.OrderFixtures.decisionsByOrder;
import static io.omnistock.engine.OrderFixtures.latestAvailability;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static io.omnistock.engine.ReferenceCheck.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.RoutingDecision;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.engine.FailurePlan.Kind;
import io.omnistock.engine.functions.LedgerMetrics;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing lost, nothing duplicated, nothing oversold through six injected failures, as Flink proves
 * its own guarantees (DataStreamAllroundTestProgram's failing mapper, a sequence oracle per key):
 * the real exactly-once ledger job, parallelism 2, reads a generated run with customer orders from
 * the real broker while its source readers throw while processing (and then on close), while a
 * checkpoint is taken, and right after a restore, each time after the job has checkpointed some
 * progress. Afterwards a {@code read_committed} consumer sees, per availability key, every change
 * once and in order; each position's on-hand and in-transit equal the generator's reference ledger,
 * its reserved units equal what the orders' current decisions allocate there, and none exceeds
 * on-hand; every order has exactly one final decision.
 */
class FailureInjectionITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final List<Kind> FAILURES =
            List.of(
                    Kind.PROCESSING_AND_CLOSE,
                    Kind.CHECKPOINT,
                    Kind.RECOVERY,
                    Kind.PROCESSING,
                    Kind.CHECKPOINT,
                    Kind.RECOVERY);

    @Test
    void sixInjectedFailuresLoseDuplicateAndOversellNothing(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        NetworkConfig config = NetworkConfig.small().withSeed(23);
        GeneratedRun run = RetailEventGenerator.generate(config);
        List<GeneratedRecord> orders = OrderFixtures.validOrderRequests(config);
        List<GeneratedRecord> records = OrderFixtures.interleaved(run, orders);
        String kafka = KAFKA.bootstrapServers();
        publish(kafka, run.nodeRecords());

        Configuration conf =
                RunningLedger.configuration(
                        kafka, DeliveryMode.EXACTLY_ONCE, Duration.ofMillis(300));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        // on a loaded machine a restarted job may take its node records in late
        conf.set(LedgerOptions.UNKNOWN_NODE_GRACE, Duration.ofSeconds(10));
        try (RunningLedger ledger =
                        RunningLedger.submit(
                                conf,
                                (env, c) ->
                                        EnginePipeline.build(
                                                env,
                                                new FailingSource<>(EngineJob.kafkaSource(c)),
                                                EngineJob.kafkaSinks(c),
                                                c));
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            // The stock before the first order goes in first: an order that overtakes every record
            // of its SKU (orders travel on their own topic) is rightly rejected as UNKNOWN_SKU.
            int opening = 0;
            while (!records.get(opening).topic().equals(Topics.ORDER_REQUESTS.name())) {
                opening++;
            }
            long before = run.nodeRecords().size() + publish(kafka, records.subList(0, opening));
            ledger.awaitCounters(
                    "the ledger takes in the nodes and the opening stock",
                    c ->
                            RunningLedger.counter(c, LedgerMetrics.PROCESSED)
                                            + RunningLedger.counter(c, LedgerMetrics.DEAD_LETTERED)
                                    >= before,
                    DEADLINE);
            FailurePlan.start(FAILURES, 200);
            publishUntilEveryFailureIsInjected(kafka, records.subList(opening, records.size()));

            // every order decided, once
            Set<String> sent =
                    orders.stream().map(GeneratedRecord::key).collect(Collectors.toSet());
            DeliveryAudit.awaitFinalDecisions(client, sent);
            // the ledger: the reference's on-hand and in-transit, the decisions' reservations (a
            // shortage re-route may still be on its way: read both until they agree)
            Map<String, ExpectedPosition> reference = run.reference().positions();
            Await.until(
                    "availability equals the reference ledger plus the decisions' reservations",
                    () ->
                            DeliveryAudit.positionMismatches(
                                    latestAvailability(client),
                                    reference,
                                    allocatedByPosition(decisions(client))),
                    List::isEmpty,
                    DEADLINE);
            Map<String, List<RoutingDecision>> byOrder = decisions(client);
            DeliveryAudit.Orders decided = DeliveryAudit.Orders.of(sent, byOrder);
            long oversold = DeliveryAudit.oversoldUnits(latestAvailability(client));
            DeliveryAudit.Versions versions =
                    DeliveryAudit.Versions.of(
                            client.readAll(Topics.AVAILABILITY, Duration.ofSeconds(1)));
            int attempts = JobAttempts.highestAttempt(cluster, ledger.client().getJobID());

            System.out.printf(
                    "FailureInjectionITCase: %d records, %d orders; failures injected %s (%d),"
                            + " %d more on close, job attempts %d; %d availability changes of %d"
                            + " keys: lost %d, duplicated %d, out of order %d; orders lost %d,"
                            + " duplicated %d, unknown %d; oversold units %d%n",
                    records.size(),
                    sent.size(),
                    FailurePlan.injected(),
                    FailurePlan.injectedTotal(),
                    FailurePlan.closeFailures(),
                    attempts,
                    versions.changes(),
                    versions.keys(),
                    versions.lost(),
                    versions.duplicated(),
                    versions.outOfOrder(),
                    decided.lost().size(),
                    decided.duplicated().size(),
                    decided.unknown().size(),
                    oversold);

            assertThat(FailurePlan.injectedTotal()).isEqualTo(FAILURES.size());
            assertThat(FailurePlan.closeFailures()).as("failures thrown on close").isPositive();
            assertThat(attempts)
                    .as("the job restarted after every failure")
                    .isGreaterThanOrEqualTo(FAILURES.size());
            assertThat(versions.problems())
                    .as("availability changes lost, repeated or out of order")
                    .isEmpty();
            assertThat(decided.lost()).as("orders without a final decision").isEmpty();
            assertThat(decided.duplicated()).as("orders with repeated decisions").isEmpty();
            assertThat(decided.unknown()).as("decisions for orders never sent").isEmpty();
            assertThat(oversold).as("units reserved beyond on-hand").isZero();
            assertThat(allocatedByPosition(byOrder)).as("orders hold stock").isNotEmpty();
        }
    }

    /**
     * Streams {@code records} paced, then, while failures are still to come, sends some of its
     * inventory records again: exact re-sends, which the ledger recognises as duplicates, keep
     * records flowing without changing the reference.
     */
    private static void publishUntilEveryFailureIsInjected(
            String kafka, List<GeneratedRecord> records) throws Exception {
        Set<String> inventoryTopics =
                Set.of(Topics.POS.name(), Topics.WMS.name(), Topics.THREE_PL.name());
        List<GeneratedRecord> resends =
                records.stream()
                        .filter(r -> inventoryTopics.contains(r.topic()))
                        .filter(r -> r.kind() != GeneratedRecord.Kind.MALFORMED)
                        .limit(300)
                        .toList();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (GeneratorPublisher publisher = new GeneratorPublisher(kafka, 1_500, null)) {
            publisher.sendAll(records);
            while (!FailurePlan.done() && System.nanoTime() < deadline) {
                publisher.sendAll(resends);
            }
        }
        Await.until(
                "every planned failure injected and recovered from",
                () -> FailurePlan.done(),
                done -> done,
                DEADLINE);
    }

    private static Map<String, List<RoutingDecision>> decisions(KafkaTestClient client) {
        return decisionsByOrder(client.readAll(Topics.DECISIONS, Duration.ofMillis(500)));
    }
}
