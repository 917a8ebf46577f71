package io.omnistock.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void redrawsInPlaceEveryStepAndEndsWithTheFinalCount() {
        StringWriter err = new StringWriter();
        ProgressLine progress = new ProgressLine(new PrintWriter(err), "read", 2);

        for (long done = 1; done <= 3; done++) {
            progress.update(done, 3, ", " + (done - 1) + " replayed");
        }
        progress.finish(3, 3, ", 3 replayed");

        assertThat(err.toString())
                .isEqualTo(
                        "\rread 2/3 (66%), 1 replayed\rread 3/3 (100%), 3 replayed"
                                + System.lineSeparator());
    }

    @Test
    void anEmptyTopicIsDone() {
        assertThat(ProgressLine.text("read", 0, 0)).isEqualTo("read 0/0 (100%)");
    }
}
