package io.omnistock.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small JVM that stops a benchmark's child processes if the benchmark's JVM dies without stopping
 * them (SIGKILL, a crash): {@link ChildProcesses} writes their process ids to its standard input,
 * one a line, and {@value #DONE} once it has stopped them itself. Input ending without {@value
 * #DONE} means the parent is gone: each child still alive gets SIGTERM, and SIGKILL after {@value
 * #GRACE_SECONDS} s.
 */
public final class OrphanReaper {
    static final String DONE = "done";
    private static final long GRACE_SECONDS = 10;

    public static void main(String[] args) throws IOException, InterruptedException {
        List<Long> pids = new ArrayList<>();
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals(DONE)) {
                return;
            }
            pids.add(Long.parseLong(line.trim()));
        }
        List<ProcessHandle> alive =
                pids.stream()
                        .map(ProcessHandle::of)
                        .flatMap(Optional::stream)
                        .filter(ProcessHandle::isAlive)
                        .toList();
        alive.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        for (ProcessHandle p : alive) {
            while (p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private OrphanReaper() {}
}
