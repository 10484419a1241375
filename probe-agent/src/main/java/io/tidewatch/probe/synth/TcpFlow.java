package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * A TCP connection played from a {@link TcpScript} as a sensor near the client sees it: handshake (or a refused,
 * half-open or unanswered attempt), messages cut into MSS-sized segments with slow start and then pacing at the
 * sender's rate, delayed ACKs (every second segment, 40 ms for a lone one, piggybacked when the receiver answers
 * sooner), sequence and acknowledgement numbers that add up, TCP timestamps when both ends offered them, and a
 * FIN or RST teardown.
 *
 * <p>A packet from endpoint X is answered by its peer Y, at the sensor, Y's round-trip time later: the time a
 * packet takes from the sensor to Y and the reply from Y back to the sensor.
 */
final class TcpFlow extends Flow {
    private static final long DELAYED_ACK_NANOS = 40_000_000L;
    private static final long LINE_RATE_BPS = 1_000_000_000L;
    private static final long IDLE_RESTART_NANOS = 1_000_000_000L;
    private static final int INITIAL_WINDOW = 10;

    private static final int HANDSHAKE = 0;
    private static final int MESSAGES = 1;
    private static final int CLOSING = 2;

    private final TcpScript script;
    private final long clientRateBps;
    private final long serverRateBps;
    private final boolean timestamps;
    private final boolean windowScaling;
    private final int mss;
    private final long pathRtt;
    private final long clientIsn;
    private final long serverIsn;
    private final long tsClockClient;
    private final long tsClockServer;

    private long clientNext;
    private long serverNext;
    private long clientReceived;
    private long serverReceived;
    private long lastAckByClient;
    private long lastAckByServer;

    private int phase = HANDSHAKE;
    private int message;
    private boolean senderIsClient;
    private long bytesLeft;
    private int segmentsSinceAck;
    private int cwnd = INITIAL_WINDOW;
    private int roundCount;
    private long roundStart;
    private boolean paced;
    private long lastSegmentTime;

    TcpFlow(Endpoint client, int clientPort, Endpoint server, int serverPort, TcpScript script,
            long clientRateBps, long serverRateBps, AttackKind attack, SplittableRandom rng, long startNanos) {
        super(client, server, Packet.TCP, clientPort, serverPort, attack, rng, startNanos);
        if (clientRateBps <= 0 || serverRateBps <= 0) {
            throw new IllegalArgumentException("tcp flow rates " + clientRateBps + "/" + serverRateBps
                    + " bit/s: expected positive");
        }
        this.script = script;
        this.timestamps = client.stack.timestamps && server.stack.timestamps;
        this.windowScaling = client.stack.windowScale > 0 && server.stack.windowScale > 0;
        this.mss = Math.min(client.stack.mss(client.v6), server.stack.mss(server.v6)) - (timestamps ? 12 : 0);
        this.pathRtt = client.rttNanos + server.rttNanos;
        // A sender never has more in flight than the receiver's largest window: without window scaling that
        // caps throughput at 64 KiB per round trip.
        this.clientRateBps = Math.min(clientRateBps, rateCap(server));
        this.serverRateBps = Math.min(serverRateBps, rateCap(client));
        this.clientIsn = rng.nextLong(1L << 32);
        this.serverIsn = rng.nextLong(1L << 32);
        this.tsClockClient = rng.nextLong(1L << 32);
        this.tsClockServer = rng.nextLong(1L << 32);
    }

    @Override
    protected void step() {
        switch (phase) {
            case HANDSHAKE -> handshake(stepTime);
            case MESSAGES -> segment(stepTime);
            default -> close(stepTime);
        }
    }

    /** When endpoint {@code responder} answers a packet seen at the sensor at {@code t}. */
    private long answer(long t, Endpoint responder) {
        return t + responder.rttNanos + rng.nextLong(responder.rttNanos / 16 + 1);
    }

