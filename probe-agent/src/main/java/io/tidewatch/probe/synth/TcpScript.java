package io.tidewatch.probe.synth;

import java.util.Arrays;

/**
 * What the two ends of a TCP connection say to each other: application messages in order (direction, size, the
 * sender's think time before it), how the connection opens, how long it idles afterwards and how it ends. Sizes are
 * application bytes; {@link TcpFlow} cuts them into segments.
 */
final class TcpScript {

    /** How the handshake goes. */
    enum Opening {
        /** SYN, SYN-ACK, ACK, then the messages. */
        ESTABLISH,
        /** SYN answered by RST-ACK: a closed port. */
        REFUSED,
        /** SYN, SYN-ACK, then the client resets: a half-open probe (SYN scan of an open port, SYN flood). */
        PROBE_OPEN,
        /** SYN without an answer (filtered port, absent host, overwhelmed server), with kernel retransmissions. */
        UNANSWERED
    }

    /** How an established connection ends. */
    enum Close {
        CLIENT_FIN, SERVER_FIN, CLIENT_RST, SERVER_RST,
        /** Still open when the capture ends. */
        NONE
    }

    final Opening opening;
    final int synRetries;
    /** Positive: client to server; negative: server to client. */
    final int[] sizes;
    final long[] thinkNanos;
    final int count;
    final long idleBeforeCloseNanos;
    final Close close;

    private TcpScript(Opening opening, int synRetries, int[] sizes, long[] thinkNanos, int count,
            long idleBeforeCloseNanos, Close close) {
        this.opening = opening;
        this.synRetries = synRetries;
        this.sizes = sizes;
        this.thinkNanos = thinkNanos;
        this.count = count;
        this.idleBeforeCloseNanos = idleBeforeCloseNanos;
        this.close = close;
    }

    static TcpScript refused() {
        return new TcpScript(Opening.REFUSED, 0, new int[0], new long[0], 0, 0, Close.NONE);
    }

    static TcpScript probeOpen() {
        return new TcpScript(Opening.PROBE_OPEN, 0, new int[0], new long[0], 0, 0, Close.NONE);
    }

    static TcpScript unanswered(int retries) {
        return new TcpScript(Opening.UNANSWERED, retries, new int[0], new long[0], 0, 0, Close.NONE);
    }

    static Builder established() {
        return new Builder();
    }

    /** Collects the messages of an established connection. */
    static final class Builder {
        private int[] sizes = new int[8];
        private long[] think = new long[8];
        private int count;

        /** The client sends {@code bytes} after thinking {@code thinkNanos}. */
        Builder client(int bytes, long thinkNanos) {
            return add(bytes, thinkNanos);
        }

        /** The server sends {@code bytes} after thinking {@code thinkNanos}. */
        Builder server(int bytes, long thinkNanos) {
            return add(-bytes, thinkNanos);
        }

        private Builder add(int signedBytes, long thinkNanos) {
            if (signedBytes == 0) {
                return this;
            }
            if (count == sizes.length) {
                sizes = Arrays.copyOf(sizes, count * 2);
                think = Arrays.copyOf(think, count * 2);
            }
            sizes[count] = signedBytes;
            think[count] = Math.max(50_000L, thinkNanos);
            count++;
            return this;
        }

        TcpScript close(long idleNanos, Close close) {
            return new TcpScript(Opening.ESTABLISH, 0, sizes, think, count, Math.max(0, idleNanos), close);
        }
    }
}
