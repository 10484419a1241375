package io.tidewatch.probe.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tidewatch.config.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The probe's small HTTP listener: {@code GET /metrics} (Prometheus text of {@link ProbeMetrics}) and
 * {@code GET /health} (200 while the probe captures). Off unless {@code probe.rest.port} is set (0 picks a free
 * port); bound to {@code probe.rest.host}, 127.0.0.1 by default, since it serves counters only and needs no
 * exposure beyond the scraper's host unless an operator says so.
 */
public final class ProbeMetricsServer implements AutoCloseable {

    public static final String PORT = "probe.rest.port";
    public static final String HOST = "probe.rest.host";

    private final HttpServer server;
    private final ExecutorService executor;
    private final ProbeMetrics metrics;
    private volatile boolean capturing = true;

    private ProbeMetricsServer(HttpServer server, ProbeMetrics metrics) {
        this.server = server;
        this.metrics = metrics;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tidewatch-probe-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A listener when {@code probe.rest.port} is set; empty otherwise. Fails naming the key on a bad value. */
    public static Optional<ProbeMetricsServer> start(Settings s, ProbeMetrics metrics) {
        if (!s.has(PORT) || s.getString(PORT, "").isBlank()) {
            return Optional.empty();
        }
        int port = s.getInt(PORT, 0);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("setting " + PORT + "=" + port + ": expected a TCP port from 0 to 65535");
        }
        String host = s.getString(HOST, "127.0.0.1").trim();
        try {
            return Optional.of(new ProbeMetricsServer(HttpServer.create(new InetSocketAddress(host, port), 16), metrics));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + " (set " + HOST + " / " + PORT
                    + "): " + e.getMessage(), e);
        }
    }

    public String url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** After the capture ended: {@code /health} reports DOWN until the listener closes. */
    public void captureEnded() {
        capturing = false;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("GET")) {
                send(ex, 405, "application/json", "{\"error\":\"only GET\"}");
            } else if (path.equals("/metrics")) {
                send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            } else if (path.equals("/health")) {
                send(ex, capturing ? 200 : 503, "application/json", "{\"status\":\"" + (capturing ? "UP" : "DOWN")
                        + "\",\"packets\":" + metrics.latest().packets() + "}");
            } else {
                send(ex, 404, "application/json", "{\"error\":\"no such endpoint; try /metrics or /health\"}");
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
