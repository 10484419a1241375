package io.tidewatch.streams.topology;

import com.google.protobuf.ByteString;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.PacketDynamicsBatch;

/** Builds packet-dynamics batches the way a probe does (delta-encoded columns), for topology tests. */
final class Batches {

    static final long T0_MS = 1_700_000_000_000L;
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;

    private Batches() {
    }

    static FlowKey tcp(int aLast, int aPort, int bLast, int bPort) {
        return key(6, aLast, aPort, bLast, bPort);
    }

    static FlowKey udp(int aLast, int aPort, int bLast, int bPort) {
        return key(17, aLast, aPort, bLast, bPort);
    }

    private static FlowKey key(int proto, int aLast, int aPort, int bLast, int bPort) {
        return FlowKey.newBuilder()
                .setObservationDomain(1)
                .setIpVersion(4)
                .setAIp(ByteString.copyFrom(new byte[] {10, 0, 0, (byte) aLast}))
                .setAPort(aPort)
                .setBIp(ByteString.copyFrom(new byte[] {10, 0, 0, (byte) bLast}))
                .setBPort(bPort)
                .setIpProtocol(proto)
                .setCommunityId("1:test" + proto + aLast + aPort + bLast + bPort)
                .build();
    }

    /** A batch under construction: packets at absolute offsets (ms from T0) in non-decreasing order. */
    static final class Builder {
        private final PacketDynamicsBatch.Builder b = PacketDynamicsBatch.newBuilder();
        private long lastUs = Long.MIN_VALUE;

        Builder(FlowKey key, String probe, long seq, Direction initiator, long firstSeenMs) {
            b.setFlow(key).setProbeId(probe).setBatchSeq(seq).setInitiator(initiator)
                    .setFlowFirstSeenNs((T0_MS + firstSeenMs) * 1_000_000L);
        }

        /** {@code aToB}: the packet goes from endpoint A to B. */
        Builder packet(double atMs, boolean aToB, int ipLength, int payload, int flags) {
            long us = Math.round((T0_MS + atMs) * 1000);
            if (lastUs == Long.MIN_VALUE) {
                b.setBaseTimestampNs(us * 1000);
                b.addTsDeltaUs(0);
            } else {
                b.addTsDeltaUs(us - lastUs);
            }
            lastUs = us;
            b.addDirection(aToB ? Direction.DIRECTION_A_TO_B : Direction.DIRECTION_B_TO_A);
            b.addIpLength(ipLength);
            b.addPayloadLength(payload);
            b.addTcpFlags(flags);
            b.addTtl(64);
            b.addTcpWindow(flags == 0 ? 0 : 8192);
            b.addTcpOptions(0);
            return this;
        }

        Builder end(FlowEndReason reason) {
            b.setFlowEnd(reason);
            return this;
        }

        PacketDynamicsBatch build() {
            return b.build();
        }
    }

    static Builder batch(FlowKey key, long seq) {
        return new Builder(key, "probe-1", seq, Direction.DIRECTION_A_TO_B, 0);
    }

    static Builder batch(FlowKey key, String probe, long seq, Direction initiator, long firstSeenMs) {
        return new Builder(key, probe, seq, initiator, firstSeenMs);
    }
}