    private void handshake(long t) {
        emit(t, true, Packet.SYN, clientIsn, 0, client.stack.synWindow, 0);
        switch (script.opening) {
            case UNANSWERED -> {
                long retry = t;
                long backoff = 1_000_000_000L;
                for (int i = 0; i < script.synRetries; i++) {
                    retry += backoff;
                    backoff *= 2;
                    emit(retry, true, Packet.SYN, clientIsn, 0, client.stack.synWindow, 0);
                }
                stepTime = NEVER;
            }
            case REFUSED -> {
                emit(answer(t, server), false, Packet.RST | Packet.ACK, 0, clientIsn + 1, 0, 0);
                stepTime = NEVER;
            }
            case PROBE_OPEN -> {
                long t1 = answer(t, server);
                emit(t1, false, Packet.SYN | Packet.ACK, serverIsn, clientIsn + 1, server.stack.synWindow, 0);
                // The prober never opened a socket, so its kernel resets the connection.
                emit(answer(t1, client), true, Packet.RST, clientIsn + 1, 0, 0, 0);
                stepTime = NEVER;
            }
            case ESTABLISH -> {
                long t1 = answer(t, server);
                emit(t1, false, Packet.SYN | Packet.ACK, serverIsn, clientIsn + 1, server.stack.synWindow, 0);
                long t2 = answer(t1, client);
                clientNext = clientIsn + 1;
                serverNext = serverIsn + 1;
                emit(t2, true, Packet.ACK, clientNext, serverNext, window(true), 0);
                lastSegmentTime = t2;
                phase = MESSAGES;
                message = 0;
                stepTime = nextStart(t2, true);
                beginMessage();
            }
        }
    }

    /** Start of the step after a packet from the client ({@code fromClient}) or server seen at {@code t}. */
    private long nextStart(long t, boolean fromClient) {
        if (message >= script.count) {
            Endpoint closer = closerIsClient() ? client : server;
            boolean turn = closerIsClient() != fromClient;
            return (turn ? t + closer.rttNanos : t) + script.idleBeforeCloseNanos;
        }
        boolean nextFromClient = script.sizes[message] > 0;
        long start = t + script.thinkNanos[message];
        if (nextFromClient != fromClient) {
            start = answer(start, nextFromClient ? client : server);
        }
        return start;
    }

    private boolean closerIsClient() {
        return script.close == TcpScript.Close.CLIENT_FIN || script.close == TcpScript.Close.CLIENT_RST;
    }

    private void beginMessage() {
        if (message >= script.count) {
            phase = CLOSING;
            if (script.close == TcpScript.Close.NONE) {
                stepTime = NEVER;
            }
            return;
        }
        senderIsClient = script.sizes[message] > 0;
        bytesLeft = Math.abs((long) script.sizes[message]);
        segmentsSinceAck = 0;
        if (stepTime - lastSegmentTime > IDLE_RESTART_NANOS) {
            cwnd = INITIAL_WINDOW; // RFC 5681 restart after idle
            paced = false;
        }
        roundCount = 0;
        roundStart = stepTime;
    }

    private void segment(long t) {
        boolean fromClient = senderIsClient;
        int len = (int) Math.min(mss, bytesLeft);
        bytesLeft -= len;
        boolean last = bytesLeft == 0;
        long seq = fromClient ? clientNext : serverNext;
        long ack = fromClient ? serverNext : clientNext;
        emit(t, fromClient, Packet.ACK | (last ? Packet.PSH : 0), seq, ack, window(fromClient), len);
        if (fromClient) {
            clientNext += len;
            serverReceived += len;
        } else {
            serverNext += len;
            clientReceived += len;
        }
        lastSegmentTime = t;
        segmentsSinceAck++;
        Endpoint receiver = fromClient ? server : client;
        if (!last) {
            if (segmentsSinceAck == 2) {
                pureAck(!fromClient, answer(t, receiver));
                segmentsSinceAck = 0;
            }
            stepTime = nextSegmentTime(t, len, fromClient ? clientRateBps : serverRateBps, receiver);
            return;
        }
        message++;
        long next = nextStart(t, fromClient);
        // A lone last segment waits for the delayed-ACK timer; either ACK rides on the receiver's own next
        // segment (its reply or its FIN) when that comes first.
        long ackTime = answer(t, receiver) + (segmentsSinceAck == 1 ? DELAYED_ACK_NANOS : 0);
        boolean receiverSpeaksNext = message < script.count
                ? (script.sizes[message] > 0) != fromClient
                : script.close != TcpScript.Close.NONE;
        if (!(receiverSpeaksNext && next <= ackTime)) {
            pureAck(!fromClient, ackTime);
        }
        stepTime = next;
        beginMessage();
    }

