package io.tidewatch.probe.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void formatsAddressesTheWayTsharkPrintsThem() throws Exception {
        assertEquals("10.1.0.200", Endpoint.format(InetAddress.getByName("10.1.0.200").getAddress()));
        assertEquals("2001:db8::1", Endpoint.format(InetAddress.getByName("2001:db8:0:0:0:0:0:1").getAddress()));
        assertEquals("2001:db8:f008::3eac", Endpoint.format(InetAddress.getByName("2001:db8:f008:0:0:0:0:3eac")
                .getAddress()));
        assertEquals("2001:db8:0:1:1:1:1:1", Endpoint.format(InetAddress.getByName("2001:db8:0:1:1:1:1:1")
                .getAddress()), "a single zero group is not compressed");
        assertEquals("::", Endpoint.format(new byte[16]));
        assertEquals("1:0:0:2::", Endpoint.format(InetAddress.getByName("1:0:0:2:0:0:0:0").getAddress()),
                "the longest zero run wins");
    }

    @Test
    void formattedIpv6ParsesBackToTheSameBytes() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            byte[] ip = new byte[16];
            for (int k = 0; k < 16; k++) {
                ip[k] = r.nextInt(3) == 0 ? (byte) r.nextInt(256) : 0; // many zero groups
            }
            assertArrayEquals(ip, InetAddress.getByName(Endpoint.format(ip)).getAddress());
        }
    }

    @Test
    void ephemeralPortsDoNotRepeatWithinTheRange() {
        for (TcpStack stack : new TcpStack[] {TcpStack.LINUX, TcpStack.WINDOWS}) {
            Endpoint e = new Endpoint(new byte[] {10, 0, 0, 1}, new byte[6], stack, 0, 100_000, 12345);
            int range = stack == TcpStack.WINDOWS ? 16384 : 28232;
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < range; i++) {
                int port = e.nextEphemeralPort();
                assertEquals(true, seen.add(port), stack + " port " + port + " repeated after " + i);
                assertEquals(true, port >= (stack == TcpStack.WINDOWS ? 49152 : 32768), "in range: " + port);
            }
        }
    }
}
