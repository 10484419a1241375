package io.tidewatch.probe.synth;

/**
 * An external service: a web site, a CDN or third-party host a page pulls from, or a download mirror. It has a
 * DNS name (only its length matters: it sizes the DNS messages), an IPv4 and maybe an IPv6 address, the record
 * TTL its authoritative name server hands out, and that name server.
 */
final class Site {
    final String name;
    final Endpoint v4;
    /** Null when the site has no AAAA record. */
    final Endpoint v6;
    final long ttlNanos;
    final Endpoint nameServer;
    /** Indexes of CDN/third-party sites a page of this site loads from. */
    int[] dependencies = new int[0];
    /** Whether the site speaks HTTP/3, which browsers then prefer. */
    boolean quic;
    /** Response size scale: media-heavy sites send more per request. */
    final double weight;

    Site(String name, Endpoint v4, Endpoint v6, long ttlNanos, Endpoint nameServer, double weight) {
        this.name = name;
        this.v4 = v4;
        this.v6 = v6;
        this.ttlNanos = ttlNanos;
        this.nameServer = nameServer;
        this.weight = weight;
    }
}
