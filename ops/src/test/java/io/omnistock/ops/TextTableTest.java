package io.omnistock.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCell() {
        StringWriter out = new StringWriter();

        new TextTable("NODE", "ATP")
                .row("store-12", 4)
                .row("dc-1", 250)
                .print(new PrintWriter(out));

        assertThat(out.toString().lines())
                .containsExactly("NODE      ATP", "store-12  4", "dc-1      250");
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThatThrownBy(() -> new TextTable("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