    private void pureAck(boolean byClient, long t) {
        if (byClient) {
            t = Math.max(t, lastAckByClient + 1_000);
            lastAckByClient = t;
            emit(t, true, Packet.ACK, clientNext, serverNext, window(true), 0);
        } else {
            t = Math.max(t, lastAckByServer + 1_000);
            lastAckByServer = t;
            emit(t, false, Packet.ACK, serverNext, clientNext, window(false), 0);
        }
    }

    /** Slow start in round-trip rounds of back-to-back segments, then pacing at the sender's rate. */
    private long nextSegmentTime(long t, int len, long rateBps, Endpoint receiver) {
        long wireBits = (len + 66L) * 8;
        long lineGap = wireBits * 1_000_000_000L / LINE_RATE_BPS;
        long paceGap = wireBits * 1_000_000_000L / rateBps;
        if (paced) {
            return t + Math.max(lineGap, paceGap - paceGap / 10 + rng.nextLong(paceGap / 5 + 1));
        }
        roundCount++;
        if (roundCount < cwnd) {
            return t + lineGap;
        }
        long perRtt = Math.max(2, rateBps / 8 * pathRtt / 1_000_000_000L / (len + 66L));
        perRtt = Math.min(perRtt, Math.max(2, maxWindowBytes(receiver) * 3 / 4 / mss));
        cwnd = (int) Math.min((long) cwnd * 2, Integer.MAX_VALUE / 2);
        roundCount = 0;
        long next = Math.max(t + lineGap, roundStart + pathRtt);
        roundStart = next;
        if (cwnd >= perRtt) {
            paced = true;
        }
        return next;
    }

    private void close(long t) {
        stepTime = NEVER;
        switch (script.close) {
            case CLIENT_FIN -> {
                emit(t, true, Packet.FIN | Packet.ACK, clientNext, serverNext, window(true), 0);
                clientNext++;
                long t1 = answer(t, server);
                emit(t1, false, Packet.FIN | Packet.ACK, serverNext, clientNext, window(false), 0);
                serverNext++;
                emit(answer(t1, client), true, Packet.ACK, clientNext, serverNext, window(true), 0);
            }
            case SERVER_FIN -> {
                emit(t, false, Packet.FIN | Packet.ACK, serverNext, clientNext, window(false), 0);
                serverNext++;
                long t1 = answer(t, client);
                emit(t1, true, Packet.FIN | Packet.ACK, clientNext, serverNext, window(true), 0);
                clientNext++;
                emit(answer(t1, server), false, Packet.ACK, serverNext, clientNext, window(false), 0);
            }
            case CLIENT_RST -> emit(t, true, Packet.RST | Packet.ACK, clientNext, serverNext, 0, 0);
            case SERVER_RST -> emit(t, false, Packet.RST | Packet.ACK, serverNext, clientNext, 0, 0);
            case NONE -> {
            }
        }
    }

    private long rateCap(Endpoint receiver) {
        return Math.max(1_000_000L, maxWindowBytes(receiver) * 8 * 1_000_000_000L / Math.max(1, pathRtt) * 3 / 4);
    }

    private long maxWindowBytes(Endpoint receiver) {
        return windowScaling ? 65535L << receiver.stack.windowScale : 65535L;
    }

    /**
     * The receive window a side advertises: autotuning opens it by what has arrived, so it stays ahead of a
     * sender whose window doubles each round trip.
     */
    private int window(boolean ofClient) {
        TcpStack stack = ofClient ? client.stack : server.stack;
        long received = ofClient ? clientReceived : serverReceived;
        if (!windowScaling) {
            return (int) Math.min(65535, Math.max(stack.synWindow, 29200 + received));
        }
        long grown = stack.establishedWindow + 2 * (received >> stack.windowScale);
        return (int) Math.min(65535, grown);
    }

    @Override
    protected void decorate(Packet p, boolean fromClient) {
        boolean syn = (p.flags & Packet.SYN) != 0;
        boolean synAck = syn && (p.flags & Packet.ACK) != 0;
        // Resets go out bare, as kernels send them for connections they do not (or no longer) track.
        p.timestamps = (p.flags & Packet.RST) == 0 && (syn && !synAck ? client.stack.timestamps : timestamps);
        if (p.timestamps) {
            long ms = p.timeNanos / 1_000_000L;
            p.tsVal = (fromClient ? tsClockClient : tsClockServer) + ms;
            p.tsEcr = syn && !synAck ? 0
                    : (fromClient ? tsClockServer : tsClockClient) + Math.max(0, ms - pathRtt / 2_000_000L);
        }
    }
}
