package io.courier.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Load clients that share one thread: each keeps an HTTP/1.1 connection of its own with at most one request in
 * flight, and one selector serves them all. The load generator shares the two cores with the server under test, and
 * 64 blocking clients (a thread each, woken once to pace a call and once for its answer) cost it about 0.09 ms of
 * CPU per post at a steady 2,000 posts/s, 9% of the machine.
 * <p>
 * Paced, a client's calls are due at fixed intervals and each counts from when it was due, as in {@link ClosedLoop};
 * the selector waits in whole milliseconds, so a call may go out up to a millisecond late, which counts against the
 * server. Answers must carry a Content-Length (the server's JSON answers do).
 */
final class MultiplexedClients {

    /** One client's calls: the next request, complete (head and body), ready to write. */
    interface Requests {
        byte[] next();

        /**
         * Told each answer that has the expected status, its body between the buffer's position and limit (valid
         * only during the call); false when it is wrong all the same. A client that walks pages takes its next
         * token from here.
         */
        default boolean accept(ByteBuffer body) {
            return true;
        }
    }

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final long ANSWER_TIMEOUT_NANOS = 30_000_000_000L;

    private MultiplexedClients() {
    }

    /** Runs the clients until {@code tally}'s end, their first calls due a fraction of a period apart. */
    static void run(URI server, List<Requests> clients, int expectedStatus, long period, ClosedLoop.Tally tally)
            throws IOException {
        try (Selector selector = Selector.open()) {
            List<Client> all = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                all.add(new Client(server, clients.get(i), selector, tally.start + period * i / clients.size()));
            }
            try {
                while (true) {
                    long now = System.nanoTime();
                    long nextDue = Long.MAX_VALUE;
                    boolean busy = false;
                    for (Client client : all) {
                        if (!client.inFlight && !client.finished) {
                            long before = period > 0 ? client.due : now;
                            if (before >= tally.end) {
                                client.finished = true;
                                continue;
                            }
                            if (before > now) {
                                nextDue = Math.min(nextDue, before);
                                continue;
                            }
                            client.send(before);
                            if (period > 0) {
                                client.due += period;
                            }
                        }
                        busy |= client.inFlight;
                    }
                    if (!busy && nextDue == Long.MAX_VALUE) {
                        return;
                    }
                    long waitMillis = nextDue == Long.MAX_VALUE ? 1_000
                            : Math.max(1, (nextDue - System.nanoTime() + 999_999) / 1_000_000);
                    if (selector.select(waitMillis) == 0) {
                        for (Client client : all) {
                            if (client.inFlight && System.nanoTime() - client.sentAt > ANSWER_TIMEOUT_NANOS) {
                                throw new IOException("no answer within 30 s");
                            }
                        }
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        Client client = (Client) key.attachment();
                        if (key.isWritable()) {
                            client.write();
                        }
                        if (key.isReadable() && client.read()) {
                            tally.record(client.before, System.nanoTime(), client.answeredAsExpected(expectedStatus));
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } finally {
                all.forEach(Client::close);
            }
        }
    }

    /** One connection and its call in flight. */
    private static final class Client {

        private final Requests requests;
        private final SocketChannel channel;
        private final SelectionKey key;
        private ByteBuffer out = ByteBuffer.allocate(0);
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        long due;
        long before;
        long sentAt;
        int status;
        int bodyStart;
        int answerEnd = -1; // where the answer in flight ends, once its head is read
        boolean inFlight;
        boolean finished;

        Client(URI server, Requests requests, Selector selector, long firstDue) throws IOException {
            this.requests = requests;
            this.due = firstDue;
            this.channel = SocketChannel.open(new InetSocketAddress(server.getHost(), server.getPort()));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            this.key = channel.register(selector, SelectionKey.OP_READ, this);
        }

        void send(long dueAt) throws IOException {
            before = dueAt;
            sentAt = System.nanoTime();
            inFlight = true;
            out = ByteBuffer.wrap(requests.next());
            write();
        }

        void write() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** Reads what arrived; true once the whole answer is in. */
        boolean read() throws IOException {
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            if (channel.read(in) < 0) {
                throw new IOException("connection closed by the server");
            }
            if (answerEnd < 0) {
                // the head, once it is in: a page of history arrives in several reads
                int headEnd = indexOf(in, HEAD_END);
                if (headEnd < 0) {
                    return false;
                }
                String head = new String(in.array(), 0, headEnd, StandardCharsets.US_ASCII);
                status = Integer.parseInt(head.substring(9, 12));
                bodyStart = headEnd + HEAD_END.length;
                answerEnd = bodyStart + contentLength(head);
            }
            if (in.position() < answerEnd) {
                return false;
            }
            if (in.position() != answerEnd) {
                throw new IOException("more than one answer to one request");
            }
            inFlight = false;
            return true;
        }

        /** Whether the answer just read has {@code expectedStatus} and its client accepts it; then reads afresh. */
        boolean answeredAsExpected(int expectedStatus) {
            try {
                return status == expectedStatus && requests.accept(in.flip().position(bodyStart));
            } finally {
                in.clear();
                answerEnd = -1;
            }
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the run is over
            }
        }

        private static int contentLength(String head) throws IOException {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    return Integer.parseInt(line.substring(15).trim());
                }
            }
            throw new IOException("an answer without a Content-Length: " + head.lines().findFirst().orElse(""));
        }

        private static int indexOf(ByteBuffer buffer, byte[] bytes) {
            byte[] array = buffer.array();
            for (int i = 0, last = buffer.position() - bytes.length; i <= last; i++) {
                int j = 0;
                while (j < bytes.length && array[i + j] == bytes[j]) {
                    j++;
                }
                if (j == bytes.length) {
                    return i;
                }
            }
            return -1;
        }
    }
}
