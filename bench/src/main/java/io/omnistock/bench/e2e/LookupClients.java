package io.omnistock.bench.e2e;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool of HTTP/1.1 keep-alive connections, one thread each, taking lookups from one queue
 * in schedule order: bounded connections, and a lookup waiting for a free connection counts the
 * wait (latency runs from the scheduled send). Requests are encoded once; an answer is read into a
 * reused buffer, so a lookup allocates little on the caller's side.
 */
final class LookupClients implements AutoCloseable {
    /** What a finished lookup reports: whether it was answered 200, and when (nanoTime). */
    interface Done {
        void answered(boolean ok, long atNanos);
    }

    private record Lookup(byte[] request, Done done) {}

    private final BlockingQueue<Lookup> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final int port;
    private volatile boolean running = true;

    LookupClients(int port, int connections) {
        this.port = port;
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(this::work, "bench-lookup-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** The bytes of {@code GET path} on a kept-alive connection. */
    static byte[] request(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    void submit(byte[] request, Done done) {
        queue.add(new Lookup(request, done));
    }

    private void work() {
        Socket socket = null;
        InputStream in = null;
        byte[] body = new byte[64 * 1024];
        while (running) {
            Lookup l;
            try {
                l = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (l == null) {
                continue;
            }
            boolean ok = false;
            try {
                if (socket == null) {
                    socket = new Socket("localhost", port);
                    socket.setTcpNoDelay(true);
                    in = new BufferedInputStream(socket.getInputStream(), 16_384);
                }
                ok = get(socket, in, l.request(), body) == 200;
            } catch (IOException e) {
                closeQuietly(socket);
                socket = null;
            }
            l.done().answered(ok, System.nanoTime());
        }
        closeQuietly(socket);
    }

    /** One GET; reads the whole answer; returns the status. */
    private static int get(Socket socket, InputStream in, byte[] request, byte[] body)
            throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        int status = -1;
        int length = 0;
        int lineLength = 0;
        int lineNumber = 0;
        // header lines, parsed as they are read: the status line, then Content-Length
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                if (lineLength <= 1) { // "\r\n": the end of the header
                    break;
                }
                if (lineNumber == 0) {
                    status = (body[9] - '0') * 100 + (body[10] - '0') * 10 + (body[11] - '0');
                } else if (lineLength > 15 && startsWithContentLength(body)) {
                    length = 0;
                    for (int i = 15; i < lineLength; i++) {
                        if (body[i] >= '0' && body[i] <= '9') {
                            length = length * 10 + (body[i] - '0');
                        }
                    }
                }
                lineNumber++;
                lineLength = 0;
            } else if (lineLength < body.length) {
                body[lineLength++] = (byte) b;
            }
        }
        int left = length;
        while (left > 0) {
            int n = in.read(body, 0, Math.min(left, body.length));
            if (n < 0) {
                throw new EOFException("connection closed in a body");
            }
            left -= n;
        }
        return status;
    }

    private static boolean startsWithContentLength(byte[] line) {
        String name = "content-length:";
        for (int i = 0; i < name.length(); i++) {
            if (Character.toLowerCase((char) line[i]) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(5_000);
        }
    }
}
