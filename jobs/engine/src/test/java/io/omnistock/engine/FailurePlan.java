package io.omnistock.engine;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A sequence of failures for {@link FailingSource}'s readers to throw, one at a time, each after
 * the job has made progress (records flowing and a checkpoint completed) since the last. The
 * MiniCluster runs in the test's JVM, so the readers and the test share this state.
 */
final class FailurePlan {
    /** Where a failure is thrown. */
    enum Kind {
        /** From {@code pollNext}, while records flow. */
        PROCESSING,
        /** From {@code snapshotState}: the checkpoint fails, and with it the job. */
        CHECKPOINT,
        /** From the first {@code pollNext} after the previous failure's restore. */
        RECOVERY,
        /**
         * From {@code pollNext} as PROCESSING, and then from every reader's {@code close} while the
         * failed job is torn down.
         */
        PROCESSING_AND_CLOSE
    }

    /** Thrown where the plan says. */
    static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String where) {
            super("injected failure " + where);
        }
    }

    private static List<Kind> steps = List.of();
    private static int next;
    private static boolean fired;
    private static long recordsBetween;
    private static long emittedSinceArmed;
    private static int checkpointsSinceArmed;
    private static boolean closeFails;
    private static final Map<Kind, Integer> INJECTED = new EnumMap<>(Kind.class);
    private static int closeFailures;

    private FailurePlan() {}

    /**
     * Arms the first of {@code plan}: each failure waits for this many records and a checkpoint.
     */
    static synchronized void start(List<Kind> plan, long recordsBetweenFailures) {
        steps = List.copyOf(plan);
        next = 0;
        fired = false;
        recordsBetween = recordsBetweenFailures;
        emittedSinceArmed = 0;
        checkpointsSinceArmed = 0;
        closeFails = false;
        INJECTED.clear();
        closeFailures = 0;
    }

    /** Whether every failure of the plan has been thrown and the job restarted after the last. */
    static synchronized boolean done() {
        return next >= steps.size();
    }

    static synchronized Map<Kind, Integer> injected() {
        return new EnumMap<>(INJECTED);
    }

    static synchronized int injectedTotal() {
        return INJECTED.values().stream().mapToInt(Integer::intValue).sum();
    }

    static synchronized int closeFailures() {
        return closeFailures;
    }

    /** A reader is created: after a failure, the job is restarting, so the next step is armed. */
    static synchronized void readerCreated() {
        if (fired) {
            fired = false;
            closeFails = false;
            next++;
            emittedSinceArmed = 0;
            checkpointsSinceArmed = 0;
        }
    }

    static synchronized void beforePoll(boolean firstPollOfReader) {
        Kind kind = current();
        if (kind == Kind.RECOVERY && firstPollOfReader) {
            fire(kind, "while recovering from the previous failure");
        } else if ((kind == Kind.PROCESSING || kind == Kind.PROCESSING_AND_CLOSE) && progressed()) {
            closeFails = kind == Kind.PROCESSING_AND_CLOSE;
            fire(kind, "while processing");
        }
    }

    static synchronized void recordEmitted() {
        emittedSinceArmed++;
    }

    static synchronized void onSnapshot(long checkpointId) {
        if (current() == Kind.CHECKPOINT && progressed()) {
            fire(Kind.CHECKPOINT, "while taking checkpoint " + checkpointId);
        }
    }

    static synchronized void checkpointCompleted() {
        checkpointsSinceArmed++;
    }

    static synchronized void onClose() {
        if (closeFails) {
            closeFailures++;
            throw new InjectedFailure("on close");
        }
    }

    private static Kind current() {
        return fired || next >= steps.size() ? null : steps.get(next);
    }

    private static boolean progressed() {
        return emittedSinceArmed >= recordsBetween && checkpointsSinceArmed > 0;
    }

    private static void fire(Kind kind, String where) {
        fired = true;
        INJECTED.merge(kind, 1, Integer::sum);
        throw new InjectedFailure(where);
    }
}
