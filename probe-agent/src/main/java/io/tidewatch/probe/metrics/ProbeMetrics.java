package io.tidewatch.probe.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidewatch.probe.capture.PacketListener;
import io.tidewatch.probe.decode.SkipReason;
import io.tidewatch.probe.kafka.DropReason;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The probe's figures as Prometheus meters. The capture thread publishes a {@link ProbeFigures} snapshot at most
 * once a second ({@link #maybePublish}, and every 256 packets through {@link #counting}); a scrape reads the
 * latest snapshot, so the hot path never synchronizes with the HTTP thread.
 *
 * <p>Meters: {@code tidewatch_probe_packets_total}, {@code tidewatch_probe_decoded_total},
 * {@code tidewatch_probe_skipped_total{reason}}, {@code tidewatch_probe_flows_total},
 * {@code tidewatch_probe_evictions_total}, {@code tidewatch_probe_open_flows}, {@code tidewatch_probe_batches_total},
 * {@code tidewatch_probe_bytes_out_total}, {@code tidewatch_probe_kafka_dropped_total{reason}},
 * {@code tidewatch_probe_kafka_queue_batches}, {@code tidewatch_probe_pcap_received_total},
 * {@code tidewatch_probe_pcap_dropped_total}, {@code tidewatch_probe_pcap_if_dropped_total}.
 */
public final class ProbeMetrics {

    private static final long PUBLISH_EVERY_NS = 1_000_000_000L;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile Supplier<ProbeFigures> source;
    private volatile ProbeFigures latest = ProbeFigures.NONE;
    private long lastPublishNs = System.nanoTime() - PUBLISH_EVERY_NS;

    /** Meters at zero until {@link #source} is given. */
    public ProbeMetrics() {
        counter("tidewatch.probe.packets", "Frames captured or read", f -> f.packets());
        counter("tidewatch.probe.decoded", "Frames decoded into packet dynamics", f -> f.decoded());
        for (SkipReason r : SkipReason.values()) {
            FunctionCounter.builder("tidewatch.probe.skipped", this, m -> m.latest.skipped(r)).tag("reason", r.label())
                    .description("Frames skipped, by reason").register(registry);
        }
        counter("tidewatch.probe.flows", "Flows created in the edge flow table", f -> f.flows());
        counter("tidewatch.probe.evictions", "Flows evicted because the table was full", f -> f.evictions());
        Gauge.builder("tidewatch.probe.open.flows", this, m -> m.latest.openFlows())
                .description("Flows open in the edge flow table").register(registry);
        counter("tidewatch.probe.batches", "Packet-dynamics batches handed to the output", f -> f.batches());
        counter("tidewatch.probe.bytes.out", "Serialized batch bytes handed to the output", f -> f.bytesOut());
        for (DropReason r : DropReason.values()) {
            FunctionCounter.builder("tidewatch.probe.kafka.dropped", this, m -> m.latest.kafkaDropped(r))
                    .tag("reason", r.label()).description("Batches the Kafka output dropped, by reason")
                    .register(registry);
        }
        Gauge.builder("tidewatch.probe.kafka.queue.batches", this,
                m -> m.latest.kafka() == null ? 0 : m.latest.kafka().queueDepth())
                .description("Batches waiting between capture and the Kafka sender").register(registry);
        counter("tidewatch.probe.pcap.received", "Packets libpcap received",
                f -> f.capture() == null ? 0 : f.capture().received());
        counter("tidewatch.probe.pcap.dropped", "Packets libpcap dropped for lack of buffer space",
                f -> f.capture() == null ? 0 : f.capture().dropped());
        counter("tidewatch.probe.pcap.if.dropped", "Packets the interface or driver dropped",
                f -> f.capture() == null ? 0 : f.capture().ifDropped());
    }

    private void counter(String name, String help, ToDoubleFunction<ProbeFigures> f) {
        FunctionCounter.builder(name, this, m -> f.applyAsDouble(m.latest)).description(help).register(registry);
    }

    /**
     * Where snapshots come from once the pipeline exists; called on the capture thread only. (The listener starts
     * before the pipeline so that a port already in use fails before the capture handle and producer open.)
     */
    public void source(Supplier<ProbeFigures> figures) {
        this.source = figures;
    }

    /** On the capture thread: takes a snapshot if the last one is a second old. */
    public void maybePublish() {
        long now = System.nanoTime();
        if (now - lastPublishNs >= PUBLISH_EVERY_NS) {
            publish();
        }
    }

    /** On the capture thread: takes a snapshot now (at the end of a run). */
    public void publish() {
        Supplier<ProbeFigures> s = source;
        if (s == null) {
            return;
        }
        latest = s.get();
        lastPublishNs = System.nanoTime();
    }

    public ProbeFigures latest() {
        return latest;
    }

    /** {@code next}, plus a look at the clock every 256 packets to publish a snapshot. */
    public PacketListener counting(PacketListener next) {
        return new PacketListener() {
            private long seen;

            @Override
            public void onPacket(int linkType, long timestampNs, ByteBuffer data, int offset, int capturedLength,
                    int wireLength) {
                next.onPacket(linkType, timestampNs, data, offset, capturedLength, wireLength);
                if ((++seen & 0xFF) == 0) {
                    maybePublish();
                }
            }
        };
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
