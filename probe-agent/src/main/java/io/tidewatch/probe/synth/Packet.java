package io.tidewatch.probe.synth;

/**
 * One packet about to be written: a mutable carrier that a flow fills and the {@link FrameEncoder} turns into
 * bytes. A single instance is reused for every packet of a run.
 */
final class Packet {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;

    long timeNanos;
    Endpoint src;
    Endpoint dst;
    int proto;
    /** TCP/UDP source port; ICMP type. */
    int srcPort;
    /** TCP/UDP destination port; ICMP code. */
    int dstPort;
    /** IPv4 identification, or IPv6 flow label. */
    int ipId;
    int flags;
    /** TCP sequence number; ICMP echo sequence. */
    long seq;
    /** TCP acknowledgement number; ICMP echo identifier. */
    long ack;
    int window;
    /** Whether this connection negotiated TCP timestamps (both SYNs offered them). */
    boolean timestamps;
    /** TCP timestamp option values, used when the sender's stack sends timestamps. */
    long tsVal;
    long tsEcr;
    int payloadLength;
}
