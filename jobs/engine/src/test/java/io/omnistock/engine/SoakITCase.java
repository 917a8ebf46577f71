package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The soak ({@link SoakRun}) in CI: 90 seconds of the generated network with orders and quotes on
 * the real standalone cluster under high availability and a broker process, the leading job manager
 * killed (the standby takes over), a task manager killed and one stop-with-savepoint resumed at
 * parallelism 1; nothing lost, repeated or oversold, every order decided once, every malformed
 * record dead-lettered once and the positions at the reference ledger. The long soak is the same
 * run with other settings: {@code ./omnistock-bench --only soak --soak-minutes 30} ({@code
 * -Domnistock.soak.minutes=30} and the other {@link SoakSettings} properties on this test). The
 * report goes to {@code target/soak-report.md}.
 */
class SoakITCase {
    private static final SoakSettings CI =
            new SoakSettings(
                    Duration.ofSeconds(90), 300, Duration.ofSeconds(45), false, true, 1, 7);

    @Test
    void theEngineSurvivesASoakOfFaultsLosingDuplicatingAndOversellingNothing() throws Exception {
        SoakSettings settings = SoakSettings.fromSystemProperties(CI);
        SoakReport report;
        try (StandaloneStack stack =
                settings.jobManagerFailover()
                        ? StandaloneStack.startHighlyAvailable("soak")
                        : StandaloneStack.start("soak")) {
            report = SoakRun.run(stack, settings);
            report.write(stack.work().getParent().resolve("soak-report.md"));
        }
        System.out.println(report.summary());

        assertThat(report.faultCount("task manager killed")).isPositive();
        assertThat(report.faultCount("stop with savepoint")).isEqualTo(1);
        assertThat(report.faultCount("leading job manager killed"))
                .isEqualTo(settings.jobManagerFailover() ? 1 : 0);
        assertThat(report.problems()).as("what the audits found").isEmpty();
        assertThat(report.deadLetterMismatches())
                .as("dead letters by reason against the malformed records published")
                .isEmpty();
        assertThat(report.total(report.expectedDeadLetters())).isPositive();
        assertThat(report.samples()).as("checkpoint samples").isNotEmpty();
    }
}
