package io.tidewatch.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void plainOutputEndsWithOneCompleteLineAndATerminalOneIsRedrawnInPlace() {
        StringWriter plain = new StringWriter();
        try (ProgressLine p = new ProgressLine(new PrintWriter(plain), false, 1000, () -> 1000, () -> 42, () -> 3)) {
            p.phase("replaying");
        }
        String text = plain.toString();
        assertTrue(text.startsWith("demo replaying: 1,000/1,000 packets (100%), 42 flows, 3 alerts, "), text);
        assertTrue(text.contains("finishing"), text);
        assertEquals(1, text.lines().count(), text);

        StringWriter tty = new StringWriter();
        try (ProgressLine p = new ProgressLine(new PrintWriter(tty), true, 1000, () -> 250, () -> 0, () -> 0)) {
            assertTrue(p.line().contains("250/1,000 packets (25%)"), p.line());
            assertTrue(p.line().contains("ETA "), p.line());
        }
        assertTrue(tty.toString().startsWith("\r") && tty.toString().endsWith(System.lineSeparator()), tty.toString());
    }

    @Test
    void clockReadsMinutesAndSeconds() {
        assertEquals("0:05", ProgressLine.clock(4.6));
        assertEquals("2:05", ProgressLine.clock(125));
    }
}
