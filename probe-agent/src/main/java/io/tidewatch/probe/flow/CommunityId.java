package io.tidewatch.probe.flow;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Community ID v1 (corelight/community-id-spec): the flow hash Zeek, Suricata and Elastic share, so our records
 * join theirs. SHA-1 over seed (2 bytes, big-endian), source address, destination address, protocol, one zero pad
 * byte, source port, destination port (each 2 bytes, big-endian), after the endpoints are put in canonical order
 * (the lower address first, ties broken by the lower port); the ports are left out for protocols without them.
 * For ICMP and ICMPv6 the "ports" are the type and code, except that request/reply types map onto each other so
 * both directions hash alike; types with no counterpart are one-way and keep their order.
 *
 * <p>The static {@link #of} methods allocate and suit occasional use. An instance keeps its digest and scratch
 * buffer, so {@link #hash} allocates nothing; an instance is not thread-safe.
 */
public final class CommunityId {

    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_ICMPV6 = 58;
    public static final int PROTO_SCTP = 132;

    /** SHA-1 digest length, the size {@link #hash} writes. */
    public static final int DIGEST_LENGTH = 20;

    // Counterpart of each ICMP type that has one (-1: none, the type is one-way), per the spec's table.
    private static final int[] ICMP4_PEER = new int[256];
    private static final int[] ICMP6_PEER = new int[256];

    static {
        java.util.Arrays.fill(ICMP4_PEER, -1);
        java.util.Arrays.fill(ICMP6_PEER, -1);
        pair(ICMP4_PEER, 8, 0);     // echo / echo reply
        pair(ICMP4_PEER, 13, 14);   // timestamp / reply
        pair(ICMP4_PEER, 15, 16);   // information request / reply
        pair(ICMP4_PEER, 10, 9);    // router solicitation / advertisement
        pair(ICMP4_PEER, 17, 18);   // address mask request / reply
        pair(ICMP6_PEER, 128, 129); // echo request / reply
        pair(ICMP6_PEER, 133, 134); // router solicitation / advertisement
        pair(ICMP6_PEER, 135, 136); // neighbor solicitation / advertisement
        pair(ICMP6_PEER, 130, 131); // multicast listener query / report
        pair(ICMP6_PEER, 139, 140); // node information query / response
        pair(ICMP6_PEER, 144, 145); // home agent address discovery request / reply
    }

    private static void pair(int[] table, int a, int b) {
        table[a] = b;
        table[b] = a;
    }

    private final int seed;
    private final MessageDigest sha1;
    // seed 2 + 2 * 16 addresses + proto 1 + pad 1 + ports 4
    private final byte[] scratch = new byte[2 + 32 + 2 + 4];
    private final byte[] digest = new byte[DIGEST_LENGTH];

    /** A reusable hasher for one seed (0..65535; the spec's default is 0). */
    public CommunityId(int seed) {
        if (seed < 0 || seed > 0xFFFF) {
            throw new IllegalArgumentException("community id seed " + seed + ": expected 0..65535");
        }
        this.seed = seed;
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available in this JVM", e);
        }
    }

    public int seed() {
        return seed;
    }

    /**
     * The Community ID string ("1:" + base64 of the SHA-1) of a flow seen from one packet: addresses of 4 or 16
     * bytes (network order, same length), IANA protocol number, ports (for ICMP/ICMPv6: type and code; ignored
     * for protocols without ports).
     */
    public static String of(int seed, byte[] srcIp, byte[] dstIp, int proto, int srcPort, int dstPort) {
        if (srcIp == null || dstIp == null) {
            throw new IllegalArgumentException("community id: source and destination addresses are required, got "
                    + (srcIp == null ? "null source" : "null destination"));
        }
        if (srcIp.length != dstIp.length) {
            throw new IllegalArgumentException("community id: address lengths " + srcIp.length + " and "
                    + dstIp.length + " differ; expected both 4 (IPv4) or both 16 (IPv6)");
        }
        return new CommunityId(seed).compute(srcIp, 0, dstIp, 0, srcIp.length, proto, srcPort, dstPort);
    }

    /** {@link #of(int, byte[], byte[], int, int, int)} with seed 0. */
    public static String of(byte[] srcIp, byte[] dstIp, int proto, int srcPort, int dstPort) {
        return of(0, srcIp, dstIp, proto, srcPort, dstPort);
    }

    /** As {@link #of}, with this instance's seed and digest; addresses are read at offsets in larger arrays. */
    public String compute(byte[] src, int srcOff, byte[] dst, int dstOff, int addrLen, int proto, int srcPort,
            int dstPort) {
        hash(src, srcOff, dst, dstOff, addrLen, proto, srcPort, dstPort, digest, 0);
        return "1:" + Base64.getEncoder().encodeToString(digest);
    }

    /**
     * Writes the 20-byte SHA-1 of the flow tuple into {@code out} at {@code outOff}; allocates nothing. Useful
     * when only the hash bytes are needed, e.g. as a table key.
     */
    public void hash(byte[] src, int srcOff, byte[] dst, int dstOff, int addrLen, int proto, int srcPort,
            int dstPort, byte[] out, int outOff) {
        validate(src, srcOff, dst, dstOff, addrLen, proto, srcPort, dstPort);
        if (out == null || outOff < 0 || outOff + DIGEST_LENGTH > out.length) {
            throw new IllegalArgumentException("community id: output needs " + DIGEST_LENGTH + " bytes at offset "
                    + outOff + ", got " + (out == null ? "null" : out.length + " bytes"));
        }
        boolean ports = hasPorts(proto);
        int sp = srcPort;
        int dp = dstPort;
        boolean oneWay = false;
        if (isIcmp(proto)) {
            int peer = icmpPeer(proto, srcPort);
            if (peer < 0) {
                oneWay = true;
            } else {
                dp = peer;
            }
        }
        boolean keep = oneWay || isOrdered(src, srcOff, sp, dst, dstOff, dp, addrLen);
        byte[] b = scratch;
        int n = 0;
        b[n++] = (byte) (seed >>> 8);
        b[n++] = (byte) seed;
        if (keep) {
            System.arraycopy(src, srcOff, b, n, addrLen);
            System.arraycopy(dst, dstOff, b, n + addrLen, addrLen);
        } else {
            System.arraycopy(dst, dstOff, b, n, addrLen);
            System.arraycopy(src, srcOff, b, n + addrLen, addrLen);
            int t = sp;
            sp = dp;
            dp = t;
        }
        n += 2 * addrLen;
        b[n++] = (byte) proto;
        b[n++] = 0;
        if (ports) {
            b[n++] = (byte) (sp >>> 8);
            b[n++] = (byte) sp;
            b[n++] = (byte) (dp >>> 8);
            b[n++] = (byte) dp;
        }
        sha1.reset();
        sha1.update(b, 0, n);
        try {
            sha1.digest(out, outOff, DIGEST_LENGTH);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-1 digest failed", e);
        }
    }

    private static void validate(byte[] src, int srcOff, byte[] dst, int dstOff, int addrLen, int proto,
            int srcPort, int dstPort) {
        if (addrLen != 4 && addrLen != 16) {
            throw new IllegalArgumentException("community id: address length " + addrLen
                    + ": expected 4 (IPv4) or 16 (IPv6)");
        }
        if (src == null || srcOff < 0 || srcOff + addrLen > src.length) {
            throw new IllegalArgumentException("community id: source address of " + addrLen + " bytes at offset "
                    + srcOff + " is outside its array (" + (src == null ? "null" : src.length + " bytes") + ")");
        }
        if (dst == null || dstOff < 0 || dstOff + addrLen > dst.length) {
            throw new IllegalArgumentException("community id: destination address of " + addrLen
                    + " bytes at offset " + dstOff + " is outside its array ("
                    + (dst == null ? "null" : dst.length + " bytes") + ")");
        }
        if (proto < 0 || proto > 255) {
            throw new IllegalArgumentException("community id: protocol " + proto + ": expected 0..255");
        }
        if (hasPorts(proto)) {
            int max = isIcmp(proto) ? 255 : 0xFFFF;
            if (srcPort < 0 || srcPort > max || dstPort < 0 || dstPort > max) {
                throw new IllegalArgumentException("community id: ports " + srcPort + "/" + dstPort + ": expected 0.."
                        + max + (isIcmp(proto) ? " (ICMP type and code)" : ""));
            }
        }
    }

    /** Whether the protocol's tuple carries ports (TCP, UDP, SCTP; ICMP/ICMPv6 type and code). */
    public static boolean hasPorts(int proto) {
        return proto == PROTO_TCP || proto == PROTO_UDP || proto == PROTO_SCTP || isIcmp(proto);
    }

    public static boolean isIcmp(int proto) {
        return proto == PROTO_ICMP || proto == PROTO_ICMPV6;
    }

    /**
     * The counterpart type of an ICMP (proto 1) or ICMPv6 (proto 58) type (echo 8 to echo reply 0, ...), or -1 if
     * the type is one-way (its tuple is type/code and is never reordered).
     */
    public static int icmpPeer(int proto, int type) {
        if (type < 0 || type > 255) {
            return -1;
        }
        if (proto == PROTO_ICMP) {
            return ICMP4_PEER[type];
        }
        if (proto == PROTO_ICMPV6) {
            return ICMP6_PEER[type];
        }
        return -1;
    }

    /**
     * The spec's ordering test: true when (srcIp, srcPort) is already the lower endpoint, comparing addresses as
     * unsigned bytes in network order and then ports, i.e. the tuple is kept as is.
     */
    public static boolean isOrdered(byte[] src, int srcOff, int srcPort, byte[] dst, int dstOff, int dstPort,
            int addrLen) {
        for (int i = 0; i < addrLen; i++) {
            int a = src[srcOff + i] & 0xFF;
            int b = dst[dstOff + i] & 0xFF;
            if (a != b) {
                return a < b;
            }
        }
        return srcPort < dstPort;
    }
}
