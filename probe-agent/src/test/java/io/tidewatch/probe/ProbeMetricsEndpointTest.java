package io.tidewatch.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.testsupport.shareddata.SharedCaptures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A paced replay of a real capture with {@code probe.rest.port} set: while it runs, {@code /health} is up and
 * {@code /metrics} shows the packets so far, never more than the run's final {@code --json} figures.
 */
class ProbeMetricsEndpointTest {

    private static final Pattern URL = Pattern.compile("metrics at (http://\\S+)/metrics");
    private static final Pattern PACKETS = Pattern.compile("(?m)^tidewatch_probe_packets_total (\\S+)$");

    @Test
    void metricsAndHealthAreServedWhileTheProbeRuns() throws Exception {
        Path pcap = SharedCaptures.named("test-cc-capture-2.pcap");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ProbeCommand(Map.of("TIDEWATCH_PROBE_REST_PORT", "0")));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        // 67 s of capture at 10x: several seconds in which to ask.
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cl.execute("--pcap", pcap.toString(),
                "--dry-run", "--json", "--speed", "10"));
        HttpClient http = HttpClient.newHttpClient();
        String base = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (base == null && System.nanoTime() < deadline && !run.isDone()) {
            Matcher m = URL.matcher(err.toString());
            base = m.find() ? m.group(1) : null;
            Thread.sleep(20);
        }
        assertTrue(base != null && base.startsWith("http://127.0.0.1:"), "the probe printed its URL: " + err);
        double scraped = 0;
        HttpResponse<String> metrics = null;
        while (scraped == 0 && !run.isDone()) {
            metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = PACKETS.matcher(metrics.body());
            assertTrue(m.find(), metrics.body());
            scraped = Double.parseDouble(m.group(1));
            Thread.sleep(100);
        }
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(0, run.get(120, TimeUnit.SECONDS), err.toString());
        assertTrue(scraped > 0, "a scrape during the run saw packets");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
        for (String name : new String[] {"tidewatch_probe_decoded_total", "tidewatch_probe_flows_total",
                "tidewatch_probe_skipped_total{reason=\"non_ip\"}", "tidewatch_probe_kafka_dropped_total{reason=\"queue_full\"}",
                "tidewatch_probe_pcap_dropped_total", "tidewatch_probe_batches_total"}) {
            assertTrue(metrics.body().contains(name), name);
        }
        Matcher total = Pattern.compile("\"packets\":(\\d+)").matcher(out.toString());
        assertTrue(total.find(), out.toString());
        assertTrue(scraped <= Long.parseLong(total.group(1)), scraped + " scraped vs " + total.group(1) + " in all");
    }
}
