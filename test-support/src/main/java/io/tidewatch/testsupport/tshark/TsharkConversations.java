package io.tidewatch.testsupport.tshark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tshark's conversation tables ({@code -z conv,tcp}, {@code -z conv,udp}): total frames per conversation, the
 * oracle for how many packets the probe, the topology and the replay must account to each one.
 */
public final class TsharkConversations {

    /**
     * "A:port <-> B:port", then frames, bytes and a unit word (bytes, kB, ...) for B to A, A to B and the total.
     * The address is everything before the last colon, so IPv6 addresses need no brackets.
     */
    private static final Pattern ROW = Pattern.compile("^(\\S+):(\\d+)\\s+<->\\s+(\\S+):(\\d+)"
            + "\\s+(\\d+)\\s+\\S+\\s+\\S+\\s+(\\d+)\\s+\\S+\\s+\\S+\\s+(\\d+)\\s");

    private TsharkConversations() {
    }

    /**
     * Total frames per conversation of {@code transports} ("tcp", "udp") in {@code capture}. A conversation that
     * tshark splits into several rows (a reused port pair) has their frames summed, as flow segments are.
     */
    public static Map<Conversation, Long> frames(Path capture, String... transports)
            throws IOException, InterruptedException {
        if (transports.length == 0) {
            throw new IllegalArgumentException("conversation tables: expected tcp and/or udp, got none");
        }
        List<String> args = new ArrayList<>(List.of("-n", "-r", capture.toString(), "-q"));
        for (String t : transports) {
            if (!t.equals("tcp") && !t.equals("udp")) {
                throw new IllegalArgumentException("conversation table '" + t + "': expected tcp or udp");
            }
            args.add("-z");
            args.add("conv," + t);
        }
        return parse(Tshark.run(args.toArray(String[]::new)));
    }

    /** Reads the tables in tshark's {@code -q -z conv,...} output; a row it cannot read fails loudly. */
    static Map<Conversation, Long> parse(String output) {
        Map<Conversation, Long> frames = new TreeMap<>();
        String transport = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("TCP Conversations")) {
                transport = "tcp";
            } else if (line.startsWith("UDP Conversations")) {
                transport = "udp";
            } else if (line.startsWith("====")) {
                transport = null;
            }
            if (!line.contains("<->")) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (transport == null || !m.find()) {
                throw new IllegalStateException("tshark conversation row not understood"
                        + (transport == null ? " (outside a TCP or UDP table)" : "") + ": " + line);
            }
            long total = Long.parseLong(m.group(7));
            if (total != Long.parseLong(m.group(5)) + Long.parseLong(m.group(6))) {
                throw new IllegalStateException("tshark conversation row not understood (frames do not add up): "
                        + line);
            }
            frames.merge(Conversation.of(transport, m.group(1), Long.parseLong(m.group(2)), m.group(3),
                    Long.parseLong(m.group(4))), total, Long::sum);
        }
        return frames;
    }
}
