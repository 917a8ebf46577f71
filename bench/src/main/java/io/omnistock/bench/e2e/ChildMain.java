package io.omnistock.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmark's child JVMs share: a latch that opens on SIGTERM or when standard input
 * closes (which happens when the JVM that started the child ends, even killed), and files replaced
 * whole so their reader never sees a part.
 */
final class ChildMain {
    private ChildMain() {}

    /**
     * A latch opened by SIGTERM or by the parent's end; the shutdown hook waits (up to 30 s) for
     * {@code stopped} so the child can finish its work.
     */
    static CountDownLatch stopSignal(String name, CountDownLatch stopped) {
        CountDownLatch stop = new CountDownLatch(1);
        Thread parent =
                new Thread(
                        () -> {
                            try {
                                while (System.in.read() >= 0) {
                                    // nothing is sent; end of input is the parent's end
                                }
                            } catch (IOException e) {
                                // the parent's end too
                            }
                            stop.countDown();
                        },
                        "parent-watch");
        parent.setDaemon(true);
        parent.start();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stop.countDown();
                                    try {
                                        stopped.await(30, TimeUnit.SECONDS);
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                },
                                name + "-stop"));
        return stop;
    }

    /** Replaces the file at once: a reader sees the old content or the new, never a part. */
    static void replace(Path file, String content) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content, StandardCharsets.US_ASCII);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
