package io.tidewatch.cli.demo;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The demo's one progress line on stderr: packets through the streams app (of the capture's total), flows out,
 * alerts, the packet rate and the time left at that rate. On a terminal the line is redrawn in place every half
 * second; elsewhere (a CI log, a file) a plain line is printed every {@link #PLAIN_PERIOD_MS} ms so the log stays
 * short.
 */
final class ProgressLine implements AutoCloseable {

    static final long TERMINAL_PERIOD_MS = 500;
    static final long PLAIN_PERIOD_MS = 10_000;

    private final PrintWriter err;
    private final boolean terminal;
    private final long totalPackets;
    private final LongSupplier packets;
    private final LongSupplier flows;
    private final LongSupplier alerts;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile String phase = "starting the streams app";
    private volatile boolean stopped;
    private int lastWidth;

    ProgressLine(PrintWriter err, boolean terminal, long totalPackets, LongSupplier packets, LongSupplier flows,
            LongSupplier alerts) {
        this.err = err;
        this.terminal = terminal;
        this.totalPackets = totalPackets;
        this.packets = packets;
        this.flows = flows;
        this.alerts = alerts;
        this.thread = new Thread(this::run, "tidewatch-demo-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** What the demo is doing now, shown at the start of the line (e.g. "replaying", "scoring the last flows"). */
    void phase(String phase) {
        this.phase = phase;
    }

    private void run() {
        long period = terminal ? TERMINAL_PERIOD_MS : PLAIN_PERIOD_MS;
        try {
            while (!stopped) {
                Thread.sleep(period);
                if (!stopped) {
                    draw();
                }
            }
        } catch (InterruptedException e) {
            // close() stops the line
        }
    }

    /** The line as it reads now. */
    String line() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        long done = Math.min(totalPackets, Math.max(0, packets.getAsLong()));
        double rate = done / seconds;
        String eta = done >= totalPackets ? "finishing"
                : rate > 0 ? "ETA " + clock((totalPackets - done) / rate) : "ETA -";
        return String.format(Locale.ROOT, "demo %s: %,d/%,d packets (%d%%), %,d flows, %,d alerts, %,.0f packets/s, %s,"
                + " %s elapsed", phase, done, totalPackets, totalPackets == 0 ? 100 : done * 100 / totalPackets,
                flows.getAsLong(), alerts.getAsLong(), rate, eta, clock(seconds));
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private synchronized void draw() {
        String line = line();
        if (terminal) {
            // Pad over the previous line's tail: the line can get shorter.
            err.print('\r' + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Draws the final state and ends the line. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        thread.interrupt();
        draw();
        if (terminal) {
            err.println();
            err.flush();
        }
    }
}
