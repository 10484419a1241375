package io.tidewatch.streams.flow;

import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.PacketDynamicsBatch;

/** Structural checks of a batch before it touches any state: a bad batch is counted and skipped, never merged. */
final class BatchChecks {

    private BatchChecks() {
    }

    static void validate(PacketDynamicsBatch b) {
        if (!b.hasFlow()) {
            throw new IllegalArgumentException("batch without a flow key");
        }
        FlowKeys.validate(b.getFlow());
        int n = b.getTsDeltaUsCount();
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
    }

    private static void checkOptional(String column, int count, int n) {
        if (count != 0 && count != n) {
            throw new IllegalArgumentException("batch column " + column + " has " + count + " entries: expected 0 or " + n);
        }
    }
}
