package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * One bidirectional flow being synthesized: a small time-ordered queue of its pending packets, refilled step by
 * step from the flow's own model. A step may emit packets later than the next step's time (an ACK one round trip
 * after the segment it answers); the queue keeps them sorted, and the head is released only once no future step
 * can precede it, so a flow always hands out its packets in time order.
 */
abstract class Flow extends Scheduled {
    static final long NEVER = Long.MAX_VALUE;

    final Endpoint client;
    final Endpoint server;
    final int proto;
    final int clientPort;
    final int serverPort;
    /** Null for benign traffic. */
    final AttackKind attack;
    final SplittableRandom rng;

    long firstNanos = -1;
    long lastNanos;
    long packets;
    long ipBytes;

    /** Time of the next model step, {@link #NEVER} once the model has nothing more to emit. */
    protected long stepTime;

    private int ipIdClient;
    private int ipIdServer;
    private final int flowLabelClient;
    private final int flowLabelServer;

    // Pending packets, a ring of parallel arrays sorted by time.
    private long[] qTime = new long[8];
    private boolean[] qFromClient = new boolean[8];
    private byte[] qFlags = new byte[8];
    private long[] qSeq = new long[8];
    private long[] qAck = new long[8];
    private int[] qWindow = new int[8];
    private int[] qLength = new int[8];
    private int qHead;
    private int qSize;

    Flow(Endpoint client, Endpoint server, int proto, int clientPort, int serverPort, AttackKind attack,
            SplittableRandom rng, long startNanos) {
        if (client.v6 != server.v6) {
            throw new IllegalArgumentException("flow " + client + " -> " + server + ": address families differ");
        }
        this.client = client;
        this.server = server;
        this.proto = proto;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.attack = attack;
        this.rng = rng;
        this.stepTime = startNanos;
        this.ipIdClient = rng.nextInt(65536);
        this.ipIdServer = rng.nextInt(65536);
        this.flowLabelClient = rng.nextInt(1 << 20);
        this.flowLabelServer = rng.nextInt(1 << 20);
    }

    /** Emits the packets of the step at {@link #stepTime} and moves {@link #stepTime} on (or to NEVER). */
    protected abstract void step();

    /** Fills TCP-specific fields of an outgoing packet; UDP flows leave them alone. */
    protected void decorate(Packet p, boolean fromClient) {
    }

    /**
     * Runs model steps until the earliest pending packet can no longer be preceded, then sets {@link #time} to it.
     *
     * @return false when the flow has nothing left to emit
     */
    final boolean prepare() {
        while (stepTime != NEVER && (qSize == 0 || stepTime <= qTime[qHead])) {
            long before = stepTime;
            step();
            if (stepTime != NEVER && stepTime < before) {
                throw new IllegalStateException("flow step went back in time: " + stepTime + " < " + before);
            }
        }
        if (qSize == 0) {
            return false;
        }
        time = qTime[qHead];
        return true;
    }

    /** Moves the head packet into {@code p}. */
    final void fill(Packet p) {
        int h = qHead;
        boolean fromClient = qFromClient[h];
        p.timeNanos = qTime[h];
        p.src = fromClient ? client : server;
        p.dst = fromClient ? server : client;
        p.proto = proto;
        p.srcPort = fromClient ? clientPort : serverPort;
        p.dstPort = fromClient ? serverPort : clientPort;
        if (client.v6) {
            p.ipId = fromClient ? flowLabelClient : flowLabelServer;
        } else {
            p.ipId = fromClient ? (ipIdClient++ & 0xFFFF) : (ipIdServer++ & 0xFFFF);
        }
        p.flags = qFlags[h] & 0xFF;
        p.seq = qSeq[h];
        p.ack = qAck[h];
        p.window = qWindow[h];
        p.payloadLength = qLength[h];
        decorate(p, fromClient);
        qHead = (h + 1) & (qTime.length - 1);
        qSize--;
    }

    /** Counts a written packet into the flow's totals. */
    final void account(long timeNanos, int ipLength) {
        if (firstNanos < 0) {
            firstNanos = timeNanos;
        }
        lastNanos = timeNanos;
        packets++;
        ipBytes += ipLength;
    }

    /** Queues a packet at {@code t}, which must not precede the current step. */
    protected final void emit(long t, boolean fromClient, int flags, long seq, long ack, int window, int length) {
        if (qSize == qTime.length) {
            grow();
        }
        int mask = qTime.length - 1;
        int i = (qHead + qSize) & mask;
        // Insertion from the tail: packets arrive nearly sorted, so this rarely moves anything.
        while (i != qHead) {
            int prev = (i - 1) & mask;
            if (qTime[prev] <= t) {
                break;
            }
            move(prev, i);
            i = prev;
        }
        qTime[i] = t;
        qFromClient[i] = fromClient;
        qFlags[i] = (byte) flags;
        qSeq[i] = seq;
        qAck[i] = ack;
        qWindow[i] = window;
        qLength[i] = length;
        qSize++;
    }

    private void move(int from, int to) {
        qTime[to] = qTime[from];
        qFromClient[to] = qFromClient[from];
        qFlags[to] = qFlags[from];
        qSeq[to] = qSeq[from];
        qAck[to] = qAck[from];
        qWindow[to] = qWindow[from];
        qLength[to] = qLength[from];
    }

    private void grow() {
        int n = qTime.length;
        int[] order = new int[qSize];
        for (int k = 0; k < qSize; k++) {
            order[k] = (qHead + k) & (n - 1);
        }
        qTime = reorder(qTime, order, n * 2);
        qSeq = reorder(qSeq, order, n * 2);
        qAck = reorder(qAck, order, n * 2);
        qWindow = reorder(qWindow, order, n * 2);
        qLength = reorder(qLength, order, n * 2);
        byte[] flags = new byte[n * 2];
        boolean[] dirs = new boolean[n * 2];
        for (int k = 0; k < qSize; k++) {
            flags[k] = qFlags[order[k]];
            dirs[k] = qFromClient[order[k]];
        }
        qFlags = flags;
        qFromClient = dirs;
        qHead = 0;
    }

    private static long[] reorder(long[] a, int[] order, int size) {
        long[] b = new long[size];
        for (int k = 0; k < order.length; k++) {
            b[k] = a[order[k]];
        }
        return b;
    }

    private static int[] reorder(int[] a, int[] order, int size) {
        int[] b = new int[size];
        for (int k = 0; k < order.length; k++) {
            b[k] = a[order[k]];
        }
        return b;
    }

    @Override
    public String toString() {
        return (proto == Packet.TCP ? "tcp " : proto == Packet.UDP ? "udp " : "icmp ") + client + ":" + clientPort + " -> " + server + ":"
                + serverPort + (attack == null ? "" : " [" + attack.label() + "]");
    }
}
