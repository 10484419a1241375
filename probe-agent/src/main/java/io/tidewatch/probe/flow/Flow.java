package io.tidewatch.probe.flow;

import io.tidewatch.proto.v1.FlowEndReason;

/**
 * One open flow of the edge table: its canonical key, intrusive links for the table's bucket chain and its three
 * time-ordered lists, counters, and the current batch as packed primitive columns (three longs per packet),
 * grown on demand so that short flows stay small.
 */
final class Flow {

    // key: endpoint A is the lower one, as Community ID orders them
    final int hash;
    final int protocol;
    final int aPort;
    final int bPort;
    /** A's address then B's (4 or 16 bytes each). */
    final byte[] addresses;

    Flow bucketNext;
    Flow lruPrev;
    Flow lruNext;
    Flow batchPrev;
    Flow batchNext;
    boolean inBatchList;
    Flow closeNext;

    final long firstSeenNs;
    long lastSeenNs;
    /** 1: A sent the first packet (A_TO_B); 2: B did. */
    final int initiator;
    int finMask;
    boolean closing;
    boolean closed;
    long closeAtNs;
    FlowEndReason closingReason;

    long batchSeq;
    long packetsBefore;
    long aPackets;
    long aBytes;
    long bPackets;
    long bBytes;

    long batchBaseNs;
    int count;
    /** Per packet: [timestamp ns], [ip length 24 | payload length 24 | tcp flags 9], [window 16 | options 32 | ttl 8 | dir 1]. */
    long[] columns;

    /** The encoded FlowKey (every batch's Kafka key) and the Community ID, set with the first batch. */
    byte[] keyBytes;
    String communityId;

    Flow(int hash, int protocol, int aPort, int bPort, byte[] addresses, long firstSeenNs, int initiator,
            int initialCapacity) {
        this.hash = hash;
        this.protocol = protocol;
        this.aPort = aPort;
        this.bPort = bPort;
        this.addresses = addresses;
        this.firstSeenNs = firstSeenNs;
        this.lastSeenNs = firstSeenNs;
        this.initiator = initiator;
        this.columns = new long[3 * initialCapacity];
    }

    int addressLength() {
        return addresses.length >>> 1;
    }
}
