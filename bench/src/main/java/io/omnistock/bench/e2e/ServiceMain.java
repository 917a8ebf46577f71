package io.omnistock.bench.e2e;

import io.omnistock.serving.AvailabilityService;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The availability service in a JVM of its own ({@link ServiceProcess} starts it), as {@code
 * ./omnistock-serve} runs it. For the benchmark it writes, in its work directory: {@code port} once
 * it listens, {@code caught-up} once it has caught up with the topics, and {@code applied}: a line
 * {@code lastEventId nanoTime} per position record as it becomes visible to lookups. {@link
 * System#nanoTime()} is the machine's monotonic clock on Linux, the same in every JVM, so the
 * parent compares it with its own send times.
 *
 * <p>Arguments: bootstrap servers, work directory.
 */
public final class ServiceMain {
    private static final long FLUSH_MILLIS = 20;

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ServiceMain bootstrap work-dir");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch stop = ChildMain.stopSignal("service", stopped);
        ConcurrentLinkedQueue<String> applied = new ConcurrentLinkedQueue<>();
        int status = 0;
        try (AvailabilityService service =
                        AvailabilityService.start(AvailabilityService.Settings.of(args[0], 0));
                BufferedWriter out =
                        Files.newBufferedWriter(
                                dir.resolve("applied"),
                                StandardCharsets.US_ASCII,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING)) {
            service.onPositionApplied(
                    a -> {
                        if (a.getLastEventId() != null) {
                            applied.add(a.getLastEventId() + " " + System.nanoTime());
                        }
                    });
            ChildMain.replace(dir.resolve("port"), Integer.toString(service.port()));
            boolean caughtUp = false;
            while (!stop.await(FLUSH_MILLIS, TimeUnit.MILLISECONDS)) {
                String line;
                while ((line = applied.poll()) != null) {
                    out.write(line);
                    out.write('\n');
                }
                out.flush();
                if (!caughtUp && service.caughtUp()) {
                    caughtUp = true;
                    ChildMain.replace(dir.resolve("caught-up"), "true");
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            stopped.countDown();
        }
        System.exit(status);
    }

    private ServiceMain() {}
}
