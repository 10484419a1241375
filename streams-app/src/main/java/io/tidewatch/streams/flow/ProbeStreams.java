package io.tidewatch.streams.flow;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which batches of a flow have been seen, per probe stream. A stream is (probe id, the probe's first-seen time of
 * the flow): a probe restarts its batch numbering when it starts tracking the flow anew, so the id alone would
 * take the new batches for duplicates. Per stream: every sequence below a watermark was seen, plus a small set
 * above it; bounded in streams and in out-of-order sequences.
 */
final class ProbeStreams {

    static final int MAX_STREAMS = 16;
    static final int MAX_ABOVE = 256;

    private static final class Stream {
        final String probeId;
        final long firstSeenNs;
        long nextSeq;
        final TreeSet<Long> above = new TreeSet<>();

        Stream(String probeId, long firstSeenNs) {
            this.probeId = probeId;
            this.firstSeenNs = firstSeenNs;
        }
    }

    private final List<Stream> streams = new ArrayList<>();

    /** Marks batch {@code seq} of the stream as seen; false when it had been seen already (a duplicate). */
    boolean markSeen(String probeId, long firstSeenNs, long seq) {
        Stream s = find(probeId, firstSeenNs);
        if (s == null) {
            if (streams.size() == MAX_STREAMS) {
                streams.remove(0);
            }
            s = new Stream(probeId, firstSeenNs);
            streams.add(s);
        }
        if (seq < s.nextSeq || s.above.contains(seq)) {
            return false;
        }
        s.above.add(seq);
        while (s.above.remove(s.nextSeq)) {
            s.nextSeq++;
        }
        if (s.above.size() > MAX_ABOVE) {
            // A long gap: give up waiting for the missing batches and move the watermark past the oldest held.
            s.nextSeq = s.above.pollFirst() + 1;
            while (s.above.remove(s.nextSeq)) {
                s.nextSeq++;
            }
        }
        return true;
    }

    private Stream find(String probeId, long firstSeenNs) {
        for (Stream s : streams) {
            if (s.firstSeenNs == firstSeenNs && s.probeId.equals(probeId)) {
                return s;
            }
        }
        return null;
    }

    void write(DataOutput out) throws IOException {
        out.writeByte(streams.size());
        for (Stream s : streams) {
            out.writeUTF(s.probeId);
            out.writeLong(s.firstSeenNs);
            out.writeLong(s.nextSeq);
            out.writeShort(s.above.size());
            for (long q : s.above) {
                out.writeLong(q);
            }
        }
    }

    void read(DataInput in) throws IOException {
        streams.clear();
        int count = in.readByte();
        if (count < 0 || count > MAX_STREAMS) {
            throw new IOException("probe stream count " + count + ": expected 0.." + MAX_STREAMS);
        }
        for (int i = 0; i < count; i++) {
            Stream s = new Stream(in.readUTF(), in.readLong());
            s.nextSeq = in.readLong();
            int above = in.readShort();
            for (int j = 0; j < above; j++) {
                s.above.add(in.readLong());
            }
            streams.add(s);
        }
    }
}
