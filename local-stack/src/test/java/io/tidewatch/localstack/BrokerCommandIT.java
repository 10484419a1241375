package io.tidewatch.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tidewatch broker} run through picocli, as the launcher runs it, and used with a real client. */
class BrokerCommandIT {

    private static final Pattern BOOTSTRAP = Pattern.compile("bootstrap\\.servers = (127\\.0\\.0\\.1:(\\d+))");

    @Test
    void printsTheBootstrapServersServesClientsAndStopsCleanly(@TempDir Path dir) throws Exception {
        Path logDir = dir.resolve("kafka");
        BrokerCommand command = new BrokerCommand();
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(command).setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute(
                "--port", "0", "--controller-port", "0", "--log-dir", logDir.toString(), "--partitions", "2"));

        String bootstrap = awaitBootstrap(out, exit);
        try (Admin admin = Admin.create(adminProps(bootstrap))) {
            admin.createTopics(List.of(new NewTopic("cli-topic", java.util.Optional.empty(), java.util.Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
            int partitions = admin.describeTopics(List.of("cli-topic")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("cli-topic").partitions().size();
            assertEquals(2, partitions, "--partitions sets the default partition count");
        }

        command.requestStop();
        assertEquals(0, exit.get(60, TimeUnit.SECONDS));
        assertTrue(out.toString().contains("log.dir           = " + logDir + " (kept)"), out.toString());
        assertTrue(Files.exists(logDir.resolve("meta.properties")), "--log-dir is kept after the command stops");
    }

    @Test
    void badFlagsPrintUsageAndExit2() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new BrokerCommand()).setErr(new PrintWriter(err, true))
                .execute("--partitions", "0", "--port", "0", "--controller-port", "0");
        assertEquals(2, code);
        assertTrue(err.toString().contains("partitions must be at least 1, got 0"), err.toString());
        assertTrue(err.toString().contains("Usage:"), err.toString());
    }

    private static String awaitBootstrap(StringWriter out, CompletableFuture<Integer> exit) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = BOOTSTRAP.matcher(out.toString());
            if (m.find()) {
                assertNotNull(m.group(1));
                return m.group(1);
            }
            if (exit.isDone()) {
                throw new AssertionError("broker command exited with " + exit.get() + " before printing: " + out);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no bootstrap.servers line within 60 s: " + out);
    }

    private static Properties adminProps(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }
}
