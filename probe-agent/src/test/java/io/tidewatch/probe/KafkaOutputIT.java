package io.tidewatch.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.registry.Schema;
import io.tidewatch.registry.SchemaReference;
import io.tidewatch.registry.SchemaRegistryClient;
import io.tidewatch.serde.ProtobufSerdeConfig;
import io.tidewatch.testsupport.shareddata.SharedCaptures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe replays the shared captures into the embedded broker and registry; what comes back out (through the
 * Java deserializer, and through kcat plus protoc, neither written here) is exactly what the dry run counted.
 */
class KafkaOutputIT {

    private static KafkaStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void startStack() throws IOException {
        SharedCaptures.pcaps();
        stack = new KafkaStack();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyBatchOfEverySharedCaptureIsReadBackAndPacketsPerFlowMatchTheDryRun() throws Exception {
        for (Path pcap : SharedCaptures.pcaps()) {
            String name = pcap.getFileName().toString();
            String topic = "it." + name.replace(".pcap", "").replaceAll("[^a-zA-Z0-9._-]", "_");
            Path flowsOut = dir.resolve(name + ".flows.jsonl");
            KafkaStack.ProbeRun dry = KafkaStack.ProbeRun.run(Map.of(), "--pcap", pcap.toString(), "--dry-run",
                    "--json", "--flows-out", flowsOut.toString(), "--batch-packets", "16");
            assertEquals(0, dry.exit(), dry.err());
            KafkaStack.ProbeRun sent = stack.probe(Map.of(), "--pcap", pcap.toString(), "--json", "--topic", topic,
                    "--batch-packets", "16");
            assertEquals(0, sent.exit(), sent.err());

            assertEquals(dry.number("packets"), sent.number("packets"), name);
            assertEquals(dry.number("batches"), sent.number("batches"), name);
            assertEquals(sent.number("batches"), sent.number("kafka.acked"), name + ": " + sent.out());
            assertEquals(0, sent.number("kafka.dropped_total"), name + ": " + sent.out());

            List<PacketDynamicsBatch> batches = stack.readAll(topic);
            assertEquals(dry.number("batches"), batches.size(), name);
            Map<String, Long> fromKafka = new TreeMap<>();
            for (PacketDynamicsBatch b : batches) {
                fromKafka.merge(b.getFlow().getCommunityId(), (long) b.getIpLengthCount(), Long::sum);
            }
            Map<String, Long> fromFlowsOut = packetsPerFlow(flowsOut);
            assertTrue(!fromFlowsOut.isEmpty(), name);
            assertEquals(fromFlowsOut, fromKafka, name);
        }
    }

    @Test
    void aFileReadFasterThanTheBrokerTakesItWaitsInsteadOfDropping() throws Exception {
        // A queue of 4 batches: the file is read far faster than 4 batches are sent, so every batch past the
        // first few meets a full queue. Live capture would drop them; a file waits.
        Path pcap = SharedCaptures.pcap("test7");
        KafkaStack.ProbeRun sent = stack.probe(Map.of("TIDEWATCH_PROBE_QUEUE_MAX_BATCHES", "4"), "--pcap",
                pcap.toString(), "--json", "--topic", "it.file-waits", "--batch-packets", "2");
        assertEquals(0, sent.exit(), sent.err());
        assertEquals(0, sent.number("kafka.dropped_total"), sent.out());
        assertEquals(sent.number("batches"), sent.number("kafka.acked"), sent.out());
        assertEquals(4, sent.number("kafka.queue_high_water"), "the queue was full: " + sent.out());
        assertEquals(sent.number("batches"), stack.readAll("it.file-waits").size());
    }

    @Test
    void kcatReadsTheTopicAndProtocDecodesThePayloadWithThePublishedSchema() throws Exception {
        Path kcat = Tools.onPath("kcat").orElse(null);
        assumeTrue(kcat != null, "kcat is not on the PATH");
        Path pcap = SharedCaptures.pcap("test7");
        String topic = "it.kcat";
        KafkaStack.ProbeRun sent = stack.probe(Map.of(), "--pcap", pcap.toString(), "--json", "--topic", topic);
        assertEquals(0, sent.exit(), sent.err());
        long acked = sent.number("kafka.acked");
        assertTrue(acked > 0, sent.out());

        // %S is the value's length, so values are cut out exactly whatever bytes they hold.
        Process p = new ProcessBuilder(kcat.toString(), "-C", "-b", stack.broker.bootstrapServers(), "-t", topic,
                "-o", "beginning", "-e", "-q", "-f", "%S\\n%s\\n").redirectError(dir.resolve("kcat.err").toFile()).start();
        byte[] raw = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, Files.readString(dir.resolve("kcat.err")));
        List<byte[]> values = splitSized(raw);
        assertEquals(acked, values.size());

        Path schemaDir = publishedSchema(ProtobufSerdeConfig.subject(topic, false));
        Path protoc = protoc();
        long packets = 0;
        int decodedWithProtoc = 0;
        for (byte[] value : values) {
            assertEquals(0, value[0], "magic byte");
            int payloadAt = payloadOffset(value);
            byte[] payload = java.util.Arrays.copyOfRange(value, payloadAt, value.length);
            PacketDynamicsBatch batch = PacketDynamicsBatch.parseFrom(payload);
            assertTrue(batch.getFlow().getCommunityId().startsWith("1:"), batch.toString());
            packets += batch.getIpLengthCount();
            if (protoc != null && decodedWithProtoc < 8) {
                String text = protocDecode(protoc, schemaDir, payload);
                assertTrue(text.contains("community_id: \"" + batch.getFlow().getCommunityId() + "\""), text);
                assertEquals(batch.getIpLengthCount(), count(text, "\nip_length: "), text);
                decodedWithProtoc++;
            }
        }
        assertEquals(sent.number("decoded"), packets, "every decoded packet is in exactly one batch");
        assertTrue(protoc == null || decodedWithProtoc > 0);
    }

