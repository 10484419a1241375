package io.tidewatch.probe.capture;

/**
 * How to open a live capture.
 *
 * @param iface          the interface name ({@code eth0}, {@code lo}, ...)
 * @param filter         a BPF filter expression in tcpdump syntax, or null for every packet
 * @param snaplen        bytes kept per packet; the default 128 keeps headers and drops payload at the kernel
 * @param promiscuous    whether to put the interface in promiscuous mode (a SPAN or TAP port needs it)
 * @param bufferBytes    the kernel capture buffer; a larger one rides out bursts without drops
 * @param immediate      deliver each packet at once instead of when a buffer block fills (lower latency, more wakeups)
 * @param timeoutMillis  the read timeout: the longest a packet waits in a part-filled block, and how often an idle
 *                       capture wakes to let the flow table expire batches
 * @param nanoTimestamps ask for nanosecond timestamps (falls back to microseconds where the platform has none)
 */
public record LiveCaptureConfig(String iface, String filter, int snaplen, boolean promiscuous, int bufferBytes,
        boolean immediate, int timeoutMillis, boolean nanoTimestamps) {

    public static final int DEFAULT_SNAPLEN = 128;
    public static final int DEFAULT_BUFFER_BYTES = 32 << 20;
    public static final int DEFAULT_TIMEOUT_MILLIS = 100;

    public LiveCaptureConfig {
        if (iface == null || iface.isBlank()) {
            throw new IllegalArgumentException("interface '" + iface + "': expected an interface name such as eth0");
        }
        if (filter != null && filter.isBlank()) {
            filter = null;
        }
        if (snaplen < 64 || snaplen > 262_144) {
            throw new IllegalArgumentException("snaplen " + snaplen + ": expected 64..262144 bytes (128 keeps headers only)");
        }
        if (bufferBytes < 65_536) {
            throw new IllegalArgumentException("capture buffer " + bufferBytes + " bytes: expected at least 65536");
        }
        if (timeoutMillis < 1 || timeoutMillis > 10_000) {
            throw new IllegalArgumentException("read timeout " + timeoutMillis + " ms: expected 1..10000");
        }
    }

    /** An interface with every other option at its default. */
    public static LiveCaptureConfig of(String iface) {
        return new LiveCaptureConfig(iface, null, DEFAULT_SNAPLEN, true, DEFAULT_BUFFER_BYTES, false,
                DEFAULT_TIMEOUT_MILLIS, true);
    }
}
