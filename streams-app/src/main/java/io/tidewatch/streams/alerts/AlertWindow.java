package io.tidewatch.streams.alerts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One source host's open suppression window: when it opened (the first alert's flow time), when it closes, how many
 * alerting flows it has absorbed (the first included), the highest score among them and that flow's reasons.
 */
record AlertWindow(String alertId, long startMs, long endMs, long count, double maxScore, String maxFlowId,
        List<String> reasons) {

    private static final int FORMAT = 1;

    AlertWindow absorb(double score, String flowId, List<String> flowReasons) {
        boolean higher = score > maxScore;
        return new AlertWindow(alertId, startMs, endMs, count + 1, higher ? score : maxScore,
                higher ? flowId : maxFlowId, higher ? flowReasons : reasons);
    }

    byte[] encode() {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(b);
            out.writeInt(FORMAT);
            out.writeUTF(alertId);
            out.writeLong(startMs);
            out.writeLong(endMs);
            out.writeLong(count);
            out.writeDouble(maxScore);
            out.writeUTF(maxFlowId);
            out.writeInt(reasons.size());
            for (String r : reasons) {
                out.writeUTF(r);
            }
            out.flush();
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AlertWindow decode(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("alert window: format " + format + ", expected " + FORMAT);
            }
            String id = in.readUTF();
            long start = in.readLong();
            long end = in.readLong();
            long count = in.readLong();
            double max = in.readDouble();
            String flow = in.readUTF();
            int n = in.readInt();
            if (n < 0 || n > 64) {
                throw new IllegalArgumentException("alert window: " + n + " reasons is corrupt");
            }
            List<String> reasons = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                reasons.add(in.readUTF());
            }
            return new AlertWindow(id, start, end, count, max, flow, List.copyOf(reasons));
        } catch (IOException e) {
            throw new IllegalArgumentException("alert window: truncated (" + bytes.length + " bytes)", e);
        }
    }
}
