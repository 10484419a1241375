package io.tidewatch.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The probe's list of setting keys covers what its options document and what its sink reads, and only keys. */
class ProbeKnownKeysTest {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)+");

    @Test
    void everyKeyTheHelpNamesIsKnown() {
        Set<String> documented = new TreeSet<>();
        for (CommandLine.Model.OptionSpec option : new CommandLine(new ProbeCommand(java.util.Map.of()))
                .getCommandSpec().options()) {
            Matcher m = Pattern.compile("\\(key ([a-z0-9._-]+)").matcher(String.join(" ", option.description()));
            while (m.find()) {
                documented.add(m.group(1).replaceAll("[.,]$", ""));
            }
        }
        assertTrue(documented.size() > 20, documented.toString());
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(ProbeCommand.knownKeys());
        assertEquals(Set.of(), unknown, "keys the help names but knownKeys() does not list");
    }

    @Test
    void theSinkKeysAndTheKeysWithoutAFlagAreKnownAndAllAreKeys() {
        Set<String> keys = ProbeCommand.knownKeys();
        for (String k : new String[] {"probe.queue.max.batches", "probe.queue.max.bytes", "probe.queue.wait.ms",
                "probe.read.timeout.ms",
                "topics.prefix", "topics.packet-dynamics", "schema.registry.url", "kafka.bootstrap.servers"}) {
            assertTrue(keys.contains(k), k);
        }
        for (String k : keys) {
            assertTrue(KEY.matcher(k).matches(), "not a setting key: '" + k + "'");
        }
    }
}
