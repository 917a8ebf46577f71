package io.omnistock.demo;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The demo's progress block: on a terminal it is redrawn in place, each line cut to the terminal's
 * width so none wraps; otherwise (a pipe, a file) it is printed as plain lines. A block is redrawn
 * only if nothing else was printed since the last one, so other output is never overwritten.
 */
final class LiveConsole {
    private static final String UP = "\033[%dF"; // cursor to the start of the line n lines up
    private static final String CLEAR_LINE = "\033[2K";

    private final PrintStream out;
    private final CountingStream counted;
    private final boolean terminal;
    private final int columns;
    private int lastBlockLines;
    private long bytesAfterLastBlock = -1;

    private LiveConsole(PrintStream out, CountingStream counted, boolean terminal, int columns) {
        this.out = out;
        this.counted = counted;
        this.terminal = terminal;
        this.columns = columns;
    }

    /**
     * Installs a counting {@code System.out} and returns the console writing through it. A terminal
     * is one {@link System#console()} reports; the width comes from {@code -Domnistock.columns}
     * (the launch script passes {@code tput cols}), else 120.
     */
    static LiveConsole install() {
        CountingStream counted = new CountingStream(System.out);
        PrintStream out = new PrintStream(counted, true, StandardCharsets.UTF_8);
        System.setOut(out);
        int columns = Integer.getInteger("omnistock.columns", 0);
        return new LiveConsole(out, counted, System.console() != null, columns > 0 ? columns : 120);
    }

    /** For tests: a console on {@code sink}. */
    static LiveConsole on(OutputStream sink, boolean terminal, int columns) {
        CountingStream counted = new CountingStream(sink);
        return new LiveConsole(
                new PrintStream(counted, true, StandardCharsets.UTF_8), counted, terminal, columns);
    }

    /** The stream everything else should print to (System.out once installed). */
    PrintStream stream() {
        return out;
    }

    /** Prints {@code lines}, over the previous block when that is still the last output. */
    synchronized void block(List<String> lines) {
        if (!terminal) {
            lines.forEach(out::println);
            return;
        }
        StringBuilder text = new StringBuilder();
        if (lastBlockLines > 0 && counted.count() == bytesAfterLastBlock) {
            text.append(String.format(UP, lastBlockLines));
        }
        for (String line : lines) {
            text.append(CLEAR_LINE).append(cut(line)).append('\n');
        }
        out.print(text);
        out.flush();
        lastBlockLines = lines.size();
        bytesAfterLastBlock = counted.count();
    }

    private String cut(String line) {
        return line.length() < columns ? line : line.substring(0, columns - 2) + "…";
    }

    /** The stream the console prints through, counting every byte anyone writes to it. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream sink;
        private long count;

        CountingStream(OutputStream sink) {
            this.sink = sink;
        }

        synchronized long count() {
            return count;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            sink.write(b);
            count++;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            sink.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws java.io.IOException {
            sink.flush();
        }
    }
}