    private static Map<String, Long> packetsPerFlow(Path flowsOut) throws IOException {
        Pattern line = Pattern.compile("\"community_id\":\"([^\"]+)\".*\"orig_pkts\":(\\d+).*\"resp_pkts\":(\\d+)");
        Map<String, Long> out = new TreeMap<>();
        for (String l : Files.readAllLines(flowsOut)) {
            Matcher m = line.matcher(l);
            assertTrue(m.find(), l);
            out.merge(m.group(1), Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)), Long::sum);
        }
        return out;
    }

    private static List<byte[]> splitSized(byte[] raw) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (i < raw.length) {
            int nl = i;
            while (raw[nl] != '\n') {
                nl++;
            }
            int size = Integer.parseInt(new String(raw, i, nl - i, StandardCharsets.US_ASCII));
            byte[] v = java.util.Arrays.copyOfRange(raw, nl + 1, nl + 1 + size);
            out.add(v);
            i = nl + 1 + size + 1;
        }
        return out;
    }

    /** Skips the Confluent framing: magic byte, 4-byte schema id, zig-zag varint count and message indexes. */
    private static int payloadOffset(byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value, 5, value.length - 5);
        long count = zigzag(varint(b));
        for (long k = 0; k < count; k++) {
            varint(b);
        }
        return b.position();
    }

    private static long varint(ByteBuffer b) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b.get() & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if (x < 0x80) {
                return v;
            }
        }
    }

    private static long zigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** Writes the subject's latest schema and its references, as the registry holds them, under their import names. */
    private Path publishedSchema(String subject) throws IOException {
        SchemaRegistryClient client = SchemaRegistryClient.fromConfigs(Map.of("schema.registry.url", stack.registry.url()));
        Path root = Files.createDirectories(dir.resolve("schema"));
        Schema schema = client.latestVersion(subject).schema();
        Path main = root.resolve("main.proto");
        Files.writeString(main, schema.schema());
        writeReferences(client, root, schema.references());
        return root;
    }

    private static void writeReferences(SchemaRegistryClient client, Path root, List<SchemaReference> refs)
            throws IOException {
        for (SchemaReference ref : refs) {
            Schema s = client.version(ref.subject(), ref.version()).schema();
            Path file = root.resolve(ref.name());
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.schema());
            writeReferences(client, root, s.references());
        }
    }

    /** protoc from the local Maven repository (where the build's protobuf plugin put it), copied executable; or null. */
    private Path protoc() throws IOException {
        Path base = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "google", "protobuf", "protoc");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (var s = Files.walk(base)) {
            Path exe = s.filter(f -> f.getFileName().toString().matches("protoc-.*-linux-x86_64\\.exe")).findFirst()
                    .orElse(null);
            if (exe == null) {
                return null;
            }
            Path copy = dir.resolve("protoc");
            Files.copy(exe, copy);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
            return copy;
        }
    }

    private String protocDecode(Path protoc, Path schemaDir, byte[] payload) throws Exception {
        Path in = dir.resolve("payload.bin");
        Files.write(in, payload);
        Path err = dir.resolve("protoc.err");
        Process p = new ProcessBuilder(protoc.toString(), "-I", schemaDir.toString(),
                "--decode=tidewatch.v1.PacketDynamicsBatch", "main.proto")
                .redirectInput(in.toFile()).redirectError(err.toFile()).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, Files.readString(err));
        return "\n" + out.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
