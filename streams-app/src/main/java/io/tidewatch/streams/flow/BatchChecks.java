package io.tidewatch.streams.flow;

import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.PacketDynamicsBatch;

/**
 * Structural checks of a batch before it touches any state: a bad batch is counted and skipped, never merged. Two
 * kinds of record carry no packets and are not bad: a probe's end marker for a flow (its last batch had already
 * been sent when the flow ended, which on a capture is a third of all records) and a clock record.
 */
final class BatchChecks {

    private BatchChecks() {
    }

    /** What a valid record is. */
    enum Kind {
        /** Packets of one flow. */
        PACKETS,
        /** No packets, a flow key and a flow end: the probe ends a flow whose packets it had already sent. */
        END_MARKER,
        /** No packets and no flow key, only a time (base timestamp): moves the partition's clock. */
        CLOCK
    }

    /** The record's kind; fails naming what is wrong when it is none of them. */
    static Kind validate(PacketDynamicsBatch b) {
        int n = b.getTsDeltaUsCount();
        if (n == 0 && b.getDirectionCount() == 0 && b.getIpLengthCount() == 0 && b.getPayloadLengthCount() == 0
                && b.getTcpFlagsCount() == 0 && b.getTcpWindowCount() == 0) {
            if (!b.hasFlow()) {
                if (b.getBaseTimestampNs() <= 0) {
                    throw new IllegalArgumentException("batch without a flow key, packets or time: expected a clock"
                            + " record's base_timestamp_ns > 0");
                }
                return Kind.CLOCK;
            }
            FlowKeys.validate(b.getFlow());
            if (b.getFlowEnd() == FlowEndReason.FLOW_END_REASON_NONE
                    || b.getFlowEnd() == FlowEndReason.FLOW_END_REASON_ACTIVE
                    || b.getFlowEnd() == FlowEndReason.UNRECOGNIZED) {
                throw new IllegalArgumentException("batch without packets and flow_end " + b.getFlowEnd()
                        + ": expected an end marker (TCP_FIN, TCP_RST, IDLE, EVICTED or END_OF_INPUT)");
            }
            return Kind.END_MARKER;
        }
        if (!b.hasFlow()) {
            throw new IllegalArgumentException("batch without a flow key");
        }
        FlowKeys.validate(b.getFlow());
        if (n == 0) {
            throw new IllegalArgumentException("batch without packets");
        }
        if (b.getDirectionCount() != n || b.getIpLengthCount() != n) {
            throw new IllegalArgumentException("batch columns of unequal length: " + n + " timestamps, "
                    + b.getDirectionCount() + " directions, " + b.getIpLengthCount() + " IP lengths");
        }
        checkOptional("payload_length", b.getPayloadLengthCount(), n);
        checkOptional("tcp_flags", b.getTcpFlagsCount(), n);
        checkOptional("tcp_window", b.getTcpWindowCount(), n);
        if (b.getBaseTimestampNs() <= 0) {
            throw new IllegalArgumentException("base_timestamp_ns " + b.getBaseTimestampNs() + ": expected > 0");
        }
        for (int i = 0; i < n; i++) {
            Direction d = b.getDirection(i);
            if (d != Direction.DIRECTION_A_TO_B && d != Direction.DIRECTION_B_TO_A) {
                throw new IllegalArgumentException("packet " + i + " direction " + d + ": expected A_TO_B or B_TO_A");
            }
        }
        return Kind.PACKETS;
    }

    private static void checkOptional(String column, int count, int n) {
        if (count != 0 && count != n) {
            throw new IllegalArgumentException("batch column " + column + " has " + count + " entries: expected 0 or " + n);
        }
    }
}
