package io.omnistock.bench.e2e;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.AttributeList;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The stop-the-world garbage collections of one JVM (G1: young, mixed and full collections; ZGC:
 * its pauses; the concurrent cycles of collectors that report them are left out), from its
 * GarbageCollectorMXBeans: this JVM's own, or a child's over JMX on localhost ({@link
 * #jmxFlags(int)}). The longest pause is watched in this JVM only.
 */
final class GcPauses implements AutoCloseable {
    /** Collections and their time so far; NaN-valued when the JVM could not be asked. */
    record Totals(long count, double millis) {
        static final Totals UNKNOWN = new Totals(0, Double.NaN);

        Totals minus(Totals earlier) {
            return new Totals(count - earlier.count, millis - earlier.millis);
        }
    }

    private final String name;
    private final MBeanServerConnection server;
    private final JMXConnector connector;
    private final AtomicLong longest = new AtomicLong();
    private final NotificationListener listener = this::collected;

    private GcPauses(String name, MBeanServerConnection server, JMXConnector connector) {
        this.name = name;
        this.server = server;
        this.connector = connector;
    }

    /** This JVM's collections, and the longest pause since {@link #resetLongest()}. */
    static GcPauses local() {
        GcPauses gc = new GcPauses("this JVM", ManagementFactory.getPlatformMBeanServer(), null);
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(gc.listener, null, null);
            }
        }
        return gc;
    }

    /** The flags that open a child JVM's platform MBeans on {@code port}, localhost only. */
    static List<String> jmxFlags(int port) {
        return List.of(
                "-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false",
                "-Dcom.sun.management.jmxremote.local.only=true",
                "-Djava.rmi.server.hostname=localhost");
    }

    /** A child JVM's collections, over JMX on {@code port}, trying until {@code timeout}. */
    static GcPauses remote(String name, int port, Duration timeout) throws Exception {
        JMXServiceURL url =
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://localhost:" + port + "/jmxrmi");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                JMXConnector connector = JMXConnectorFactory.connect(url);
                return new GcPauses(name, connector.getMBeanServerConnection(), connector);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("no JMX answer from the " + name + " at " + url, e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Collections so far; {@link Totals#UNKNOWN} if the JVM does not answer. */
    Totals totals() {
        try {
            long count = 0;
            long millis = 0;
            for (ObjectName bean :
                    server.queryNames(
                            new ObjectName(
                                    ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE + ",*"),
                            null)) {
                if (concurrent(bean.getKeyProperty("name"))) {
                    continue;
                }
                AttributeList values =
                        server.getAttributes(
                                bean, new String[] {"CollectionCount", "CollectionTime"});
                count += Math.max(0, (Long) values.asList().get(0).getValue());
                millis += Math.max(0, (Long) values.asList().get(1).getValue());
            }
            return new Totals(count, millis);
        } catch (IOException | javax.management.JMException | RuntimeException e) {
            System.err.println("GC figures of the " + name + " unavailable: " + e);
            return Totals.UNKNOWN;
        }
    }

    /** Starts watching for the longest pause afresh (this JVM only). */
    void resetLongest() {
        longest.set(0);
    }

    /** The longest pause since {@link #resetLongest()}, in ms (this JVM only). */
    double longestMillis() {
        return longest.get();
    }

    private void collected(Notification n, Object handback) {
        if (!n.getType()
                .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        if (concurrent(info.getGcName())) {
            return;
        }
        longest.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
    }

    /**
     * A collector that reports concurrent cycles, not pauses: Shenandoah's and ZGC's "Cycles" (ZGC
     * reports its pauses apart, as "ZGC Pauses").
     */
    private static boolean concurrent(String collector) {
        return collector.contains("Concurrent") || collector.contains("Cycles");
    }

    @Override
    public void close() throws IOException {
        if (connector != null) {
            connector.close();
            return;
        }
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                    // not registered on this one
                }
            }
        }
    }
}
