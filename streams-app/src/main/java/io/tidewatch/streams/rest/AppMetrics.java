package io.tidewatch.streams.rest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidewatch.streams.flow.FlowAssemblyCounters;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The app's Prometheus registry: the Kafka Streams client metrics (Micrometer's binder: threads, tasks, stores,
 * consumer and producer) and Tidewatch's own counters. Rates (flows/s) are {@code rate()} of the counters, as
 * Prometheus expects; the dashboard derives them from two polls of {@code /api/overview}.
 *
 * <p>Own meters: {@code tidewatch_flows_total}, {@code tidewatch_flow_batches_total},
 * {@code tidewatch_flow_packets_total}, {@code tidewatch_flow_batches_skipped_total{reason=duplicate|late|invalid}},
 * {@code tidewatch_dead_letters_total}, {@code tidewatch_state_store_keys{store}} (RocksDB's estimate-num-keys over
 * this instance's active tasks), plus whatever {@link RestDataSources#meters()} adds (scores/s, alerts, drift
 * events, model versions).
 */
public final class AppMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private KafkaStreamsMetrics streamsMetrics;

    public AppMetrics(FlowAssemblyCounters counters, LongSupplier deadLetters, List<MeterBinder> extra) {
        counter("tidewatch.flows", "Flow records emitted (one per flow segment)", counters,
                FlowAssemblyCounters::flowRecords);
        counter("tidewatch.flow.batches", "Packet-dynamics batches assembled", counters, FlowAssemblyCounters::batches);
        counter("tidewatch.flow.packets", "Packets in the assembled batches", counters, FlowAssemblyCounters::packets);
        FunctionCounter.builder("tidewatch.flow.batches.skipped", counters, c -> c.duplicateBatches())
                .tag("reason", "duplicate").description("Batches skipped by the assembler").register(registry);
        FunctionCounter.builder("tidewatch.flow.batches.skipped", counters, c -> c.lateBatches())
                .tag("reason", "late").description("Batches skipped by the assembler").register(registry);
        FunctionCounter.builder("tidewatch.flow.batches.skipped", counters, c -> c.invalidBatches())
                .tag("reason", "invalid").description("Batches skipped by the assembler").register(registry);
        FunctionCounter.builder("tidewatch.dead.letters", deadLetters, s -> s.getAsLong())
                .description("Records sent to the dead-letter topic").register(registry);
        extra.forEach(b -> b.bindTo(registry));
    }

    private void counter(String name, String help, FlowAssemblyCounters c, ToDoubleFunction<FlowAssemblyCounters> f) {
        FunctionCounter.builder(name, c, f).description(help).register(registry);
    }

    /** Binds the client's metrics and one key-count gauge per store, once the client exists. */
    public void bind(KafkaStreams streams, Collection<String> stores, StoreSizes sizes) {
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        for (String store : stores) {
            Gauge.builder("tidewatch.state.store.keys", sizes, s -> s.approximateKeys(store)).tag("store", store)
                    .description("Estimated keys in the store over this instance's active tasks (RocksDB estimate-num-keys)")
                    .register(registry);
        }
    }

    /** The Prometheus text exposition (format 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        registry.close();
    }

    /** How many keys a store holds on this instance; NaN while it cannot be queried (rebalancing, stopped). */
    @FunctionalInterface
    public interface StoreSizes {
        double approximateKeys(String store);
    }
}
