package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * A user at a browser: active and idle spells; while active, page loads at the user's own pace to favourite sites
 * (Zipf-ranked). A page load resolves the site and its CDNs, opens one or more TLS (or plain HTTP) connections to
 * each, or one QUIC connection where the site speaks HTTP/3, fetches a heavy-tailed number of heavy-tailed resources, and leaves the connections idle until the browser
 * or server closes them. One page load in twenty goes to the intranet server.
 */
final class Browsing extends Activity {
    private final Workstation host;
    private final SplittableRandom rng;
    private boolean active;
    private long spellEnd;

    Browsing(Workstation host, SplittableRandom rng, long start) {
        super(start + Draw.seconds(Draw.uniform(rng, 0, 30)));
        this.host = host;
        this.rng = rng;
        this.active = Draw.chance(rng, 0.7);
        this.spellEnd = time + Draw.seconds(Draw.exponential(rng, active ? host.activeSeconds : host.idleSeconds));
    }

    @Override
    long fire(TrafficSynthesizer run) {
        long t = time;
        if (t >= spellEnd) {
            active = !active;
            spellEnd = t + Draw.seconds(Draw.exponential(rng, active ? host.activeSeconds : host.idleSeconds));
            if (!active) {
                return spellEnd;
            }
        }
        if (!active) {
            return spellEnd;
        }
        if (Draw.chance(rng, 0.05)) {
            intranetPage(run, t);
        } else {
            Network net = run.network();
            Site site = net.sites[host.favourites[Draw.zipf(rng, net.siteZipf)]];
            page(run, site, t);
        }
        double meanGap = 60.0 / host.pagesPerMinute;
        return t + Draw.seconds(Math.max(1.5, Draw.lognormal(rng, meanGap * 0.6, 1.0)));
    }

    private void page(TrafficSynthesizer run, Site site, long t) {
        Network net = run.network();
        boolean http2 = Draw.chance(rng, 0.8);
        boolean tls = Draw.chance(rng, 0.93);
        long ready = run.resolver().lookup(run, host, site, t, rng);
        int mainConnections = http2 ? Draw.uniformInt(rng, 1, 2) : Draw.uniformInt(rng, 2, 6);
        for (int c = 0; c < mainConnections; c++) {
            long start = ready + Draw.millis(Draw.uniform(rng, 0.1, 2)) + c * Draw.millis(Draw.uniform(rng, 0, 40));
            connect(run, site, start, c == 0 ? 8 : 3, tls);
        }
        // Subresources come from CDNs once the main document has started arriving.
        long afterDocument = ready + Draw.millis(Draw.lognormal(rng, 150, 0.6));
        for (int dep : site.dependencies) {
            Site cdn = net.cdns[dep];
            long cdnReady = run.resolver().lookup(run, host, cdn, afterDocument, rng);
            int n = Draw.chance(rng, 0.25) ? 2 : 1;
            for (int c = 0; c < n; c++) {
                connect(run, cdn, cdnReady + Draw.millis(Draw.uniform(rng, 0.1, 20)), 4, true);
            }
        }
    }

    private void intranetPage(TrafficSynthesizer run, long t) {
        Network net = run.network();
        TcpScript.Builder b = TcpScript.established();
        Handshakes.tls(b, rng, Handshakes.browserClientHello(rng), Draw.uniformInt(rng, 2600, 3400));
        requests(b, Draw.uniformInt(rng, 2, 12), 1.0);
        TcpScript script = b.close(Draw.seconds(Draw.uniform(rng, 4, 15)), TcpScript.Close.SERVER_FIN);
        long start = t + Draw.millis(Draw.uniform(rng, 0.1, 1));
        run.start(new TcpFlow(host.v4, host.v4.nextEphemeralPort(), net.intranet, 443, script,
                Draw.lognormalClamped(rng, 150e6, 0.5, 20_000_000L, 900_000_000L), 600_000_000L, null, rng.split(), start));
    }

    private void connect(TrafficSynthesizer run, Site site, long start, double medianRequests, boolean tls) {
        boolean v6 = host.v6 != null && site.v6 != null;
        Endpoint client = v6 ? host.v6 : host.v4;
        Endpoint server = v6 ? site.v6 : site.v4;
        int requests = (int) Draw.lognormalClamped(rng, medianRequests, 0.9, 1, 150);
        if (tls && site.quic && Draw.chance(rng, 0.85)) {
            run.start(QuicShape.connection(client, server, start, requests, site.weight,
                    Draw.lognormalClamped(rng, 40e6, 0.9, 4_000_000L, 900_000_000L), rng));
            return;
        }
        TcpScript.Builder b = TcpScript.established();
        if (tls) {
            Handshakes.tls(b, rng, Handshakes.browserClientHello(rng), Handshakes.serverFlight(rng));
        }
        requests(b, requests, site.weight);
        double close = rng.nextDouble();
        TcpScript.Close how = close < 0.45 ? TcpScript.Close.SERVER_FIN
                : close < 0.75 ? TcpScript.Close.CLIENT_FIN
                : close < 0.95 ? TcpScript.Close.CLIENT_RST : TcpScript.Close.SERVER_RST;
        TcpScript script = b.close(Draw.seconds(Draw.lognormalClamped(rng, 25, 0.8, 1, 180)), how);
        long down = Draw.lognormalClamped(rng, 40e6, 0.9, 4_000_000L, 900_000_000L);
        long up = Draw.lognormalClamped(rng, 15e6, 0.8, 1_000_000L, 300_000_000L);
        run.start(new TcpFlow(client, client.nextEphemeralPort(), server, tls ? 443 : 80, script, up, down, null,
                rng.split(), start));
    }

    /** Request/response pairs: small requests, log-normal responses, time to first byte, parse-and-fetch gaps. */
    private void requests(TcpScript.Builder b, int n, double weight) {
        for (int i = 0; i < n; i++) {
            long clientThink = i == 0 ? Draw.millis(Draw.uniform(rng, 0.05, 0.5))
                    : Draw.millis(Draw.lognormal(rng, 15, 1.2));
            b.client(Draw.uniformInt(rng, 90, 900), clientThink);
            int response = (int) Draw.lognormalClamped(rng, 3500 * weight, 1.7, 60, 12_000_000L);
            b.server(response, Draw.millis(Draw.lognormal(rng, 25, 0.9)));
        }
    }
}
