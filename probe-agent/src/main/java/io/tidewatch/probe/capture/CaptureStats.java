package io.tidewatch.probe.capture;

/**
 * libpcap's own counters for a live capture ({@code pcap_stats}).
 *
 * @param received  packets the kernel filter passed to the capture
 * @param dropped   packets dropped because the capture buffer was full (the probe did not keep up)
 * @param ifDropped packets the interface or its driver dropped (where the platform reports it)
 */
public record CaptureStats(long received, long dropped, long ifDropped) {

    public static final CaptureStats NONE = new CaptureStats(0, 0, 0);

    public String toJson() {
        return "{\"received\":" + received + ",\"dropped\":" + dropped + ",\"if_dropped\":" + ifDropped + "}";
    }
}
