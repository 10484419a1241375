package io.tidewatch.probe.decode;

import static io.tidewatch.probe.decode.Frames.v4;
import static io.tidewatch.probe.decode.Frames.v6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {

    private static final byte[] A4 = v4(10, 0, 0, 1);
    private static final byte[] B4 = v4(192, 168, 1, 2);
    /** TCP options: MSS (2), NOP, window scale (3), SACK permitted (4), timestamps (8), padding to 20 bytes. */
    private static final byte[] OPTIONS = {2, 4, 5, (byte) 0xb4, 1, 3, 3, 7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2};

    private final PacketDecoder decoder = new PacketDecoder();
    private final DecodedPacket p = new DecodedPacket();

    private SkipReason decode(int linkType, byte[] frame) {
        return decode(linkType, frame, frame.length);
    }

    /** Decodes the frame placed at offset 7 of a larger buffer, to prove offsets are honoured. */
    private SkipReason decode(int linkType, byte[] frame, int captured) {
        byte[] buf = new byte[frame.length + 11];
        System.arraycopy(frame, 0, buf, 7, frame.length);
        return decoder.decode(linkType, 123_000_000_456L, ByteBuffer.wrap(buf), 7, captured, frame.length, p);
    }

    private static byte[] tcpV4(int payload) {
        return Frames.create().ipv4(20 + 40 + payload, 64, 6, 0x4000, A4, B4)
                .tcp(40000, 443, 0x018, 502, OPTIONS).zeros(payload).build();
    }

    private void assertTcpV4() {
        assertEquals(123_000_000_456L, p.timestampNs);
        assertEquals(4, p.ipVersion);
        assertArrayEquals(A4, Arrays.copyOf(p.srcIp, 4));
        assertArrayEquals(B4, Arrays.copyOf(p.dstIp, 4));
        assertEquals(6, p.protocol);
        assertEquals(40000, p.srcPort);
        assertEquals(443, p.dstPort);
        assertEquals(20 + 40 + 10, p.ipLength);
        assertEquals(10, p.payloadLength);
        assertEquals(0x18, p.tcpFlags);
        assertEquals(64, p.ttl);
        assertEquals(502, p.tcpWindow);
        assertEquals((1 << 2) | (1 << 1) | (1 << 3) | (1 << 4) | (1 << 8), p.tcpOptions);
    }

    @Test
    void ethernetIpv4Tcp() {
        byte[] f = Frames.create().ethernet(0x0800).bytes(tcpV4(10)).build();
        assertNull(decode(LinkTypes.ETHERNET, f));
        assertTcpV4();
    }

    @Test
    void vlanTagsOfEveryKind() {
        for (int outer : new int[] {0x8100, 0x88A8, 0x9100}) {
            byte[] single = Frames.create().ethernet(outer).u16(100).u16(0x0800).bytes(tcpV4(10)).build();
            assertNull(decode(LinkTypes.ETHERNET, single), "single tag " + Integer.toHexString(outer));
            assertTcpV4();
            byte[] qinq = Frames.create().ethernet(outer).u16(100).u16(0x8100).u16(200).u16(0x0800)
                    .bytes(tcpV4(10)).build();
            assertNull(decode(LinkTypes.ETHERNET, qinq), "QinQ " + Integer.toHexString(outer));
            assertTcpV4();
        }
        byte[] cut = Frames.create().ethernet(0x8100).u16(100).build();
        assertEquals(SkipReason.LINK_TRUNCATED, decode(LinkTypes.ETHERNET, cut));
    }

    @Test
    void linuxCookedV1AndV2() {
        byte[] sll = Frames.create().u16(0).u16(1).u16(6).zeros(8).u16(0x0800).bytes(tcpV4(10)).build();
        assertNull(decode(LinkTypes.LINUX_SLL, sll));
        assertTcpV4();
        byte[] sll2 = Frames.create().u16(0x0800).u16(0).u32(2).u16(1).u8(0).u8(6).zeros(8).bytes(tcpV4(10)).build();
        assertNull(decode(LinkTypes.LINUX_SLL2, sll2));
        assertTcpV4();
        byte[] arp = Frames.create().u16(0x0806).u16(0).u32(2).u16(1).u8(0).u8(6).zeros(8).zeros(28).build();
        assertEquals(SkipReason.NON_IP, decode(LinkTypes.LINUX_SLL2, arp));
    }

    @Test
    void rawIpOnEveryRawLinkType() {
        byte[] v4 = tcpV4(10);
        for (int lt : new int[] {LinkTypes.RAW, LinkTypes.RAW_12, LinkTypes.RAW_14, LinkTypes.IPV4}) {
            assertNull(decode(lt, v4), "link type " + lt);
            assertTcpV4();
        }
        byte[] v6 = Frames.create().ipv6(8 + 5, 17, 33, v6(1), v6(2)).udp(5353, 53, 13).zeros(5).build();
        for (int lt : new int[] {LinkTypes.RAW, LinkTypes.RAW_12, LinkTypes.RAW_14, LinkTypes.IPV6}) {
            assertNull(decode(lt, v6), "link type " + lt);
            assertEquals(6, p.ipVersion);
            assertEquals(17, p.protocol);
            assertEquals(53, p.dstPort);
            assertEquals(33, p.ttl);
            assertEquals(53, p.ipLength);
            assertEquals(5, p.payloadLength);
        }
        assertEquals(SkipReason.IP_MALFORMED, decode(LinkTypes.RAW, new byte[] {0x50, 0, 0, 0}));
    }

    @Test
    void loopbackNullInEitherByteOrderAndLoop() {
        byte[] little = Frames.create().u8(2).u8(0).u8(0).u8(0).bytes(tcpV4(10)).build();
        assertNull(decode(LinkTypes.NULL, little));
        assertTcpV4();
        byte[] big = Frames.create().u32(2).bytes(tcpV4(10)).build();
        assertNull(decode(LinkTypes.NULL, big));
        assertTcpV4();
        assertNull(decode(LinkTypes.LOOP, big));
        assertTcpV4();
        byte[] v6 = Frames.create().u8(30).u8(0).u8(0).u8(0).ipv6(8, 17, 1, v6(1), v6(2)).udp(1, 2, 8).build();
        assertNull(decode(LinkTypes.NULL, v6));
        assertEquals(6, p.ipVersion);
        assertEquals(SkipReason.NON_IP, decode(LinkTypes.NULL, Frames.create().u32(7).zeros(40).build()));
    }

    @Test
    void ipv6ExtensionHeadersAreWalked() {
        // hop-by-hop (8) -> routing (24) -> destination options (8) -> fragment, first (8) -> AH (16) -> TCP
        byte[] ext = Frames.create()
                .u8(43).u8(0).zeros(6)
                .u8(60).u8(2).u8(0).u8(1).zeros(20)
                .u8(44).u8(0).zeros(6)
                .u8(51).u8(0).u16(0x0001).u32(77)          // fragment: offset 0, more fragments
                .u8(6).u8(2).u16(0).u32(1).u32(1).zeros(4) // AH: (2 + 2) * 4 = 16 bytes
                .build();
        byte[] tcp = Frames.create().tcp(22, 50000, 0x012, 64000, new byte[] {2, 4, 5, (byte) 0xa0}).build();
        byte[] f = Frames.create().ethernet(0x86DD).ipv6(ext.length + tcp.length + 3, 0, 255, v6(9), v6(3))
                .bytes(ext).bytes(tcp).zeros(3).build();
        assertNull(decode(LinkTypes.ETHERNET, f));
        assertEquals(6, p.protocol);
        assertEquals(22, p.srcPort);
        assertEquals(50000, p.dstPort);
        assertEquals(0x12, p.tcpFlags);
        assertEquals(64000, p.tcpWindow);
        assertEquals(1 << 2, p.tcpOptions);
        assertEquals(40 + ext.length + tcp.length + 3, p.ipLength);
        assertEquals(3, p.payloadLength);
        assertEquals(255, p.ttl);
        assertArrayEquals(v6(9), p.srcIp);

        byte[] later = Frames.create().ethernet(0x86DD).ipv6(8 + 16, 44, 1, v6(1), v6(2))
                .u8(17).u8(0).u16(0x00A8).u32(77).zeros(16).build();
        assertEquals(SkipReason.IP_FRAGMENT, decode(LinkTypes.ETHERNET, later));
        byte[] cutInExt = Frames.create().ethernet(0x86DD).ipv6(64, 0, 1, v6(1), v6(2)).u8(6).build();
        assertEquals(SkipReason.IP_TRUNCATED, decode(LinkTypes.ETHERNET, cutInExt));
    }

    @Test
    void ipv4FragmentsGiveL4OnlyFromTheFirst() {
        byte[] first = Frames.create().ethernet(0x0800).ipv4(1500, 64, 17, 0x2000, A4, B4).udp(1234, 53, 3000)
                .zeros(32).build();
        assertNull(decode(LinkTypes.ETHERNET, first, 14 + 20 + 8 + 32));
        assertEquals(1234, p.srcPort);
        assertEquals(1500, p.ipLength);
        byte[] second = Frames.create().ethernet(0x0800).ipv4(1500, 64, 17, 0x2000 | 185, A4, B4).zeros(32).build();
        assertEquals(SkipReason.IP_FRAGMENT, decode(LinkTypes.ETHERNET, second));
    }

    @Test
    void icmpTypeAndCodeAreThePorts() {
        byte[] echo = Frames.create().ethernet(0x0800).ipv4(20 + 8 + 56, 64, 1, 0, A4, B4).u8(8).u8(0).zeros(6)
                .zeros(56).build();
        assertNull(decode(LinkTypes.ETHERNET, echo));
        assertEquals(8, p.srcPort);
        assertEquals(0, p.dstPort);
        assertEquals(56, p.payloadLength);
        byte[] ns = Frames.create().ethernet(0x86DD).ipv6(24, 58, 255, v6(1), v6(2)).u8(135).u8(0).zeros(22).build();
        assertNull(decode(LinkTypes.ETHERNET, ns));
        assertEquals(58, p.protocol);
        assertEquals(135, p.srcPort);
    }

    @Test
    void otherProtocolsHavePortZero() {
        byte[] gre = Frames.create().ethernet(0x0800).ipv4(20 + 24, 64, 47, 0, A4, B4).zeros(24).build();
        assertNull(decode(LinkTypes.ETHERNET, gre));
        assertEquals(47, p.protocol);
        assertEquals(0, p.srcPort);
        assertEquals(0, p.dstPort);
        assertEquals(24, p.payloadLength);
    }

    @Test
    void badFramesAreNamedByReason() {
        assertEquals(SkipReason.UNSUPPORTED_LINK_TYPE, decode(147, tcpV4(0)));
        assertEquals(SkipReason.LINK_TRUNCATED, decode(LinkTypes.ETHERNET, new byte[13]));
        assertEquals(SkipReason.NON_IP, decode(LinkTypes.ETHERNET, Frames.create().ethernet(0x0806).zeros(28).build()));
        assertEquals(SkipReason.NON_IP, decode(LinkTypes.ETHERNET, Frames.create().ethernet(60).zeros(60).build()));
        byte[] f = Frames.create().ethernet(0x0800).bytes(tcpV4(0)).build();
        assertEquals(SkipReason.IP_TRUNCATED, decode(LinkTypes.ETHERNET, f, 14 + 19));
        assertEquals(SkipReason.L4_TRUNCATED, decode(LinkTypes.ETHERNET, f, 14 + 20 + 19));
        byte[] badVersion = f.clone();
        badVersion[14] = 0x65;
        assertEquals(SkipReason.IP_MALFORMED, decode(LinkTypes.ETHERNET, badVersion));
        byte[] badOffset = f.clone();
        badOffset[14 + 20 + 12] = 0x40;
        assertEquals(SkipReason.L4_MALFORMED, decode(LinkTypes.ETHERNET, badOffset));
    }

    @Test
    void snapLengthCutKeepsWireLengths() {
        byte[] f = Frames.create().ethernet(0x0800).bytes(tcpV4(1400)).build();
        assertNull(decode(LinkTypes.ETHERNET, f, 96));
        assertEquals(20 + 40 + 1400, p.ipLength);
        assertEquals(1400, p.payloadLength);
    }
}
