package io.tidewatch.streams.topology;

import io.tidewatch.probe.synth.AttackKind;
import io.tidewatch.probe.synth.SynthConfig;
import io.tidewatch.probe.synth.TrafficSynthesizer;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.ScoredFlow;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the enriched flows of the detection-quality inputs (test7-malicious.pcap and the synthesized captures of
 * {@link UnsupervisedDetectionTest}), in the order the scorer saw them, with their ground truth ("" benign, the
 * attack name, "?" unlabelled) and the flow's responder address, protocol and ports, for offline experiments with
 * {@code ScoringLab}. Opt-in: {@code -Dtidewatch.scoring.dump=FOLDER}.
 */
@EnabledIfSystemProperty(named = "tidewatch.scoring.dump", matches = ".+")
class ScoringDumpTest {

    @TempDir
    Path dir;

    @Test
    void dump() throws Exception {
        Path out = Path.of(System.getProperty("tidewatch.scoring.dump"));
        Files.createDirectories(out);
        String root = System.getProperty("tidewatch.shared.data");
        Path pcap = Path.of(root, "pcap", "test7-malicious.pcap");
        List<ScoredFlow> t7 = UnsupervisedDetectionTest.score(ProbeCapture.batches(pcap), dir.resolve("s7"));
        long infectedNs = 1_520_629_062_980_000_000L;
        write(out.resolve("test7.bin"), t7, f -> {
            String src = ip(f);
            int proto = f.getFlow().getIpProtocol();
            int dport = f.getResponder().getPort();
            if (f.getStartNs() < infectedNs) {
                return "";
            }
            if (src.equals("192.168.2.16") && ((proto == 6 && (dport == 23 || dport == 2323 || dport == 8080))
                    || proto == 17)) {
                return "scan";
            }
            return "?";
        });
        for (long seed : UnsupervisedDetectionTest.SEEDS) {
            Path p = dir.resolve("synth-" + seed + ".pcap");
            Path labels = dir.resolve("synth-" + seed + ".csv");
            TrafficSynthesizer.run(SynthConfig.builder().out(p).labels(labels).minutes(UnsupervisedDetectionTest.MINUTES)
                    .hosts(30).seed(seed).attacks(EnumSet.allOf(AttackKind.class)).build());
            Map<String, String> attackOf = UnsupervisedDetectionTest.labels(labels);
            List<ScoredFlow> s = UnsupervisedDetectionTest.score(ProbeCapture.batches(p), dir.resolve("s" + seed));
            write(out.resolve("synth-" + seed + ".bin"), s,
                    f -> attackOf.getOrDefault(f.getFlow().getCommunityId(), "?"));
        }
    }

    interface Labeller {
        String label(FlowRecord f) throws IOException;
    }

    static String ip(FlowRecord f) throws IOException {
        return InetAddress.getByAddress(f.getOriginator().getIp().toByteArray()).getHostAddress();
    }

    static void write(Path file, List<ScoredFlow> scored, Labeller labeller) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(scored.size());
            for (ScoredFlow s : scored) {
                FlowRecord f = s.getFlow();
                out.writeUTF(labeller.label(f));
                out.writeUTF(ip(f));
                out.writeUTF(f.getFeatureSet());
                out.writeLong(f.getStartNs());
                out.writeLong(f.getEndNs());
                out.writeDouble(s.getScore());
                out.writeInt(f.getFeaturesCount());
                for (int i = 0; i < f.getFeaturesCount(); i++) {
                    out.writeDouble(f.getFeatures(i));
                }
                out.writeUTF(InetAddress.getByAddress(f.getResponder().getIp().toByteArray()).getHostAddress());
                out.writeInt(f.getFlow().getIpProtocol());
                out.writeInt(f.getResponder().getPort());
                out.writeInt(f.getOriginator().getPort());
            }
        }
    }
}
