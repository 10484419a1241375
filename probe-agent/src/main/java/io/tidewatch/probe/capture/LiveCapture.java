package io.tidewatch.probe.capture;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;

/**
 * Live capture on one interface through libpcap (pcap4j, JNA), feeding the same {@link PacketListener} the file
 * readers feed.
 *
 * <p>Packets come through pcap's callback with a raw-bytes listener ({@code pcap_dispatch}, which is
 * {@code pcap_loop} one buffer at a time): pcap4j's pull API builds a packet object per frame and measured about five
 * times slower. The handle is non-blocking: on Linux (TPACKET_V3) a blocking read with no matching traffic never
 * returns, so a quiet link would neither flush its batches nor notice a stop. Instead, when a dispatch finds nothing,
 * the capture thread parks briefly (packets wait in the kernel ring meanwhile, stamped on arrival) and moves the flow
 * table's packet time forward. {@link #stop()} from any thread (a Ctrl-C hook) ends the loop.
 */
public final class LiveCapture implements AutoCloseable {

    /** How long an idle capture thread rests between polls of the ring; packets are stamped by the kernel anyway. */
    private static final long IDLE_PARK_NS = 2_000_000L;

    private final LiveCaptureConfig config;
    private final PcapHandle handle;
    private final int linkType;
    private final boolean nanoTimestamps;
    private volatile boolean stopped;

    private LiveCapture(LiveCaptureConfig config, PcapHandle handle, boolean nanoTimestamps) {
        this.config = config;
        this.handle = handle;
        this.linkType = handle.getDlt().value();
        this.nanoTimestamps = nanoTimestamps;
    }

    /**
     * Opens the interface and applies the filter.
     *
     * @throws LiveCaptureException with a one-line message when libpcap is missing, the interface does not exist,
     *                              capture is not permitted, or the filter does not compile
     */
    public static LiveCapture open(LiveCaptureConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("live capture: a configuration is required, got null");
        }
        String name = config.iface();
        PcapNetworkInterface nif;
        try {
            nif = Pcaps.getDevByName(name);
        } catch (LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = String.valueOf(root.getMessage()).lines().findFirst().orElse(root.getClass().getName());
            throw new LiveCaptureException("cannot capture on '" + name + "': libpcap cannot be loaded ("
                    + why + "); install libpcap (Debian: libpcap0.8)", e);
        } catch (PcapNativeException e) {
            throw new LiveCaptureException("cannot list interfaces for '" + name + "': " + e.getMessage(), e);
        }
        if (nif == null) {
            throw new LiveCaptureException("interface '" + name + "' not found; available: " + available(), null);
        }
        PcapHandle handle = null;
        boolean nano = config.nanoTimestamps();
        try {
            try {
                handle = build(config, nano);
            } catch (PcapNativeException e) {
                if (!nano) {
                    throw e;
                }
                // No nanosecond timestamps on this platform: microseconds it is.
                nano = false;
                handle = build(config, false);
            }
            if (config.filter() != null) {
                try {
                    handle.setFilter(config.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException e) {
                    handle.close();
                    throw new LiveCaptureException("bad capture filter '" + config.filter() + "' on '" + name + "': "
                            + String.valueOf(e.getMessage()).replace('\n', ' ') + "; expected tcpdump filter syntax", e);
                }
            }
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            return new LiveCapture(config, handle, nano);
        } catch (PcapNativeException | NotOpenException e) {
            if (handle != null) {
                handle.close();
            }
            String msg = String.valueOf(e.getMessage());
            String hint = msg.contains("ermitted") || msg.contains("ermission")
                    ? " (live capture needs root or the CAP_NET_RAW and CAP_NET_ADMIN capabilities)" : "";
            throw new LiveCaptureException("cannot open '" + name + "' for capture: " + msg.replace('\n', ' ') + hint, e);
        }
    }

    private static PcapHandle build(LiveCaptureConfig c, boolean nano) throws PcapNativeException {
        return new PcapHandle.Builder(c.iface())
                .snaplen(c.snaplen())
                .promiscuousMode(c.promiscuous() ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
                .bufferSize(c.bufferBytes())
                .immediateMode(c.immediate())
                .timeoutMillis(c.timeoutMillis())
                .timestampPrecision(nano ? PcapHandle.TimestampPrecision.NANO : PcapHandle.TimestampPrecision.MICRO)
                .build();
    }

    private static String available() {
        try {
            List<PcapNetworkInterface> all = Pcaps.findAllDevs();
            return all.isEmpty() ? "none (no permission to list them?)"
                    : all.stream().map(PcapNetworkInterface::getName).collect(Collectors.joining(", "));
        } catch (PcapNativeException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * Captures until {@link #stop()} (or until {@code untilNanos}, a {@link System#nanoTime()} deadline; 0 for none),
     * handing every frame to {@code listener}. After each buffer or read timeout, {@code clock} gets the wall-clock
     * time less the read timeout (epoch ns; packets still in the kernel buffer are no older than that), for the flow
     * table's time-based flushes.
     */
    public void run(PacketListener listener, LongConsumer clock, long untilNanos) {
        if (listener == null || clock == null) {
            throw new IllegalArgumentException("live capture: a packet listener and a clock consumer are required");
        }
        RawPacketListener raw = bytes -> {
            Timestamp ts = handle.getTimestamp();
            long ns = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
            Integer wire = handle.getOriginalLength();
            listener.onPacket(linkType, ns, ByteBuffer.wrap(bytes), 0, bytes.length,
                    wire == null ? bytes.length : wire);
        };
        long lagNs = config.timeoutMillis() * 1_000_000L;
        long idleParkNs = Math.min(IDLE_PARK_NS, lagNs);
        long lastTick = 0;
        while (!stopped) {
            int got;
            try {
                got = handle.dispatch(-1, raw);
            } catch (InterruptedException e) {
                // pcap_breakloop: stop() was called.
                break;
            } catch (PcapNativeException e) {
                throw new LiveCaptureException("capture on '" + config.iface() + "' failed: " + e.getMessage(), e);
            } catch (NotOpenException e) {
                break;
            }
            long t = System.nanoTime();
            if (t - lastTick >= lagNs) {
                lastTick = t;
                clock.accept(System.currentTimeMillis() * 1_000_000L - lagNs);
            }
            if (untilNanos != 0 && t - untilNanos >= 0) {
                break;
            }
            if (got == 0) {
                LockSupport.parkNanos(idleParkNs);
            }
        }
    }

    /** Breaks the capture loop; safe from any thread (a signal handler, a shutdown hook). */
    public void stop() {
        stopped = true;
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // Already closed: nothing is running.
        }
    }

    /** libpcap's counters so far; {@link CaptureStats#NONE} once closed. */
    public CaptureStats stats() {
        try {
            PcapStat s = handle.getStats();
            return new CaptureStats(s.getNumPacketsReceived(), s.getNumPacketsDropped(), s.getNumPacketsDroppedByIf());
        } catch (PcapNativeException | NotOpenException e) {
            return CaptureStats.NONE;
        }
    }

    /** The interface's link-layer type (LINKTYPE_* number). */
    public int linkType() {
        return linkType;
    }

    /** Whether timestamps have nanosecond resolution (else microseconds). */
    public boolean nanoTimestamps() {
        return nanoTimestamps;
    }

    @Override
    public void close() {
        stopped = true;
        if (handle.isOpen()) {
            handle.close();
        }
    }
}
