package io.tidewatch.streams.topology;

import io.tidewatch.probe.ProbePipeline;
import io.tidewatch.probe.capture.CaptureFileReader;
import io.tidewatch.probe.capture.CaptureFiles;
import io.tidewatch.probe.flow.FlowTable;
import io.tidewatch.probe.flow.FlowTableConfig;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A capture file through the real probe (decoder and edge flow table), as the batches it would publish. */
public final class ProbeCapture {

    private ProbeCapture() {
    }

    public static List<PacketDynamicsBatch> batches(Path pcap) {
        List<PacketDynamicsBatch> out = new ArrayList<>();
        FlowTable table = new FlowTable(FlowTableConfig.defaults(1, "test-probe"), b -> out.add(b.decode()), null);
        try (CaptureFileReader reader = CaptureFiles.open(pcap)) {
            reader.readAll(new ProbePipeline(table));
        }
        table.endOfInput();
        return out;
    }
}
