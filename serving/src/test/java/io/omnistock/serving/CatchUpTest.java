package io.omnistock.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CatchUpTest {

    @Test
    void caughtUpOnceEveryPartitionReachedItsEndOffsetAtStart() {
        CatchUp<String> catchUp = new CatchUp<>(Map.of("a-0", 10L, "a-1", 5L));
        assertThat(catchUp.caughtUp()).isFalse();
        assertThat(catchUp.remaining()).isEqualTo(15);

        catchUp.positionAt("a-0", 10);
        assertThat(catchUp.caughtUp()).isFalse();
        assertThat(catchUp.remaining()).isEqualTo(5);

        catchUp.positionAt("a-1", 6); // past a transaction marker
        assertThat(catchUp.caughtUp()).isTrue();
        assertThat(catchUp.remaining()).isZero();
    }

    @Test
    void emptyTopicsAreCaughtUpAtOnce() {
        assertThat(new CatchUp<>(Map.of("a-0", 0L)).caughtUp()).isTrue();
    }

    @Test
    void staysCaughtUpAndIgnoresPositionsGoingBack() {
        CatchUp<String> catchUp = new CatchUp<>(Map.of("a-0", 3L));
        catchUp.positionAt("a-0", 2);
        catchUp.positionAt("a-0", 0); // a restarted consumer reads from the beginning again
        assertThat(catchUp.remaining()).isEqualTo(1);
        catchUp.positionAt("a-0", 3);
        catchUp.positionAt("a-0", 0);
        assertThat(catchUp.caughtUp()).isTrue();
        assertThat(catchUp.total()).isEqualTo(3);
    }
}
