package io.tidewatch.probe.output;

import io.tidewatch.probe.flow.FlowSegment;
import io.tidewatch.probe.flow.FlowSegmentSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes one JSON line per closed flow segment, conn.log-like: community_id, proto, orig/resp ip and port,
 * first/last timestamp (Unix seconds), orig/resp packets and IP bytes, end reason.
 */
public final class FlowsJsonlWriter implements FlowSegmentSink, AutoCloseable {

    private final Path file;
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(256);
    private long lines;

    public FlowsJsonlWriter(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("flows output: a file path is required, got null");
        }
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("flows output '" + file + "': cannot be created: " + e.getMessage(), e);
        }
    }

    @Override
    public void onSegmentClosed(FlowSegment s) {
        StringBuilder b = line;
        b.setLength(0);
        b.append("{\"community_id\":\"").append(s.communityId()).append('"')
                .append(",\"proto\":").append(s.protocol())
                .append(",\"orig_ip\":\"").append(address(s.origIp())).append('"')
                .append(",\"orig_port\":").append(s.origPort())
                .append(",\"resp_ip\":\"").append(address(s.respIp())).append('"')
                .append(",\"resp_port\":").append(s.respPort())
                .append(",\"first_ts\":").append(seconds(s.firstTimestampNs()))
                .append(",\"last_ts\":").append(seconds(s.lastTimestampNs()))
                .append(",\"orig_pkts\":").append(s.origPackets())
                .append(",\"orig_ip_bytes\":").append(s.origIpBytes())
                .append(",\"resp_pkts\":").append(s.respPackets())
                .append(",\"resp_ip_bytes\":").append(s.respIpBytes())
                .append(",\"end_reason\":\"").append(endReason(s)).append("\"}\n");
        try {
            out.append(b);
        } catch (IOException e) {
            throw new UncheckedIOException("flows output '" + file + "': write failed: " + e.getMessage(), e);
        }
        lines++;
    }

    public long lines() {
        return lines;
    }

    private static String endReason(FlowSegment s) {
        return s.endReason().name().substring("FLOW_END_REASON_".length()).toLowerCase(Locale.ROOT);
    }

    static String seconds(long ns) {
        long sec = Math.floorDiv(ns, 1_000_000_000L);
        long frac = Math.floorMod(ns, 1_000_000_000L);
        return sec + "." + String.format(Locale.ROOT, "%09d", frac);
    }

    static String address(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + ip.length + " bytes: expected 4 or 16", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("flows output '" + file + "': close failed: " + e.getMessage(), e);
        }
    }
}
