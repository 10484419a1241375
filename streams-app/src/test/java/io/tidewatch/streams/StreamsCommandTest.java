package io.tidewatch.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StreamsCommandTest {

    private static String run(String... args) {
        CommandLine cl = new CommandLine(new StreamsCommand());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println(ex.getMessage());
            return 1;
        });
        int code = cl.execute(args);
        return code + " " + err;
    }

    @Test
    void aMissingRegistryUrlIsNamed() {
        String out = run("--bootstrap-servers", "127.0.0.1:1");
        assertTrue(out.startsWith("1 "), out);
        assertTrue(out.contains("schema.registry.url"), out);
    }

    @Test
    void aMissingConfigFileIsNamed() {
        String out = run("--config", "no-such-file.properties");
        assertTrue(out.contains("no-such-file.properties"), out);
    }

    @Test
    void unknownFlagsAreUsageErrors() {
        assertEquals(2, new CommandLine(new StreamsCommand()).setErr(new PrintWriter(new StringWriter()))
                .execute("--no-such-flag"));
    }
}
