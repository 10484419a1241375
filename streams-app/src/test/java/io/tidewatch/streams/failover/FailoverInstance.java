package io.tidewatch.streams.failover;

import io.tidewatch.config.Settings;
import io.tidewatch.streams.app.StreamsApp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A streams app instance in its own JVM, for {@link FailoverIT}: started from a properties file, it runs until
 * the process is killed. A kill (SIGKILL) is the crash under test: no close, no final checkpoint, no commit.
 */
public final class FailoverInstance {

    private FailoverInstance() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            p.load(in);
        }
        Map<String, String> values = new HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        StreamsApp app = StreamsApp.create(Settings.of(values));
        app.start();
        System.out.println("started " + app.applicationId());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
