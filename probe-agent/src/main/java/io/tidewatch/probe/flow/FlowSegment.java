package io.tidewatch.probe.flow;

import io.tidewatch.proto.v1.FlowEndReason;

/**
 * A flow segment the edge table has closed, oriented as Zeek's conn.log: the originator sent the first packet
 * seen. Addresses are 4 or 16 bytes; for ICMP the ports are Community ID's type/counterpart-type pair.
 */
public record FlowSegment(String communityId, int protocol, byte[] origIp, int origPort, byte[] respIp,
        int respPort, long firstTimestampNs, long lastTimestampNs, long origPackets, long origIpBytes,
        long respPackets, long respIpBytes, FlowEndReason endReason) {
}
