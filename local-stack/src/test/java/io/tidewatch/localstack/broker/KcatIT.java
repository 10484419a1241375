package io.tidewatch.localstack.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kcat (librdkafka, a client nobody here wrote) produces to and consumes from the embedded broker, and both
 * directions interoperate with the Java clients. Skipped when kcat is not on the PATH.
 */
class KcatIT {

    private static Path kcat;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        Optional<Path> found = onPath("kcat");
        Assumptions.assumeTrue(found.isPresent(), "kcat is not on the PATH (Debian package 'kcat')");
        kcat = found.get();
        broker = EmbeddedKafkaBroker.launch(BrokerSettings.defaults());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void kcatProducesAndTheJavaConsumerReads(@TempDir Path dir) throws Exception {
        createTopic("from-kcat");
        Path input = Files.writeString(dir.resolve("in.txt"), "k1:alpha\nk2:beta\nk3:gamma\n");
        Result produced = run(dir, input, "-b", broker.bootstrapServers(), "-t", "from-kcat", "-P", "-K:");
        assertEquals(0, produced.exitCode, produced.stderr);
        assertEquals(List.of("alpha", "beta", "gamma"), Records.consume(broker.bootstrapServers(), "from-kcat", 3));
    }

    @Test
    void theJavaProducerWritesAndKcatConsumes(@TempDir Path dir) throws Exception {
        createTopic("to-kcat");
        Records.produce(broker.bootstrapServers(), "to-kcat", List.of("one", "two"));
        Result consumed = run(dir, null, "-b", broker.bootstrapServers(), "-t", "to-kcat", "-C",
                "-o", "beginning", "-c", "2", "-e", "-f", "%k=%s\\n");
        assertEquals(0, consumed.exitCode, consumed.stderr);
        assertEquals(List.of("one=one", "two=two"), consumed.stdout.lines().toList());
    }

    @Test
    void kcatListsTheBrokerAndItsTopics(@TempDir Path dir) throws Exception {
        createTopic("listed");
        Result listed = run(dir, null, "-b", broker.bootstrapServers(), "-L", "-t", "listed");
        assertEquals(0, listed.exitCode, listed.stderr);
        assertTrue(listed.stdout.contains("1 brokers:"), listed.stdout);
        assertTrue(listed.stdout.contains("broker 1 at 127.0.0.1:" + broker.port()), listed.stdout);
        assertTrue(listed.stdout.contains("topic \"listed\" with 1 partitions"), listed.stdout);
    }

    private static void createTopic(String name) throws Exception {
        try (Admin admin = EmbeddedKafkaBrokerIT.admin(broker.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(Path dir, Path stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(kcat.toString());
        command.addAll(Arrays.asList(args));
        Path out = dir.resolve("kcat.out");
        Path err = dir.resolve("kcat.err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        if (stdin == null) {
            p.getOutputStream().close();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kcat " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
