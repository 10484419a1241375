package io.tidewatch.probe.synth;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The organisation's recursive DNS resolver at 10.0.0.53: workstations ask it (A, and AAAA from the same socket
 * on dual-stack hosts), it answers from cache or asks the name's authoritative server first. Both legs are flows,
 * so tunnelled queries show up inside (host to resolver) and at the egress (resolver to the tunnel's server).
 */
final class Resolver {
    private final Network net;
    private final Map<Site, Long> cache = new HashMap<>();

    Resolver(Network net) {
        this.net = net;
    }

    /**
     * Looks {@code site} up for {@code host} at {@code t}, using and filling the host's own cache.
     *
     * @return when the host has its answer (t itself on a host cache hit)
     */
    long lookup(TrafficSynthesizer run, Workstation host, Site site, long t, SplittableRandom rng) {
        Long expiry = host.dnsCache.get(site);
        if (expiry != null && expiry > t) {
            return t;
        }
        boolean both = host.v6 != null;
        long answered = query(run, host.v4, site, both, t, rng);
        host.dnsCache.put(site, answered + site.ttlNanos);
        return answered;
    }

    /**
     * One stub query (two with AAAA) from {@code client}.
     *
     * @return when the client has the answer
     */
    private long query(TrafficSynthesizer run, Endpoint client, Site site, boolean withAaaa, long t,
            SplittableRandom rng) {
        int question = questionBytes(site.name.length());
        int answerA = question + 16 * Draw.uniformInt(rng, 1, 3);
        int answerAaaa = question + 28 * Draw.uniformInt(rng, 1, 2);
        long service = Draw.millis(Draw.uniform(rng, 0.03, 0.25));
        Long cached = cache.get(site);
        if (cached == null || cached <= t) {
            long upstreamStart = t + Draw.millis(Draw.uniform(rng, 0.02, 0.1));
            Endpoint ns = site.nameServer;
            long upstream = upstreamExchange(run, ns, question + 12, answerA + 90, upstreamStart, null, rng);
            if (withAaaa) {
                long aaaa = upstreamExchange(run, ns, question + 12, answerAaaa + 90,
                        upstreamStart + Draw.millis(0.02), null, rng);
                upstream = Math.max(upstream, aaaa);
            }
            service = upstream - t - net.resolver.rttNanos + Draw.millis(0.05);
            cache.put(site, upstream + site.ttlNanos);
        }
        int port = client.nextEphemeralPort();
        if (!withAaaa) {
            UdpFlow f = UdpFlow.exchange(client, port, net.resolver, 53, question, answerA, t, service, null,
                    rng.split());
            run.start(f);
            return f.endNanos();
        }
        long gap = Draw.millis(Draw.uniform(rng, 0.01, 0.08));
        long a = t + net.resolver.rttNanos + service;
        long aaaa = a + gap + Draw.millis(Draw.uniform(rng, 0.0, 0.05));
        UdpFlow f = UdpFlow.of(client, port, net.resolver, 53, new boolean[] {true, true, false, false},
                new int[] {question, question, answerA, answerAaaa}, new long[] {t, t + gap, a, aaaa}, null,
                rng.split());
        run.start(f);
        return aaaa;
    }

    /**
     * A tunnelled TXT query: a name never seen before, so the resolver always forwards it to the tunnel domain's
     * server; both legs are labelled.
     */
    void tunnelQuery(TrafficSynthesizer run, Endpoint client, Site domain, int nameLength, int txtBytes, long t,
            SplittableRandom rng) {
        int question = questionBytes(nameLength);
        int answer = question + 12 + 1 + txtBytes;
        long upstream = upstreamExchange(run, domain.nameServer, question + 12, answer + 12,
                t + Draw.millis(Draw.uniform(rng, 0.02, 0.1)), AttackKind.DNS_TUNNEL, rng);
        long service = upstream - t - net.resolver.rttNanos + Draw.millis(0.05);
        run.start(UdpFlow.exchange(client, client.nextEphemeralPort(), net.resolver, 53, question, answer, t,
                service, AttackKind.DNS_TUNNEL, rng.split()));
    }

    /** Header, name in wire form, type and class, and an EDNS OPT record. */
    private static int questionBytes(int nameLength) {
        return 12 + nameLength + 2 + 4 + 11;
    }

    private long upstreamExchange(TrafficSynthesizer run, Endpoint ns, int query, int answer, long t,
            AttackKind attack, SplittableRandom rng) {
        int port = net.resolver.nextEphemeralPort();
        UdpFlow f = UdpFlow.exchange(net.resolver, port, ns, 53, query, answer, t,
                Draw.millis(Draw.uniform(rng, 0.05, 0.5)), attack, rng.split());
        run.start(f);
        return f.endNanos();
    }
}
