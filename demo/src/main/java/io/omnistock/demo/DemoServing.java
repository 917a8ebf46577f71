package io.omnistock.demo;

import io.omnistock.avro.Availability;
import io.omnistock.contracts.DecodeException;
import io.omnistock.serving.AvailabilityService;
import java.io.IOException;
import java.net.BindException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The availability service beside the demo's job, in this JVM: on {@code --serve-port}, else a free
 * port; announced once with a {@code curl} for a key the job has written.
 */
final class DemoServing implements AutoCloseable {
    private final AvailabilityService service;
    private boolean announced;

    private DemoServing(AvailabilityService service) {
        this.service = service;
    }

    static DemoServing start(String bootstrap, int port) throws IOException {
        AvailabilityService service;
        try {
            service = AvailabilityService.start(AvailabilityService.Settings.of(bootstrap, port));
        } catch (BindException e) {
            System.out.printf(
                    "Port %d is taken; the availability service uses a free port instead.%n", port);
            service = AvailabilityService.start(AvailabilityService.Settings.of(bootstrap, 0));
        }
        System.out.printf(
                "Availability API at %s (docs/reference/availability-api.md).%n", service.url());
        return new DemoServing(service);
    }

    /** Prints, once, a {@code curl} for the first position the watcher has seen. */
    void announceExample(OutputWatcher watcher) {
        if (announced) {
            return;
        }
        Availability sample;
        try {
            sample = watcher.latestAvailability();
        } catch (DecodeException e) {
            return;
        }
        if (sample != null) {
            announced = true;
            System.out.printf(
                    "  try: curl -s %s/v1/availability/%s/%s%n",
                    service.url(), segment(sample.getSku()), segment(sample.getNodeId()));
        }
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() throws InterruptedException {
        service.close();
    }
}
