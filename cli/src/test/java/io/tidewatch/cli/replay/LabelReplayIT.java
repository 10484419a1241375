package io.tidewatch.cli.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewatch.probe.synth.AttackKind;
import io.tidewatch.probe.synth.SynthConfig;
import io.tidewatch.probe.synth.TrafficSynthesizer;
import io.tidewatch.streams.labels.LabelFeed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./tidewatch replay --labels} end to end on an embedded stack: a synthesized capture (every attack) and its
 * labels CSV sampled at 5 %, delayed 60 s in event time; the metrics file holds the supervised model's final
 * progressive-validation figures.
 */
class LabelReplayIT {

    @TempDir
    Path dir;

    @Test
    void aReplayWithLabelsTrainsTheSupervisedModelAndWritesItsMetrics() throws Exception {
        Path pcap = dir.resolve("synth.pcap");
        Path csv = dir.resolve("synth.csv");
        TrafficSynthesizer.run(SynthConfig.builder().out(pcap).labels(csv).minutes(1).hosts(4).seed(2)
                .attacks(EnumSet.allOf(AttackKind.class)).build());
        Path out = dir.resolve("flows.jsonl");
        Path metrics = dir.resolve("metrics.json");
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ReplayCommand(
                Map.of("TIDEWATCH_STREAMS_ROCKSDB_MEMORY_BYTES", Long.toString(32L << 20)), List.of()));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--pcap", pcap.toString(), "--out", out.toString(), "--labels", csv.toString(),
                "--label-delay", "60", "--label-rate", "0.05", "--metrics", metrics.toString());
        assertEquals(0, code, err.toString());

        int sent = LabelFeed.read(csv, 0.05, Duration.ofSeconds(60), 1L).labels().size();
        JsonNode m = new ObjectMapper().readTree(Files.readString(metrics));
        assertEquals("supervised", m.get("model_id").asText());
        long examples = m.get("examples").asLong();
        assertTrue(examples >= sent * 0.95 && examples <= sent * 1.1,
                "about one example per label sent (" + sent + "): " + examples);
        assertTrue(m.at("/cumulative/f1").asDouble() >= 0.9, m.toString());
        assertTrue(m.at("/cumulative/examples.syn_flood").asDouble() > 0, m.toString());
    }

    @Test
    void metricsWithoutLabelsIsRefused() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ReplayCommand(Map.of(), List.of()));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--pcap", "pom.xml", "--out", dir.resolve("x.jsonl").toString(), "--metrics",
                dir.resolve("m.json").toString());
        assertTrue(code != 0);
        assertTrue(err.toString().contains("--metrics needs --labels"), err.toString());
    }
}
