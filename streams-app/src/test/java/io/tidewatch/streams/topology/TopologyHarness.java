package io.tidewatch.streams.topology;

import io.tidewatch.config.Settings;
import io.tidewatch.localstack.registry.EmbeddedSchemaRegistry;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.proto.v1.ScoredFlow;
import io.tidewatch.serde.ProtobufSerde;
import io.tidewatch.streams.app.StreamsApp;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production topology (built by {@link StreamsApp}) in a TopologyTestDriver, its serdes talking to a real
 * embedded schema registry over HTTP.
 */
final class TopologyHarness implements AutoCloseable {

    final EmbeddedSchemaRegistry registry;
    final StreamsApp app;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], PacketDynamicsBatch> input;
    final TestInputTopic<byte[], byte[]> rawInput;
    final TestOutputTopic<String, FlowRecord> flows;
    final TestOutputTopic<String, String> ecs;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    final TestOutputTopic<String, ScoredFlow> scored;
    final TestOutputTopic<String, String> alerts;
    final TestInputTopic<String, ModelSnapshot> models;
    private final ProtobufSerde<ScoredFlow> scoredSerde;
    private final ProtobufSerde<ModelSnapshot> modelSerde;
    private final ProtobufSerde<PacketDynamicsBatch> batchSerde;
    private final ProtobufSerde<FlowRecord> flowSerde;

    TopologyHarness(Path stateDir, Map<String, String> extra) {
        registry = new EmbeddedSchemaRegistry().start();
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", "unused:9092");
        values.put("kafka.application.id", "tidewatch-test");
        values.put("kafka.state.dir", stateDir.toString());
        values.put("schema.registry.url", registry.url());
        values.put("streams.rocksdb.memory.bytes", Long.toString(16L << 20));
        values.putAll(extra);
        app = StreamsApp.create(Settings.of(values));
        Properties props = app.properties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(app.topology(), props);

        Map<String, Object> serdeConfig = Map.of("schema.registry.url", registry.url());
        batchSerde = new ProtobufSerde<>(PacketDynamicsBatch.getDefaultInstance(), serdeConfig, false);
        flowSerde = new ProtobufSerde<>(FlowRecord.getDefaultInstance(), serdeConfig, false);
        Topics topics = app.topics();
        input = driver.createInputTopic(topics.packetDynamics().name(), new ByteArraySerializer(), batchSerde.serializer());
        rawInput = driver.createInputTopic(topics.packetDynamics().name(), new ByteArraySerializer(), new ByteArraySerializer());
        flows = driver.createOutputTopic(topics.flows().name(), new StringDeserializer(), flowSerde.deserializer());
        scoredSerde = new ProtobufSerde<>(ScoredFlow.getDefaultInstance(), serdeConfig, false);
        modelSerde = new ProtobufSerde<>(ModelSnapshot.getDefaultInstance(), serdeConfig, false);
        scored = driver.createOutputTopic(topics.scoredFlows().name(), new StringDeserializer(), scoredSerde.deserializer());
        alerts = driver.createOutputTopic(topics.alerts().name(), new StringDeserializer(), new StringDeserializer());
        models = driver.createInputTopic(topics.models().name(), new StringSerializer(), modelSerde.serializer());
        ecs = driver.createOutputTopic(topics.scoredFlowsEcs().name(), new StringDeserializer(), new StringDeserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetter().name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    void send(PacketDynamicsBatch batch) {
        input.pipeInput(new TestRecord<>(new byte[] {1}, batch));
    }

    /**
     * Sends an unrelated packet an hour after {@code lastNs} (the newest packet of a capture sent before): every
     * flow of the capture is idle by then, so all of them close.
     */
    void closeEverythingAfter(long lastNs) {
        send(Batches.batch(Batches.udp(250, 9, 251, 9), 0)
                .packet((lastNs / 1_000_000L - Batches.T0_MS) + 3_600_000.0, true, 60, 32, 0).build());
    }

    /** Sends a whole capture's batches, then closes every flow of it ({@link #closeEverythingAfter}). */
    void sendWholeCapture(List<PacketDynamicsBatch> batches) {
        long last = 0;
        for (PacketDynamicsBatch b : batches) {
            send(b);
            last = Math.max(last, b.getBaseTimestampNs());
        }
        closeEverythingAfter(last);
    }

    List<FlowRecord> flowRecords() {
        return flows.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
        app.close();
        batchSerde.close();
        flowSerde.close();
        scoredSerde.close();
        modelSerde.close();
        registry.close();
    }
}
