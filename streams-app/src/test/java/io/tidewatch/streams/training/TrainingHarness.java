package io.tidewatch.streams.training;

import com.google.protobuf.ByteString;
import io.tidewatch.config.Settings;
import io.tidewatch.localstack.registry.EmbeddedSchemaRegistry;
import io.tidewatch.proto.v1.Direction;
import io.tidewatch.proto.v1.FlowEndReason;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.serde.ProtobufSerde;
import io.tidewatch.streams.app.StreamsApp;
import io.tidewatch.streams.topology.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production topology (from {@link StreamsApp}) in a TopologyTestDriver with a real embedded schema registry:
 * packet dynamics and labels in, model metrics and model snapshots out.
 */
final class TrainingHarness implements AutoCloseable {

    static final long T0_MS = 1_700_000_000_000L;

    final EmbeddedSchemaRegistry registry;
    final StreamsApp app;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], PacketDynamicsBatch> packets;
    final TestInputTopic<String, Label> labels;
    final TestOutputTopic<String, ModelMetrics> metrics;
    final TestOutputTopic<String, ModelSnapshot> models;
    final TestOutputTopic<String, FlowRecord> flows;
    private final ProtobufSerde<PacketDynamicsBatch> batchSerde;
    private final ProtobufSerde<Label> labelSerde;
    private final ProtobufSerde<ModelMetrics> metricsSerde;
    private final ProtobufSerde<ModelSnapshot> modelSerde;
    private final ProtobufSerde<FlowRecord> flowSerde;

    TrainingHarness(Path stateDir, Map<String, String> extra) {
        registry = new EmbeddedSchemaRegistry().start();
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", "unused:9092");
        values.put("kafka.application.id", "tidewatch-training-test");
        values.put("kafka.state.dir", stateDir.toString());
        values.put("schema.registry.url", registry.url());
        values.put("streams.rocksdb.memory.bytes", Long.toString(16L << 20));
        // The driver commits after every record, which flushes every RocksDB store each time; heap stores keep the
        // label stage's tests fast (one test runs it on RocksDB).
        values.put("labels.stores", "in-memory");
        values.putAll(extra);
        app = StreamsApp.create(Settings.of(values));
        Properties props = app.properties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(app.topology(), props, Instant.ofEpochMilli(T0_MS));
        Map<String, Object> serdeConfig = Map.of("schema.registry.url", registry.url());
        batchSerde = new ProtobufSerde<>(PacketDynamicsBatch.getDefaultInstance(), serdeConfig, false);
        labelSerde = new ProtobufSerde<>(Label.getDefaultInstance(), serdeConfig, false);
        metricsSerde = new ProtobufSerde<>(ModelMetrics.getDefaultInstance(), serdeConfig, false);
        modelSerde = new ProtobufSerde<>(ModelSnapshot.getDefaultInstance(), serdeConfig, false);
        flowSerde = new ProtobufSerde<>(FlowRecord.getDefaultInstance(), serdeConfig, false);
        Topics topics = app.topics();
        flows = driver.createOutputTopic(topics.flows().name(), new StringDeserializer(), flowSerde.deserializer());
        packets = driver.createInputTopic(topics.packetDynamics().name(), new ByteArraySerializer(),
                batchSerde.serializer());
        labels = driver.createInputTopic(topics.labels().name(), new StringSerializer(), labelSerde.serializer());
        metrics = driver.createOutputTopic(topics.modelMetrics().name(), new StringDeserializer(),
                metricsSerde.deserializer());
        models = driver.createOutputTopic(topics.models().name(), new StringDeserializer(), modelSerde.deserializer());
    }

    void send(PacketDynamicsBatch batch) {
        long ts = batch.getBaseTimestampNs() / 1_000_000L;
        packets.pipeInput(new TestRecord<>(new byte[] {1}, batch, Instant.ofEpochMilli(ts)));
    }

    void label(Label l, long atMs) {
        labels.pipeInput(new TestRecord<>("label", l, Instant.ofEpochMilli(atMs)));
    }

    /** The value of the Streams metric {@code name} (summed over tasks), 0 when absent. */
    double metric(String name) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : driver.metrics().entrySet()) {
            if (e.getKey().name().equals(name)) {
                sum += ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        return sum;
    }

    List<ModelMetrics> metricsRecords() {
        return metrics.readValuesToList();
    }

    static byte[] ip(int a, int b) {
        return new byte[] {10, 0, (byte) a, (byte) b};
    }

    /**
     * A closed UDP flow from host 10.0.{@code src} to 10.0.{@code dst}: {@code n} request/response pairs of
     * {@code size} bytes, starting at {@code atMs} after T0; the probe ends it at once (END_OF_INPUT).
     */
    static PacketDynamicsBatch flow(int srcHost, int srcPort, int dstHost, int n, int size, long atMs) {
        FlowKey key = FlowKey.newBuilder().setObservationDomain(1).setIpVersion(4)
                .setAIp(ByteString.copyFrom(ip(srcHost >> 8, srcHost & 0xff))).setAPort(srcPort)
                .setBIp(ByteString.copyFrom(ip(dstHost >> 8, dstHost & 0xff))).setBPort(53)
                .setIpProtocol(17).setCommunityId(communityId(srcHost, srcPort, dstHost)).build();
        long baseUs = (T0_MS + atMs) * 1000;
        PacketDynamicsBatch.Builder b = PacketDynamicsBatch.newBuilder().setFlow(key).setProbeId("probe-1")
                .setBatchSeq(0).setInitiator(Direction.DIRECTION_A_TO_B).setFlowFirstSeenNs(baseUs * 1000)
                .setBaseTimestampNs(baseUs * 1000).setFlowEnd(FlowEndReason.FLOW_END_REASON_END_OF_INPUT);
        for (int i = 0; i < 2 * n; i++) {
            b.addTsDeltaUs(i == 0 ? 0 : 2_000);
            b.addDirection(i % 2 == 0 ? Direction.DIRECTION_A_TO_B : Direction.DIRECTION_B_TO_A);
            b.addIpLength(size + 28);
            b.addPayloadLength(size);
            b.addTcpFlags(0);
            b.addTtl(64);
            b.addTcpWindow(0);
            b.addTcpOptions(0);
        }
        return b.build();
    }

    static String communityId(int srcHost, int srcPort, int dstHost) {
        return "1:test-" + srcHost + "-" + srcPort + "-" + dstHost;
    }

    private boolean driverClosed;

    /** Closes the driver (its processors and stores) now; outputs stay readable. */
    void closeDriver() {
        if (!driverClosed) {
            driverClosed = true;
            driver.close();
        }
    }

    @Override
    public void close() {
        closeDriver();
        app.close();
        batchSerde.close();
        labelSerde.close();
        metricsSerde.close();
        modelSerde.close();
        flowSerde.close();
        registry.close();
    }
}
