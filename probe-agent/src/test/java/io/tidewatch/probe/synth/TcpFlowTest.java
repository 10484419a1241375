package io.tidewatch.probe.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The TCP engine on its own: time order, sequence arithmetic, ACK rules and teardown, packet by packet. */
class TcpFlowTest {

    private record Seen(long time, boolean fromClient, int flags, long seq, long ack, int length) {
    }

    private static final byte[] MAC = new byte[6];

    private static List<Seen> drain(TcpFlow flow) {
        List<Seen> out = new ArrayList<>();
        Packet p = new Packet();
        while (flow.prepare()) {
            flow.fill(p);
            out.add(new Seen(p.timeNanos, p.src == flow.client, p.flags, p.seq & 0xFFFFFFFFL,
                    p.ack & 0xFFFFFFFFL, p.payloadLength));
        }
        return out;
    }

    private static Endpoint endpoint(int last, TcpStack stack, double rttMs) {
        return new Endpoint(new byte[] {10, 0, 0, (byte) last}, MAC, stack, 0, Draw.millis(rttMs), 1000);
    }

    @Test
    void requestResponseAddsUp() {
        Endpoint c = endpoint(1, TcpStack.LINUX, 0.2);
        Endpoint s = endpoint(2, TcpStack.LINUX, 30);
        TcpScript script = TcpScript.established().client(700, 0).server(250_000, 1_000_000)
                .client(300, 5_000_000).server(1_000, 1_000_000).close(2_000_000_000L, TcpScript.Close.SERVER_FIN);
        List<Seen> pk = drain(new TcpFlow(c, 40000, s, 443, script, 50_000_000L, 80_000_000L, null,
                new SplittableRandom(1), 1_000_000_000L));

        assertEquals(Packet.SYN, pk.get(0).flags());
        assertEquals(Packet.SYN | Packet.ACK, pk.get(1).flags());
        assertEquals(pk.get(0).seq() + 1, pk.get(1).ack());
        long clientBytes = 0;
        long serverBytes = 0;
        long clientNext = pk.get(0).seq() + 1;
        long serverNext = pk.get(1).seq() + 1;
        long lastAckByClient = 0;
        long lastAckByServer = 0;
        for (int i = 1; i < pk.size(); i++) {
            Seen x = pk.get(i);
            assertTrue(x.time() >= pk.get(i - 1).time(), "time order at " + i);
            if (i >= 2) {
                assertEquals((x.fromClient() ? clientNext : serverNext) & 0xFFFFFFFFL, x.seq(), "contiguous sequence at " + i);
                long peerNext = x.fromClient() ? serverNext : clientNext;
                assertTrue(x.ack() <= peerNext, "acks only what was sent, at " + i);
                long previousAck = x.fromClient() ? lastAckByClient : lastAckByServer;
                assertTrue(x.ack() >= previousAck, "acks never go back, at " + i);
                if (x.fromClient()) {
                    lastAckByClient = x.ack();
                } else {
                    lastAckByServer = x.ack();
                }
                if (x.fromClient()) {
                    clientNext += x.length() + ((x.flags() & Packet.FIN) != 0 ? 1 : 0);
                    clientBytes += x.length();
                } else {
                    serverNext += x.length() + ((x.flags() & Packet.FIN) != 0 ? 1 : 0);
                    serverBytes += x.length();
                }
            }
            assertTrue(x.length() <= 1448, "segments fit the MSS less timestamps");
        }
        assertEquals(1_000, clientBytes);
        assertEquals(251_000, serverBytes);
        Seen last = pk.get(pk.size() - 1);
        assertEquals(Packet.ACK, last.flags(), "the closer acknowledges the peer's FIN");
        assertEquals(false, last.fromClient());
        assertEquals(clientNext, last.ack());
        long pureAcksByClient = pk.stream().filter(x -> x.fromClient() && x.length() == 0 && x.flags() == Packet.ACK)
                .count();
        assertTrue(pureAcksByClient >= 250_000 / 1448 / 2 - 1, "delayed ACKs, one per two segments: "
                + pureAcksByClient);
    }

    @Test
    void refusedAndUnansweredAttempts() {
        Endpoint c = endpoint(1, TcpStack.LINUX, 0.2);
        Endpoint s = endpoint(2, TcpStack.WINDOWS, 0.3);
        List<Seen> refused = drain(new TcpFlow(c, 40000, s, 23, TcpScript.refused(), 1_000_000L, 1_000_000L,
                AttackKind.VERTICAL_SCAN, new SplittableRandom(2), 0));
        assertEquals(2, refused.size());
        assertEquals(Packet.RST | Packet.ACK, refused.get(1).flags());
        List<Seen> probe = drain(new TcpFlow(c, 40000, s, 445, TcpScript.probeOpen(), 1_000_000L, 1_000_000L,
                AttackKind.VERTICAL_SCAN, new SplittableRandom(2), 0));
        assertEquals(List.of(Packet.SYN, Packet.SYN | Packet.ACK, Packet.RST),
                probe.stream().map(Seen::flags).toList());
        List<Seen> silent = drain(new TcpFlow(c, 40000, s, 445, TcpScript.unanswered(2), 1_000_000L, 1_000_000L,
                AttackKind.HORIZONTAL_SCAN, new SplittableRandom(2), 0));
        assertEquals(3, silent.size());
        assertEquals(1_000_000_000L, silent.get(1).time() - silent.get(0).time(), "first retransmission after 1 s");
        assertEquals(2_000_000_000L, silent.get(2).time() - silent.get(1).time(), "then back off");
    }
}
