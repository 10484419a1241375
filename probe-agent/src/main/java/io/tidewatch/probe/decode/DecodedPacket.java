package io.tidewatch.probe.decode;

/**
 * One decoded packet's dynamics, filled in place by {@link PacketDecoder} and reused for the next packet: public
 * mutable fields so the hot path allocates nothing. Valid only until the next decode.
 */
public final class DecodedPacket {

    /** Capture time, Unix epoch nanoseconds. */
    public long timestampNs;
    /** 4 or 6. */
    public int ipVersion;
    /** 4 for IPv4, 16 for IPv6: how many bytes of {@link #srcIp} and {@link #dstIp} are used. */
    public int addressLength;
    public final byte[] srcIp = new byte[16];
    public final byte[] dstIp = new byte[16];
    /** IANA protocol number of the transport (after IPv6 extension headers). */
    public int protocol;
    /** Transport ports; ICMP/ICMPv6 type (source) and code (destination); 0 for protocols without ports. */
    public int srcPort;
    public int dstPort;
    /** IP total length as on the wire (IPv6: 40 + payload length). */
    public int ipLength;
    /** Transport payload bytes per the headers (0 when none). */
    public int payloadLength;
    /** TCP flags byte plus NS as 0x100; 0 for non-TCP. */
    public int tcpFlags;
    /** IPv4 TTL or IPv6 hop limit. */
    public int ttl;
    /** TCP window as sent; 0 for non-TCP. */
    public int tcpWindow;
    /** Bit k set when TCP option kind k (k < 32) is present. */
    public int tcpOptions;

    public boolean isTcp() {
        return protocol == 6;
    }

    void reset() {
        protocol = 0;
        srcPort = 0;
        dstPort = 0;
        payloadLength = 0;
        tcpFlags = 0;
        tcpWindow = 0;
        tcpOptions = 0;
    }
}
