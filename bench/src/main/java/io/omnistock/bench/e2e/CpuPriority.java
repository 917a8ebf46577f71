package io.omnistock.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lowers the CPU priority of a running process, every thread of it: Linux keeps a nice value per
 * thread, and a thread started later inherits its starter's. What an operator does with {@code
 * nice} (or a cgroup's CPU weight) to put a latency-bound service ahead of a throughput-bound job
 * on shared cores; lowering a priority needs no privilege.
 */
final class CpuPriority {
    private CpuPriority() {}

    /** Sets nice {@code niceness} on every thread of process {@code pid} via {@code renice}. */
    static void lower(long pid, int niceness) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(niceness)));
        command.add("-p");
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(t -> command.add(t.getFileName().toString()));
        }
        Process renice =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        // a non-zero exit is a thread that ended between the listing and renice
        renice.waitFor();
    }
}
