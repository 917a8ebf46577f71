package io.omnistock.bench.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * The child processes of one run, stopped newest first when it closes, and by a shutdown hook if
 * this JVM ends before that (Ctrl-C, SIGTERM, {@code System.exit}).
 */
final class ChildProcesses implements AutoCloseable {
    private final List<AutoCloseable> children = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "bench-stop-children");

    ChildProcesses() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Stops {@code child} with the others; returns it. */
    synchronized <T extends AutoCloseable> T add(T child) {
        children.add(child);
        return child;
    }

    private synchronized void stopAll() {
        for (int i = children.size() - 1; i >= 0; i--) {
            try {
                children.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + children.get(i) + ": " + e);
            }
        }
        children.clear();
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // this JVM is shutting down: the hook runs (and finds nothing left to stop)
        }
    }
}
