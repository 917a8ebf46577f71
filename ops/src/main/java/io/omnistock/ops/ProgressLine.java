package io.omnistock.ops;

import java.io.PrintWriter;

/**
 * A live counter for a long-running command, rewritten in place on stderr (carriage return), so it
 * never mixes with the results on stdout. Redraws at most every {@code every} steps.
 */
final class ProgressLine {
    private final PrintWriter err;
    private final String label;
    private final long every;
    private boolean drawn;

    ProgressLine(PrintWriter err, String label, long every) {
        this.err = err;
        this.label = label;
        this.every = every;
    }

    /**
     * Shows {@code done} of {@code total} and {@code note} when {@code done} is a multiple of the
     * step or the last one.
     */
    void update(long done, long total, String note) {
        if (done % every == 0 || done == total) {
            err.print('\r' + text(label, done, total) + note);
            err.flush();
            drawn = true;
        }
    }

    /** Ends the line, so later output starts on a fresh one. */
    void finish() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }

    static String text(String label, long done, long total) {
        long percent = total == 0 ? 100 : done * 100 / total;
        return label + ' ' + done + '/' + total + " (" + percent + "%)";
    }
}
