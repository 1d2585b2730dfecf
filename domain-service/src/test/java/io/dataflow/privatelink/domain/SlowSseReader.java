package io.dataflow.privatelink.domain;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A subscriber that stops reading: it opens an event stream over a socket with a small receive buffer,
 * reads the response's head, then nothing until {@link #readToEnd} reads everything that is there.
 */
final class SlowSseReader implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;

    private SlowSseReader(Socket socket, BufferedReader in) {
        this.socket = socket;
        this.in = in;
    }

    static SlowSseReader open(URI uri) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                + "Accept: text/event-stream\r\nAuthorization: " + DomainServiceTokens.bearer() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        java.io.InputStream raw = new java.io.BufferedInputStream(socket.getInputStream(), 1024);
        String status = line(raw);
        if (!status.contains(" 200 ")) {
            throw new IllegalStateException("stream refused: " + status);
        }
        boolean chunked = false;
        for (String header = line(raw); !header.isEmpty(); header = line(raw)) {
            chunked |= header.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding: chunked");
        }
        java.io.InputStream body = chunked ? new Dechunked(raw) : raw;
        return new SlowSseReader(socket, new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
    }

    /** Every event until the server ends the stream (chunked framing lines are skipped). */
    List<SseClient.Event> readToEnd(Duration timeout) throws Exception {
        socket.setSoTimeout((int) timeout.toMillis());
        List<SseClient.Event> events = new ArrayList<>();
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the stream did not end within " + timeout + " (heartbeats go on); read "
                            + events.size() + " events");
                }
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty() && (name != null || data.length() > 0)) {
                    events.add(new SseClient.Event(id, name, data.toString(), null));
                    id = null;
                    name = null;
                    data.setLength(0);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the stream did not end within " + timeout + "; read " + events.size(), e);
        }
        return events;
    }

    @Override
    public void close() throws Exception {
        socket.close();
    }

    private static String line(java.io.InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** The body of a chunked response: chunk sizes and their line ends taken out. */
    private static final class Dechunked extends java.io.InputStream {
        private final java.io.InputStream in;
        private long left;
        private boolean done;

        Dechunked(java.io.InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws java.io.IOException {
            if (!inChunk()) {
                return -1;
            }
            left--;
            return in.read();
        }

        /** Up to the rest of the current chunk, as much as has arrived. */
        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            if (!inChunk()) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }

        /** Whether a chunk has bytes left to read, reading the next chunk's size when the last one is done. */
        private boolean inChunk() throws java.io.IOException {
            if (done) {
                return false;
            }
            if (left == 0) {
                String size = line(in);
                if (size.isEmpty()) {
                    size = line(in); // the line end after the previous chunk
                }
                // the size, before any chunk extensions
                left = Long.parseLong(size.split(";", -1)[0].strip(), 16);
                if (left == 0) {
                    done = true;
                    return false;
                }
            }
            return true;
        }
    }
}
