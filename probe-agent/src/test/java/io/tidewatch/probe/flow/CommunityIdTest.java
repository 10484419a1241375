package io.tidewatch.probe.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The spec's published vectors (its baseline, as also shipped in Zeek's test suite), both directions. */
class CommunityIdTest {

    private static byte[] ip(String s) {
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static void both(int seed, String a, String b, int proto, int pa, int pb, int ra, int rb, String want) {
        assertEquals(want, CommunityId.of(seed, ip(a), ip(b), proto, pa, pb), "forward");
        assertEquals(want, CommunityId.of(seed, ip(b), ip(a), proto, ra, rb), "reverse");
    }

    @Test
    void tcpAndUdpVectors() {
        both(0, "1.2.3.4", "5.6.7.8", 6, 1122, 3344, 3344, 1122, "1:wCb3OG7yAFWelaUydu0D+125CLM=");
        both(0, "1.2.3.4", "5.6.7.8", 17, 1122, 3344, 3344, 1122, "1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg=");
        both(1, "1.2.3.4", "5.6.7.8", 6, 1122, 3344, 3344, 1122, "1:HhA1B+6CoLbiKPEs5nhNYN4XWfk=");
        both(1, "1.2.3.4", "5.6.7.8", 17, 1122, 3344, 3344, 1122, "1:OShq+iKDAMVouh/4bMxB9Sz4amw=");
        both(0, "128.232.110.120", "66.35.250.204", 6, 34855, 80, 80, 34855, "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
    }

    @Test
    void icmpRequestAndReplyHashAlike() {
        // Echo request 8/0 one way, echo reply 0/0 the other.
        both(0, "1.2.3.4", "5.6.7.8", 1, 8, 0, 0, 0, "1:crodRHL2FEsHjbv3UkRrfbs4bZ0=");
        both(1, "1.2.3.4", "5.6.7.8", 1, 8, 0, 0, 0, "1:9pr4ZGTICiuZoIh90RRYE2RyXpU=");
        String a = "fe80:1:203:405:607:809:a0b:c0d";
        String b = "fe80:1011:1213:1415:1617:1819:1a1b:1c1d";
        both(0, a, b, 58, 128, 0, 129, 0, "1:0bf7hyMJUwt3fMED7z8LIfRpBeo=");
        both(1, a, b, 58, 128, 0, 129, 0, "1:IO27GQzPuCtNnwFvjWALMHu5tJE=");
    }

    @Test
    void portlessProtocolIgnoresPorts() {
        assertEquals("1:ikv3kmf89luf73WPz1jOs49S768=", CommunityId.of(0, ip("1.2.3.4"), ip("5.6.7.8"), 46, 0, 0));
        assertEquals("1:ikv3kmf89luf73WPz1jOs49S768=", CommunityId.of(0, ip("5.6.7.8"), ip("1.2.3.4"), 46, 7, 9));
    }

    @Test
    void oneWayIcmpKeepsItsDirection() {
        // Destination unreachable (3) has no counterpart: the two directions are two flows.
        assertEquals(-1, CommunityId.icmpPeer(1, 3));
        assertNotEquals(CommunityId.of(ip("1.2.3.4"), ip("5.6.7.8"), 1, 3, 1),
                CommunityId.of(ip("5.6.7.8"), ip("1.2.3.4"), 1, 3, 1));
    }

    @Test
    void reusableHashMatchesStaticForm() {
        CommunityId h = new CommunityId(0);
        byte[] frame = new byte[64];
        System.arraycopy(ip("5.6.7.8"), 0, frame, 10, 4);
        System.arraycopy(ip("1.2.3.4"), 0, frame, 30, 4);
        byte[] out = new byte[CommunityId.DIGEST_LENGTH + 3];
        h.hash(frame, 10, frame, 30, 4, 6, 3344, 1122, out, 3);
        byte[] want = Base64.getDecoder().decode("wCb3OG7yAFWelaUydu0D+125CLM=");
        byte[] got = java.util.Arrays.copyOfRange(out, 3, 3 + CommunityId.DIGEST_LENGTH);
        assertArrayEquals(want, got);
        assertEquals("1:wCb3OG7yAFWelaUydu0D+125CLM=", h.compute(frame, 30, frame, 10, 4, 6, 1122, 3344));
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommunityId.of(70000, ip("1.2.3.4"), ip("5.6.7.8"), 6, 1, 2));
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CommunityId.of(0, ip("1.2.3.4"), ip("::1"), 6, 1, 2));
        assertTrue(e.getMessage().contains("differ"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CommunityId.of(0, ip("1.2.3.4"), ip("5.6.7.8"), 6, 1, 65536));
        assertTrue(e.getMessage().contains("65536"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommunityId.of(0, ip("1.2.3.4"), ip("5.6.7.8"), 256, 0, 0));
    }
}
