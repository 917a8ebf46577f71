package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UndecidedTest {

    @Test
    void quotesUndecidedAreSentMinusAnswered() {
        Undecided quotes = Undecided.ofCounts(19_000, 15_000);

        assertThat(quotes.undecided()).isEqualTo(4_000);
        assertThat(quotes.share()).isCloseTo(4_000 / 19_000.0, within(1e-12));
        assertThat(quotes.describe()).isEqualTo("4,000 of 19,000 (21.1%)");
    }

    @Test
    void answersReadBeforeTheirRequestsAreCountedLeaveNoneUndecided() {
        // the watcher may read a response before the producer's ack of its request is counted
        assertThat(Undecided.ofCounts(10, 12).undecided()).isZero();
    }

    @Test
    void nothingSentIsNothingUndecided() {
        assertThat(Undecided.ofCounts(0, 0).share()).isZero();
        assertThat(Undecided.ofCounts(0, 0).describe()).isEqualTo("0 of 0 (0.0%)");
    }
}
