package io.tidewatch.probe.decode;

import java.nio.ByteBuffer;

/**
 * Reads the link, IP and transport headers of one frame into a reusable {@link DecodedPacket}: no allocation, no
 * exception for bad input (every frame ends as decoded or as a {@link SkipReason}). Payload is never read; only
 * header fields. The buffer must be big-endian and is read with absolute gets only.
 */
public final class PacketDecoder {

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int MAX_VLAN_TAGS = 8;
    private static final int MAX_IPV6_EXTENSIONS = 16;
    /** Marks "the link layer says nothing; the IP version nibble decides" for raw links. */
    private static final int BY_VERSION = -1;

    /**
     * Decodes one frame. Returns null when {@code out} holds a decoded packet, else why the frame was skipped
     * ({@code out} is then unspecified).
     */
    public SkipReason decode(int linkType, long timestampNs, ByteBuffer b, int off, int capturedLength,
            int wireLength, DecodedPacket out) {
        int end = off + capturedLength;
        int etherType;
        int ipOff;
        switch (linkType) {
            case LinkTypes.ETHERNET -> {
                if (capturedLength < 14) {
                    return SkipReason.LINK_TRUNCATED;
                }
                etherType = u16(b, off + 12);
                int q = off + 14;
                int tags = 0;
                while (etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100) {
                    if (++tags > MAX_VLAN_TAGS) {
                        return SkipReason.NON_IP;
                    }
                    if (q + 4 > end) {
                        return SkipReason.LINK_TRUNCATED;
                    }
                    etherType = u16(b, q + 2);
                    q += 4;
                }
                ipOff = q;
            }
            case LinkTypes.LINUX_SLL -> {
                if (capturedLength < 16) {
                    return SkipReason.LINK_TRUNCATED;
                }
                etherType = u16(b, off + 14);
                ipOff = off + 16;
            }
            case LinkTypes.LINUX_SLL2 -> {
                if (capturedLength < 20) {
                    return SkipReason.LINK_TRUNCATED;
                }
                etherType = u16(b, off);
                ipOff = off + 20;
            }
            case LinkTypes.RAW, LinkTypes.RAW_12, LinkTypes.RAW_14 -> {
                etherType = BY_VERSION;
                ipOff = off;
            }
            case LinkTypes.IPV4 -> {
                etherType = ETHERTYPE_IPV4;
                ipOff = off;
            }
            case LinkTypes.IPV6 -> {
                etherType = ETHERTYPE_IPV6;
                ipOff = off;
            }
            case LinkTypes.NULL, LinkTypes.LOOP -> {
                if (capturedLength < 4) {
                    return SkipReason.LINK_TRUNCATED;
                }
                int family = b.getInt(off);
                // NULL stores the address family in the capturing host's byte order; LOOP in network order.
                if (linkType == LinkTypes.NULL && (family & 0xFFFF0000) != 0) {
                    family = Integer.reverseBytes(family);
                }
                etherType = switch (family) {
                    case 2 -> ETHERTYPE_IPV4;
                    case 10, 24, 28, 30 -> ETHERTYPE_IPV6; // Linux, NetBSD/OpenBSD, FreeBSD, Darwin
                    default -> 0;
                };
                ipOff = off + 4;
            }
            default -> {
                return SkipReason.UNSUPPORTED_LINK_TYPE;
            }
        }
        if (etherType == BY_VERSION) {
            if (ipOff >= end) {
                return SkipReason.IP_TRUNCATED;
            }
            int v = (b.get(ipOff) & 0xFF) >>> 4;
            etherType = v == 4 ? ETHERTYPE_IPV4 : v == 6 ? ETHERTYPE_IPV6 : 0;
            if (etherType == 0) {
                return SkipReason.IP_MALFORMED;
            }
        }
        out.reset();
        out.timestampNs = timestampNs;
        int linkLen = ipOff - off;
        if (etherType == ETHERTYPE_IPV4) {
            return ipv4(b, ipOff, end, wireLength - linkLen, out);
        }
        if (etherType == ETHERTYPE_IPV6) {
            return ipv6(b, ipOff, end, wireLength - linkLen, out);
        }
        return SkipReason.NON_IP;
    }

    private static SkipReason ipv4(ByteBuffer b, int ip, int end, int wireIpLength, DecodedPacket out) {
        if (ip + 20 > end) {
            return SkipReason.IP_TRUNCATED;
        }
        int vihl = b.get(ip) & 0xFF;
        if (vihl >>> 4 != 4) {
            return SkipReason.IP_MALFORMED;
        }
        int ihl = (vihl & 0x0F) * 4;
        if (ihl < 20) {
            return SkipReason.IP_MALFORMED;
        }
        if (ip + ihl > end) {
            return SkipReason.IP_TRUNCATED;
        }
        int total = u16(b, ip + 2);
        if (total == 0) {
            total = wireIpLength; // segmentation offload: the NIC fills the length in later
        }
        if (total < ihl) {
            return SkipReason.IP_MALFORMED;
        }
        if ((u16(b, ip + 6) & 0x1FFF) != 0) {
            return SkipReason.IP_FRAGMENT;
        }
        out.ipVersion = 4;
        out.addressLength = 4;
        out.ttl = b.get(ip + 8) & 0xFF;
        out.protocol = b.get(ip + 9) & 0xFF;
        b.get(ip + 12, out.srcIp, 0, 4);
        b.get(ip + 16, out.dstIp, 0, 4);
        out.ipLength = total;
        return transport(b, ip + ihl, end, total - ihl, out);
    }

