package io.omnistock.ops;

import java.io.PrintWriter;

/**
 * A live counter for a long-running command, rewritten in place on stderr (carriage return), so it
 * never mixes with the results on stdout. Redraws every {@code every} steps and at the end.
 */
final class ProgressLine {
    private final PrintWriter err;
    private final String label;
    private final long every;

    ProgressLine(PrintWriter err, String label, long every) {
        this.err = err;
        this.label = label;
        this.every = every;
    }

    /**
     * Shows {@code done} of {@code total} and {@code note} when {@code done} is a multiple of the
     * step.
     */
    void update(long done, long total, String note) {
        if (done % every == 0) {
            draw(done, total, note);
        }
    }

    /** Shows the final count and ends the line, so later output starts on a fresh one. */
    void finish(long done, long total, String note) {
        draw(done, total, note);
        err.println();
        err.flush();
    }

    private void draw(long done, long total, String note) {
        err.print('\r' + text(label, done, total) + note);
        err.flush();
    }

    static String text(String label, long done, long total) {
        long percent = total == 0 ? 100 : done * 100 / total;
        return label + ' ' + done + '/' + total + " (" + percent + "%)";
    }
}
