package io.tidewatch.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.tidewatch.probe.capture.LiveCapture;
import io.tidewatch.probe.capture.LiveCaptureConfig;
import io.tidewatch.probe.capture.LiveCaptureException;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.testsupport.tshark.Tshark;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live capture on the loopback interface of real HTTP exchanges (a JDK HTTP server, fetched by curl): the batches
 * that reach the embedded broker carry each TCP connection with its handshake and teardown, and exactly the packets
 * tcpdump captured alongside.
 */
class LiveCaptureIT {

    private static final int SYN = 0x02;
    private static final int FIN = 0x01;
    private static final int FETCHES = 5;

    @TempDir
    Path dir;

    @Test
    void httpOnLoopbackReachesKafkaAsFlowsWithHandshakeTeardownAndTcpdumpsPacketCounts() throws Exception {
        try (LiveCapture probeable = LiveCapture.open(LiveCaptureConfig.of("lo"))) {
            assumeTrue(probeable.linkType() >= 0);
        } catch (LiveCaptureException e) {
            assumeTrue(false, "live capture on lo is not possible here: " + e.getMessage());
        }
        Path curlBin = Tools.onPath("curl").orElse(null);
        assumeTrue(curlBin != null, "curl is not on the PATH");

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = new byte[3000];
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        int port = server.getAddress().getPort();
        String filter = "tcp port " + port;
        Process tcpdump = null;
        Path reference = dir.resolve("reference.pcap");
        try (KafkaStack stack = new KafkaStack()) {
            Path tcpdumpBin = Tools.onPath("tcpdump").orElse(null);
            boolean haveTcpdump = tcpdumpBin != null && Tshark.installed();
            if (haveTcpdump) {
                Path tcpdumpErr = dir.resolve("tcpdump.err");
                tcpdump = new ProcessBuilder(tcpdumpBin.toString(), "-i", "lo", "-n", "-U", "-s", "128", "-w",
                        reference.toString(), filter).redirectError(tcpdumpErr.toFile()).start();
                awaitText(tcpdumpErr, "listening on");
            }
            StringWriter err = new StringWriter();
            AtomicReference<KafkaStack.ProbeRun> result = new AtomicReference<>();
            String[] args = {"--bootstrap-servers", stack.broker.bootstrapServers(),
                    "--schema-registry-url", stack.registry.url(), "--interface", "lo", "--filter", filter,
                    "--duration", "6", "--json", "--topic", "it.live", "--tcp-linger-ms", "200", "--batch-ms", "500"};
            Thread probe = new Thread(() -> result.set(KafkaStack.ProbeRun.run(Map.of(), new StringWriter(), err, args)),
                    "probe-under-test");
            probe.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!err.toString().contains("capturing on 'lo'")) {
                assertTrue(probe.isAlive() && System.nanoTime() < deadline, "probe did not start capturing: " + err);
                Thread.sleep(20);
            }
            for (int i = 0; i < FETCHES; i++) {
                Process curl = new ProcessBuilder(curlBin.toString(), "-s", "-o", "/dev/null", "-w", "%{http_code}",
                        "http://127.0.0.1:" + port + "/item/" + i).redirectErrorStream(true).start();
                String code = new String(curl.getInputStream().readAllBytes()).trim();
                assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
                assertEquals("200", code);
            }
            probe.join(60_000);
            if (tcpdump != null) {
                tcpdump.destroy();
                tcpdump.waitFor(30, TimeUnit.SECONDS);
            }
            KafkaStack.ProbeRun run = result.get();
            assertEquals(0, run.exit(), run.err());

            List<PacketDynamicsBatch> batches = stack.readAll("it.live");
            Map<Integer, Long> packetsByClientPort = new TreeMap<>();
            Map<Integer, Integer> flagsByClientPort = new TreeMap<>();
            for (PacketDynamicsBatch b : batches) {
                assertEquals(6, b.getFlow().getIpProtocol());
                int client = b.getFlow().getAPort() == port ? b.getFlow().getBPort() : b.getFlow().getAPort();
                packetsByClientPort.merge(client, (long) b.getIpLengthCount(), Long::sum);
                int flags = 0;
                for (int f : b.getTcpFlagsList()) {
                    flags |= f;
                }
                flagsByClientPort.merge(client, flags, (x, y) -> x | y);
            }
            assertEquals(FETCHES, packetsByClientPort.size(), "one TCP flow per fetch: " + packetsByClientPort);
            flagsByClientPort.forEach((client, flags) -> {
                assertTrue((flags & SYN) != 0, "SYN in flow from port " + client);
                assertTrue((flags & FIN) != 0, "FIN in flow from port " + client);
            });
            long total = packetsByClientPort.values().stream().mapToLong(Long::longValue).sum();
            assertEquals(run.number("decoded"), total, run.out());
            assertTrue(run.number("capture.received") >= total, run.out());
            assertEquals(0, run.number("kafka.dropped_total"), run.out());

            if (tcpdump != null) {
                assertEquals(tcpdumpPacketsByClientPort(reference, port), packetsByClientPort);
            }
        } finally {
            if (tcpdump != null && tcpdump.isAlive()) {
                tcpdump.destroyForcibly();
            }
            server.stop(0);
        }
    }

    private static Map<Integer, Long> tcpdumpPacketsByClientPort(Path pcap, int serverPort) throws Exception {
        Map<Integer, Long> out = new TreeMap<>();
        for (String[] p : Tshark.fields(pcap, null, List.of("tcp.srcport", "tcp.dstport"))) {
            int src = Integer.parseInt(p[0]);
            int dst = Integer.parseInt(p[1]);
            out.merge(src == serverPort ? dst : src, 1L, Long::sum);
        }
        return out;
    }

    private static void awaitText(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(file).contains(text)) {
            assertTrue(System.nanoTime() < deadline, "tcpdump did not start: " + Files.readString(file));
            Thread.sleep(20);
        }
    }
}
