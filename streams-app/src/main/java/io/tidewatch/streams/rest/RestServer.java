package io.tidewatch.streams.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.google.protobuf.InvalidProtocolBufferException;
import io.tidewatch.config.Settings;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.streams.labels.LabelTopology;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.state.WindowStoreIterator;
import io.tidewatch.streams.flow.FlowAssemblyCounters;
import io.tidewatch.streams.host.HostContextProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * The streams app's HTTP listener (the JDK's server: no framework to deploy or patch).
 *
 * <pre>
 * GET /health               200 while the client and its stream threads live, 503 once it failed or stopped
 * GET /ready                200 when RUNNING with no changelog still restoring, 503 otherwise (state in the body)
 * GET /metrics              Prometheus text: Kafka Streams client metrics and Tidewatch's own
 * GET /flows/{communityId}  the key's recent flow records, newest last (answered by, or forwarded to, the owner)
 * GET /hosts/{ip}           a source host's context, and its recent alerts when scoring provides them
 * GET /models               model versions, sizes, progressive metrics (when training provides them)
 * GET /alerts /scores /drift  dashboard feeds (when scoring and training provide them)
 * GET /api/overview         state, counters, store sizes, which feeds exist
 * GET /config               the settings with every secret redacted
 * GET /                     the dashboard (static page polling the JSON endpoints)
 * </pre>
 *
 * With {@code rest.auth.token} set, everything but {@code /health}, {@code /ready} and the dashboard's static files
 * needs {@code Authorization: Bearer <token>}; the dashboard page sends it from the URL fragment
 * ({@code /#token=...}), which browsers never send to the server.
 */
public final class RestServer implements AutoCloseable {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern COMMUNITY_ID = Pattern.compile("\\d{1,3}:[A-Za-z0-9+/=_.-]{1,128}");
    private static final int LIST_LIMIT = 50;
    private static final int FLOWS_SHOWN = 8;
    private static final Map<String, String> STATIC = Map.of(
            "/", "dashboard.html", "/index.html", "dashboard.html",
            "/dashboard.js", "dashboard.js", "/dashboard.css", "dashboard.css");

    private final RestSettings settings;
    private final String redactedConfig;
    private final FlowAssemblyCounters counters;
    private final LongSupplier deadLetters;
    private final RestDataSources sources;
    private final BearerAuth auth;
    private final AppMetrics metrics;
    private final RestoreTracker restores = new RestoreTracker();
    private HttpServer server;
    private ExecutorService executor;
    private InteractiveQueries queries;
    private Set<String> stores = Set.of();
    private volatile KafkaStreams streams;

    public RestServer(RestSettings settings, Settings appSettings, FlowAssemblyCounters counters,
            LongSupplier deadLetters, RestDataSources sources) {
        this.settings = settings;
        this.redactedConfig = appSettings.redacted();
        this.counters = counters;
        this.deadLetters = deadLetters;
        this.sources = sources;
        this.auth = new BearerAuth(settings.authToken());
        this.metrics = new AppMetrics(counters, deadLetters, sources.meters());
    }

    /** Opens the listening socket (so a port 0 becomes a real one before Kafka Streams is told about it). */
    public synchronized HostInfo bind() {
        if (server != null) {
            throw new IllegalStateException("the REST server is already bound to " + url());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port() + " (set "
                    + RestSettings.HOST + " / " + RestSettings.PORT + "): " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "tidewatch-rest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        HostInfo self = new HostInfo(settings.advertisedHost(), server.getAddress().getPort());
        queries = new InteractiveQueries(() -> streams, self, settings.authToken());
        server.start();
        return self;
    }

    /** The restore listener to install on the client before it starts: readiness waits for restoration. */
    public RestoreTracker restoreListener() {
        return restores;
    }

    /** Serves queries and metrics from {@code client}, whose stores are {@code storeNames}. */
    public void attach(KafkaStreams client, Set<String> storeNames) {
        this.stores = new TreeSet<>(storeNames);
        this.streams = client;
        metrics.bind(client, stores, this::approximateKeys);
    }

    /** The listener's base URL, as other instances and people reach it. */
    public String url() {
        return "http://" + InteractiveQueries.hostPort(queries.self());
    }

    public InetSocketAddress boundAddress() {
        return server.getAddress();
    }

    private double approximateKeys(String store) {
        KafkaStreams s = streams;
        if (s == null || s.state() != KafkaStreams.State.RUNNING) {
            return Double.NaN;
        }
        try {
            return s.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()))
                    .approximateNumEntries();
        } catch (InvalidStateStoreException e) {
            return Double.NaN;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "application/json", error("method " + method + " is not allowed; only GET"));
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path.equals("/health")) {
                health(ex);
            } else if (path.equals("/ready")) {
                ready(ex);
            } else if (STATIC.containsKey(path)) {
                staticFile(ex, STATIC.get(path));
            } else if (!auth.allows(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"tidewatch\"");
                send(ex, 401, "application/json", error("missing or wrong bearer token"));
            } else {
                route(ex, path);
            }
        } catch (RuntimeException e) {
            // The message names the failing part; nothing from the request's headers goes into it.
            send(ex, 500, "application/json", error("internal error: " + e.getClass().getSimpleName()));
        }
    }

    private void route(HttpExchange ex, String path) throws IOException {
        boolean forwarded = ex.getRequestHeaders().containsKey(InteractiveQueries.FORWARDED_HEADER);
        String raw = ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
        if (path.equals("/metrics")) {
            send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
        } else if (path.startsWith("/flows/")) {
            answer(ex, flows(path.substring("/flows/".length()), raw, forwarded));
        } else if (path.startsWith("/hosts/")) {
            answer(ex, hosts(path.substring("/hosts/".length()), raw, forwarded));
        } else if (path.equals("/models")) {
            feed(ex, sources.models().filter(m -> m.modelsAvailable()).map(m -> m.models()), "models", "training");
        } else if (path.equals("/alerts")) {
            feed(ex, sources.alerts().filter(a -> a.alertsAvailable()).map(a -> a.recent(LIST_LIMIT)), "alerts",
                    "scoring");
        } else if (path.equals("/scores")) {
            feed(ex, sources.scores().filter(s -> s.scoresAvailable()).map(s -> {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.set("distribution", s.distribution());
                o.set("top_hosts", s.topHosts(10));
                return o;
            }), "scores", "scoring");
        } else if (path.equals("/drift")) {
            feed(ex, sources.drift().filter(d -> d.driftAvailable()).map(d -> d.recent(LIST_LIMIT)), "drift", "training");
        } else if (path.equals("/api/overview")) {
            send(ex, 200, "application/json", overview().toString());
        } else if (path.equals("/config")) {
            send(ex, 200, "text/plain; charset=utf-8", redactedConfig + "\n");
        } else {
            send(ex, 404, "application/json", error("no such endpoint: " + path));
        }
    }

    private InteractiveQueries.Answer flows(String communityId, String raw, boolean forwarded) {
        if (!COMMUNITY_ID.matcher(communityId).matches()) {
            return queries.error(400, "'" + communityId + "' is not a Community ID: expected version:base64 such as"
                    + " 1:wCb3OG7yAFWelaUydu0D+125CLM= (percent-encode '/' and '+')", null);
        }
        // The label stage keeps every recent flow by Community ID (labels.horizon) in one task: the instance that
        // runs it answers.
        Bytes key = Bytes.wrap(communityId.getBytes(StandardCharsets.UTF_8));
        return queries.lookup(LabelTopology.FLOWS_BY_COMMUNITY, communityId, new StringSerializer(),
                QueryableStoreTypes.<Bytes, byte[]>windowStore(), raw, forwarded, store -> {
                    Deque<FlowRecord> newest = new ArrayDeque<>();
                    try (WindowStoreIterator<byte[]> it = store.fetch(key, Instant.EPOCH,
                            Instant.ofEpochMilli(Long.MAX_VALUE))) {
                        while (it.hasNext()) {
                            newest.addLast(parseFlow(it.next().value));
                            if (newest.size() > FLOWS_SHOWN) {
                                newest.removeFirst();
                            }
                        }
                    }
                    if (newest.isEmpty()) {
                        return queries.error(404, "no recent flow with Community ID " + communityId, null);
                    }
                    ObjectNode o = JsonNodeFactory.instance.objectNode();
                    o.put("community_id", communityId);
                    var list = o.putArray("flows");
                    newest.forEach(f -> list.add(FlowView.json(f)));
                    return queries.ok(o);
                });
    }

    private InteractiveQueries.Answer hosts(String ip, String raw, boolean forwarded) {
        InetAddress address = literalAddress(ip);
        if (address == null) {
            return queries.error(400, "'" + ip + "' is not an IP address: expected a literal such as 10.0.0.5 or fd00::5",
                    null);
        }
        byte[] key = address.getAddress();
        // The repartition by source host wrote the raw address bytes as the key; the store keeps them as Bytes.
        return queries.lookup(HostContextProcessor.HOST_STORE, key, new ByteArraySerializer(),
                QueryableStoreTypes.<Bytes, byte[]>keyValueStore(), raw, forwarded, store -> {
                    byte[] v = store.get(Bytes.wrap(key));
                    if (v == null) {
                        return queries.error(404, "no recent flow from host " + address.getHostAddress(), null);
                    }
                    ObjectNode o = HostView.json(address.getHostAddress(), v);
                    if (sources.alerts().filter(a -> a.alertsAvailable()).isPresent()) {
                        o.set("recent_alerts", sources.alerts().get().forHost(address, LIST_LIMIT));
                    } else {
                        o.put("recent_alerts", "not available yet: no alerts topic found");
                    }
                    return queries.ok(o);
                });
    }

    private static FlowRecord parseFlow(byte[] bytes) {
        try {
            return FlowRecord.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable flow record in store " + LabelTopology.FLOWS_BY_COMMUNITY, e);
        }
    }

    static InetAddress literalAddress(String s) {
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
            return null;
        }
        try {
            // A literal never reaches DNS.
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private void feed(HttpExchange ex, Optional<JsonNode> data, String name, String stage) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("available", data.isPresent());
        if (data.isPresent()) {
            o.set(name, data.get());
        } else {
            o.put("reason", name + " come from " + stage + ", whose output this app has not found yet");
        }
        send(ex, 200, "application/json", o.toString());
    }

    private ObjectNode overview() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        KafkaStreams s = streams;
        o.put("instance", InteractiveQueries.hostPort(queries.self()));
        o.put("state", s == null ? "CREATED" : s.state().name());
        o.put("time_ms", System.currentTimeMillis());
        o.put("flows", counters.flowRecords());
        o.put("batches", counters.batches());
        o.put("packets", counters.packets());
        o.put("duplicate_batches", counters.duplicateBatches());
        o.put("late_batches", counters.lateBatches());
        o.put("invalid_batches", counters.invalidBatches());
        o.put("dead_letters", deadLetters.getAsLong());
        ObjectNode st = o.putObject("stores");
        for (String store : stores) {
            double k = approximateKeys(store);
            if (Double.isNaN(k)) {
                st.putNull(store);
            } else {
                st.put(store, (long) k);
            }
        }
        ObjectNode av = o.putObject("available");
        av.put("alerts", sources.alerts().filter(a -> a.alertsAvailable()).isPresent());
        av.put("scores", sources.scores().filter(f -> f.scoresAvailable()).isPresent());
        av.put("models", sources.models().filter(m -> m.modelsAvailable()).isPresent());
        av.put("drift", sources.drift().filter(d -> d.driftAvailable()).isPresent());
        return o;
    }

    private void health(HttpExchange ex) throws IOException {
        KafkaStreams s = streams;
        KafkaStreams.State state = s == null ? KafkaStreams.State.CREATED : s.state();
        List<String> threads = s == null || !state.isRunningOrRebalancing() ? List.of()
                : s.metadataForLocalThreads().stream().map(ThreadMetadata::threadState).toList();
        boolean live = live(state, threads);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("status", live ? "UP" : "DOWN");
        o.put("state", state.name());
        o.put("live_stream_threads", threads.stream().filter(RestServer::threadLives).count());
        send(ex, live ? 200 : 503, "application/json", o.toString());
    }

    /**
     * Liveness: the client has not failed or stopped, and once started it still has a stream thread that is not
     * dying (a client whose threads all died processes nothing and must be restarted).
     */
    static boolean live(KafkaStreams.State state, List<String> threadStates) {
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_SHUTDOWN) {
            return false;
        }
        return !state.isRunningOrRebalancing() || threadStates.stream().anyMatch(RestServer::threadLives);
    }

    private static boolean threadLives(String threadState) {
        return !threadState.equals("DEAD") && !threadState.equals("PENDING_SHUTDOWN");
    }

    private void ready(HttpExchange ex) throws IOException {
        KafkaStreams s = streams;
        KafkaStreams.State state = s == null ? KafkaStreams.State.CREATED : s.state();
        int restoring = restores.restoringPartitions();
        boolean ready = state == KafkaStreams.State.RUNNING && restoring == 0;
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ready", ready);
        o.put("state", state.name());
        o.put("restoring_partitions", restoring);
        send(ex, ready ? 200 : 503, "application/json", o.toString());
    }

    private void staticFile(HttpExchange ex, String resource) throws IOException {
        byte[] body;
        try (InputStream in = RestServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                send(ex, 404, "application/json", error("the dashboard file " + resource + " is missing from the jar"));
                return;
            }
            body = in.readAllBytes();
        }
        String type = resource.endsWith(".html") ? "text/html; charset=utf-8"
                : resource.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
        ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        send(ex, 200, type, body);
    }

    private void answer(HttpExchange ex, InteractiveQueries.Answer a) throws IOException {
        ex.getResponseHeaders().set(InteractiveQueries.SERVED_BY_HEADER, a.servedBy());
        send(ex, a.status(), "application/json", a.json());
    }

    private static String error(String message) {
        return JsonNodeFactory.instance.objectNode().put("error", message).toString();
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        metrics.close();
    }

    /** The names this listener serves, for the README and tests. */
    public static List<String> endpoints() {
        return List.of("/health", "/ready", "/metrics", "/flows/{communityId}", "/hosts/{ip}", "/models", "/alerts",
                "/scores", "/drift", "/api/overview", "/config", "/");
    }
}
