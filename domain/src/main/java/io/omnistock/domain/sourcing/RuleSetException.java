package io.omnistock.domain.sourcing;

/** A sourcing rule set that does not read: the line (from 1) and why. */
public final class RuleSetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    public RuleSetException(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason);
        this.line = line;
        this.reason = reason;
    }

    /** The line at fault, from 1; 0 when the fault is the rule set as a whole. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