    private static SkipReason ipv6(ByteBuffer b, int ip, int end, int wireIpLength, DecodedPacket out) {
        if (ip + 40 > end) {
            return SkipReason.IP_TRUNCATED;
        }
        if ((b.get(ip) & 0xFF) >>> 4 != 6) {
            return SkipReason.IP_MALFORMED;
        }
        int payload = u16(b, ip + 4);
        // Payload length 0: a jumbogram or segmentation offload; the wire length is the best we know.
        int total = payload == 0 ? Math.max(40, wireIpLength) : 40 + payload;
        int next = b.get(ip + 6) & 0xFF;
        int q = ip + 40;
        int packetEnd = ip + total;
        for (int n = 0; ; n++) {
            if (n > MAX_IPV6_EXTENSIONS) {
                return SkipReason.IP_MALFORMED;
            }
            int len;
            if (next == 0 || next == 43 || next == 60) { // hop-by-hop, routing, destination options
                if (q + 2 > end) {
                    return SkipReason.IP_TRUNCATED;
                }
                len = ((b.get(q + 1) & 0xFF) + 1) * 8;
            } else if (next == 44) { // fragment
                if (q + 8 > end) {
                    return SkipReason.IP_TRUNCATED;
                }
                if ((u16(b, q + 2) >>> 3) != 0) {
                    return SkipReason.IP_FRAGMENT;
                }
                len = 8;
            } else if (next == 51) { // authentication header: length in 4-octet units, minus 2
                if (q + 2 > end) {
                    return SkipReason.IP_TRUNCATED;
                }
                len = ((b.get(q + 1) & 0xFF) + 2) * 4;
            } else {
                break;
            }
            next = b.get(q) & 0xFF;
            q += len;
            if (q > packetEnd) {
                return SkipReason.IP_MALFORMED;
            }
        }
        out.ipVersion = 6;
        out.addressLength = 16;
        out.ttl = b.get(ip + 7) & 0xFF;
        out.protocol = next;
        b.get(ip + 8, out.srcIp, 0, 16);
        b.get(ip + 24, out.dstIp, 0, 16);
        out.ipLength = total;
        return transport(b, q, end, packetEnd - q, out);
    }

    private static SkipReason transport(ByteBuffer b, int l4, int end, int l4Length, DecodedPacket out) {
        switch (out.protocol) {
            case 6 -> {
                if (l4 + 20 > end) {
                    return SkipReason.L4_TRUNCATED;
                }
                int dataOffset = ((b.get(l4 + 12) & 0xFF) >>> 4) * 4;
                if (dataOffset < 20) {
                    return SkipReason.L4_MALFORMED;
                }
                out.srcPort = u16(b, l4);
                out.dstPort = u16(b, l4 + 2);
                out.tcpFlags = (b.get(l4 + 13) & 0xFF) | ((b.get(l4 + 12) & 0x01) << 8);
                out.tcpWindow = u16(b, l4 + 14);
                out.tcpOptions = tcpOptionKinds(b, l4 + 20, Math.min(l4 + dataOffset, end));
                out.payloadLength = Math.max(0, l4Length - dataOffset);
            }
            case 17 -> {
                if (l4 + 8 > end) {
                    return SkipReason.L4_TRUNCATED;
                }
                out.srcPort = u16(b, l4);
                out.dstPort = u16(b, l4 + 2);
                out.payloadLength = Math.max(0, l4Length - 8);
            }
            case 132 -> {
                if (l4 + 12 > end) {
                    return SkipReason.L4_TRUNCATED;
                }
                out.srcPort = u16(b, l4);
                out.dstPort = u16(b, l4 + 2);
                out.payloadLength = Math.max(0, l4Length - 12);
            }
            case 1, 58 -> {
                if (l4 + 4 > end) {
                    return SkipReason.L4_TRUNCATED;
                }
                out.srcPort = b.get(l4) & 0xFF;      // type
                out.dstPort = b.get(l4 + 1) & 0xFF;  // code
                out.payloadLength = Math.max(0, l4Length - 8);
            }
            default -> out.payloadLength = Math.max(0, l4Length);
        }
        return null;
    }

    /** Option kinds present, as far as the options were captured; a damaged list stops the walk, not the packet. */
    private static int tcpOptionKinds(ByteBuffer b, int p, int limit) {
        int kinds = 0;
        while (p < limit) {
            int kind = b.get(p) & 0xFF;
            if (kind < 32) {
                kinds |= 1 << kind;
            }
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                p++;
                continue;
            }
            if (p + 1 >= limit) {
                break;
            }
            int len = b.get(p + 1) & 0xFF;
            if (len < 2) {
                break;
            }
            p += len;
        }
        return kinds;
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xFFFF;
    }
}
