package io.omnistock.bench.e2e;

import io.omnistock.deploy.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The child processes of one run, stopped newest first when it closes, by a shutdown hook if this
 * JVM ends before that (Ctrl-C, SIGTERM, {@code System.exit}), and by an {@link OrphanReaper} if
 * this JVM dies (SIGKILL, a crash).
 */
final class ChildProcesses implements AutoCloseable {
    private final List<AutoCloseable> children = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "bench-stop-children");
    private final Process reaper;
    private final OutputStream toReaper;

    ChildProcesses() throws IOException {
        reaper =
                new ProcessBuilder(
                                ChildJvm.javaBinary(),
                                "-Xmx32m",
                                "-XX:+UseSerialGC",
                                "-cp",
                                System.getProperty("java.class.path"),
                                OrphanReaper.class.getName())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        toReaper = reaper.getOutputStream();
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Stops {@code child} with the others; returns it. Call it once {@code child} has started: the
     * reaper is told every child process of this JVM alive then.
     */
    synchronized <T extends AutoCloseable> T add(T child) {
        children.add(child);
        StringBuilder pids = new StringBuilder();
        ProcessHandle.current()
                .children()
                .filter(p -> p.pid() != reaper.pid())
                .forEach(p -> pids.append(p.pid()).append('\n'));
        try {
            toReaper.write(pids.toString().getBytes(StandardCharsets.US_ASCII));
            toReaper.flush();
        } catch (IOException e) {
            System.err.println(
                    "the orphan reaper is gone (" + e + "); children stop on close only");
        }
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
        try {
            toReaper.write((OrphanReaper.DONE + "\n").getBytes(StandardCharsets.US_ASCII));
            toReaper.close();
        } catch (IOException e) {
            // already told, or gone
        }
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
