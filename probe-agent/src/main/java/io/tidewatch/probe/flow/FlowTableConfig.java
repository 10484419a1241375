package io.tidewatch.probe.flow;

/**
 * Tuning of the edge flow table. Times are in packet (capture) time, so a replayed file behaves as live traffic did.
 *
 * @param observationDomain the site id put in every FlowKey (0..2^32-1)
 * @param probeId           this probe's id in every batch
 * @param batchPackets      flush a flow's batch after this many packets
 * @param batchMillis       flush a flow's batch once its first packet is this old
 * @param idleMillis        close a flow after this long without packets
 * @param maxFlows          open flows kept; beyond it the idlest is evicted
 * @param tcpLingerMillis   after FIN both ways or RST, keep the flow this long for the last ACKs, then close it
 * @param communityIdSeed   Community ID seed (0 unless the whole deployment agrees on another)
 */
public record FlowTableConfig(long observationDomain, String probeId, int batchPackets, long batchMillis,
        long idleMillis, int maxFlows, long tcpLingerMillis, int communityIdSeed) {

    public static final int DEFAULT_BATCH_PACKETS = 64;
    public static final long DEFAULT_BATCH_MILLIS = 1000;
    public static final long DEFAULT_IDLE_MILLIS = 30_000;
    public static final int DEFAULT_MAX_FLOWS = 262_144;
    public static final long DEFAULT_TCP_LINGER_MILLIS = 1000;

    public FlowTableConfig {
        if (observationDomain < 0 || observationDomain > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("observation domain " + observationDomain + ": expected 0..4294967295");
        }
        if (probeId == null || probeId.isBlank()) {
            throw new IllegalArgumentException("probe id '" + probeId + "': expected a non-blank name");
        }
        if (batchPackets < 1 || batchPackets > 65_536) {
            throw new IllegalArgumentException("batch packets " + batchPackets + ": expected 1..65536");
        }
        if (batchMillis < 1) {
            throw new IllegalArgumentException("batch time " + batchMillis + " ms: expected at least 1");
        }
        if (idleMillis < 1) {
            throw new IllegalArgumentException("idle timeout " + idleMillis + " ms: expected at least 1");
        }
        if (maxFlows < 1 || maxFlows > (1 << 28)) {
            throw new IllegalArgumentException("max flows " + maxFlows + ": expected 1..268435456");
        }
        if (tcpLingerMillis < 0) {
            throw new IllegalArgumentException("TCP linger " + tcpLingerMillis + " ms: expected 0 or more");
        }
        if (communityIdSeed < 0 || communityIdSeed > 0xFFFF) {
            throw new IllegalArgumentException("community id seed " + communityIdSeed + ": expected 0..65535");
        }
    }

    /** The defaults (64 packets, 1 s, 30 s idle, 262144 flows, 1 s linger, seed 0) for one probe. */
    public static FlowTableConfig defaults(long observationDomain, String probeId) {
        return new FlowTableConfig(observationDomain, probeId, DEFAULT_BATCH_PACKETS, DEFAULT_BATCH_MILLIS,
                DEFAULT_IDLE_MILLIS, DEFAULT_MAX_FLOWS, DEFAULT_TCP_LINGER_MILLIS, 0);
    }
}
