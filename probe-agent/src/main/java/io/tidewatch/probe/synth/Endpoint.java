package io.tidewatch.probe.synth;

/**
 * One address the synthetic network talks to or from: its IP bytes, the MAC the sensor sees on its frames (the
 * gateway's for anything off the local network), its TCP stack and the TTL its packets carry when they reach the
 * sensor (initial TTL minus the hops on the way).
 */
final class Endpoint {
    final byte[] ip;
    final boolean v6;
    final byte[] mac;
    final TcpStack stack;
    final int observedTtl;
    /** Round-trip time from the sensor to this endpoint and back, in nanoseconds. */
    final long rttNanos;
    final String text;
    private int nextEphemeral;

    Endpoint(byte[] ip, byte[] mac, TcpStack stack, int hops, long rttNanos, int firstEphemeral) {
        this.ip = ip;
        this.v6 = ip.length == 16;
        this.mac = mac;
        this.stack = stack;
        this.observedTtl = (v6 ? stack.hopLimit : stack.initialTtl) - hops;
        this.rttNanos = rttNanos;
        this.nextEphemeral = firstEphemeral;
        this.text = format(ip);
    }

    /** Dotted quad, or IPv6 in RFC 5952 form (lower case, longest run of two or more zero groups as "::"). */
    static String format(byte[] ip) {
        if (ip.length == 4) {
            return (ip[0] & 0xFF) + "." + (ip[1] & 0xFF) + "." + (ip[2] & 0xFF) + "." + (ip[3] & 0xFF);
        }
        if (ip.length != 16) {
            throw new IllegalArgumentException("address of " + ip.length + " bytes: expected 4 or 16");
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((ip[2 * i] & 0xFF) << 8) | (ip[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }

    /**
     * The next source port for a new connection. Ports advance through the ephemeral range (Linux: 32768-60999,
     * Windows: 49152-65535) by an odd stride so that consecutive connections do not look sequential, and a port
     * comes back only after the whole range was used, so two flows of one run never share a 5-tuple.
     */
    int nextEphemeralPort() {
        int low = stack == TcpStack.WINDOWS ? 49152 : 32768;
        int high = stack == TcpStack.WINDOWS ? 65535 : 60999;
        int span = high - low + 1;
        int port = low + Math.floorMod(nextEphemeral, span);
        nextEphemeral += STRIDE;
        return port;
    }

    // Coprime with both range sizes (16384 = 2^14 and 28232 = 2^3 * 3529), so every port is visited once per cycle.
    private static final int STRIDE = 1031;

    @Override
    public String toString() {
        return text;
    }
}
