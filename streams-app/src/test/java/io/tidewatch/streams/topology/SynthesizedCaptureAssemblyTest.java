package io.tidewatch.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tidewatch.config.Settings;
import io.tidewatch.probe.ProbePipeline;
import io.tidewatch.probe.capture.CaptureFileReader;
import io.tidewatch.probe.capture.CaptureFiles;
import io.tidewatch.probe.flow.FlowTable;
import io.tidewatch.probe.flow.FlowTableConfig;
import io.tidewatch.probe.synth.SynthConfig;
import io.tidewatch.probe.synth.TrafficSynthesizer;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.streams.flow.FlowAssembler;
import io.tidewatch.streams.flow.FlowAssemblyConfig;
import io.tidewatch.streams.flow.FlowAssemblyCounters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synthesized capture (every attack, the SYN flood's port reuse included) through the real probe and the flow
 * assembler alone, in order: the app counts no late batch, takes the probe's end markers for what they are, and
 * ends exactly the flows the probe ended (per Community ID), since both apply the same default timeouts.
 */
class SynthesizedCaptureAssemblyTest {

    @TempDir
    Path dir;

    @Test
    void aCaptureFedInOrderHasNoLateBatchAndTheProbesFlows() throws Exception {
        Path pcap = dir.resolve("synth.pcap");
        TrafficSynthesizer.run(SynthConfig.builder().out(pcap).labels(dir.resolve("synth.csv")).minutes(3).hosts(20)
                .seed(5).build());
        List<PacketDynamicsBatch> batches = new ArrayList<>();
        Map<String, Integer> probeFlows = new TreeMap<>();
        FlowTable table = new FlowTable(FlowTableConfig.defaults(1, "test-probe"), b -> batches.add(b.decode()),
                segment -> probeFlows.merge(segment.communityId(), 1, Integer::sum));
        try (CaptureFileReader reader = CaptureFiles.open(pcap)) {
            reader.readAll(new ProbePipeline(table));
        }
        table.endOfInput();

        FlowAssemblyCounters counters = new FlowAssemblyCounters();
        FlowAssemblyConfig config = FlowAssemblyConfig.from(Settings.load(Map.of(), null, Map.of(), Map.of()));
        InternalProtobufSerde<PacketDynamicsBatch> batchSerde = new InternalProtobufSerde<>(PacketDynamicsBatch.parser());
        InternalProtobufSerde<FlowRecord> flowSerde = new InternalProtobufSerde<>(FlowRecord.parser());
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FlowAssembler.STATE_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        builder.stream("batches", Consumed.with(Serdes.ByteArray(), batchSerde).withTimestampExtractor(new PacketTimeExtractor()))
                .process(() -> new FlowAssembler(config, counters), FlowAssembler.STATE_STORE)
                .to("flows", Produced.with(Serdes.ByteArray(), flowSerde));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "synthesized-capture-assembly");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        Map<String, Integer> appFlows = new TreeMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<byte[], PacketDynamicsBatch> in = driver.createInputTopic("batches",
                    Serdes.ByteArray().serializer(), batchSerde.serializer());
            for (PacketDynamicsBatch b : batches) {
                in.pipeInput(new byte[] {1}, b);
            }
            // The replay's end-of-input clock: an hour past the capture, every flow has ended by then.
            long last = batches.stream().mapToLong(PacketDynamicsBatch::getBaseTimestampNs).max().orElseThrow();
            in.pipeInput(new byte[] {1}, PacketDynamicsBatch.newBuilder().setProbeId("clock")
                    .setBaseTimestampNs(last + 3_600_000_000_000L).build());
            TestOutputTopic<byte[], FlowRecord> out = driver.createOutputTopic("flows", Serdes.ByteArray().deserializer(),
                    flowSerde.deserializer());
            for (FlowRecord r : out.readValuesToList()) {
                appFlows.merge(r.getFlow().getCommunityId(), 1, Integer::sum);
            }
        }
        long markers = batches.stream().filter(b -> b.getTsDeltaUsCount() == 0).count();
        assertEquals(0, counters.lateBatches(), "late batches");
        assertEquals(0, counters.invalidBatches(), "invalid batches");
        assertEquals(markers, counters.endMarkers(), "end markers");
        assertEquals(1, counters.clockRecords(), "clock records");
        assertEquals(probeFlows, appFlows, "flows per Community ID");
    }
}
