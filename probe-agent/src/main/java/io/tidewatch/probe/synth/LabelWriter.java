package io.tidewatch.probe.synth;

import io.tidewatch.probe.flow.CommunityId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the ground truth, one CSV row per flow as it ends: Community ID, the 5-tuple as the initiator sent it,
 * first and last packet times (epoch seconds at the pcap's resolution), label (1 for attack traffic), attack name,
 * and the packets and IP bytes written for the flow.
 */
final class LabelWriter implements AutoCloseable {
    static final String HEADER =
            "community_id,src_ip,src_port,dst_ip,dst_port,proto,first_ts,last_ts,label,attack,packets,ip_bytes";

    private final BufferedWriter out;
    private final boolean nanos;
    private final CommunityId communityId = new CommunityId(0);
    private final StringBuilder line = new StringBuilder(200);

    LabelWriter(Path file, boolean nanos) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        this.nanos = nanos;
        out.write(HEADER);
        out.write('\n');
    }

    void write(Flow f) throws IOException {
        StringBuilder b = line;
        b.setLength(0);
        b.append(communityId.compute(f.client.ip, 0, f.server.ip, 0, f.client.ip.length, f.proto, f.clientPort,
                f.serverPort));
        b.append(',').append(f.client.text).append(',').append(f.clientPort);
        b.append(',').append(f.server.text).append(',').append(f.serverPort);
        b.append(',').append(f.proto).append(',');
        timestamp(b, f.firstNanos);
        b.append(',');
        timestamp(b, f.lastNanos);
        b.append(',').append(f.attack == null ? '0' : '1').append(',');
        if (f.attack != null) {
            b.append(f.attack.label());
        }
        b.append(',').append(f.packets).append(',').append(f.ipBytes).append('\n');
        out.append(b);
    }

    private void timestamp(StringBuilder b, long epochNanos) {
        long seconds = epochNanos / 1_000_000_000L;
        long fraction = epochNanos % 1_000_000_000L;
        String digits = nanos ? Long.toString(fraction) : Long.toString(fraction / 1000);
        b.append(seconds).append('.');
        for (int i = digits.length(); i < (nanos ? 9 : 6); i++) {
            b.append('0');
        }
        b.append(digits);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
