package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveConsoleTest {
    private static final String CLEAR = "\033[2K";

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    private String printed() {
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void notOnATerminalBlocksArePlainLines() {
        LiveConsole console = LiveConsole.on(sink, false, 20);

        console.block(List.of("a line longer than twenty columns", "b"));
        console.block(List.of("c", "d"));

        assertThat(printed()).isEqualTo("a line longer than twenty columns\nb\nc\nd\n");
    }

    @Test
    void onATerminalTheNextBlockIsDrawnOverTheLastOneAndNoLineWraps() {
        LiveConsole console = LiveConsole.on(sink, true, 20);

        console.block(List.of("a line longer than twenty columns", "b"));
        console.block(List.of("c", "d"));

        assertThat(printed())
                .isEqualTo(
                        CLEAR
                                + "a line longer than…\n"
                                + CLEAR
                                + "b\n"
                                + "\033[2F"
                                + CLEAR
                                + "c\n"
                                + CLEAR
                                + "d\n");
    }

    @Test
    void otherOutputSinceTheLastBlockIsNeverOverwritten() {
        LiveConsole console = LiveConsole.on(sink, true, 80);
        console.block(List.of("a", "b"));

        java.io.PrintStream other = consoleStream(console);
        other.println("try: curl ...");
        console.block(List.of("c", "d"));

        assertThat(printed())
                .isEqualTo(
                        CLEAR
                                + "a\n"
                                + CLEAR
                                + "b\ntry: curl ...\n"
                                + CLEAR
                                + "c\n"
                                + CLEAR
                                + "d\n");
    }

    /** What System.out is once the console is installed: the console's own stream. */
    private static java.io.PrintStream consoleStream(LiveConsole console) {
        return console.stream();
    }
}
