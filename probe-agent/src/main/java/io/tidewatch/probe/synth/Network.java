package io.tidewatch.probe.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic organisation and the Internet it talks to, drawn from the seed: a server subnet (resolver,
 * monitoring, backup, intranet web, SSH jump host, file server), workstations in 10.1.0.0/16 (some dual-stack),
 * popular sites, CDNs, download mirrors, authoritative name servers and NTP servers outside.
 *
 * <p>External IPv4 addresses come from the three documentation ranges (192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24) shuffled together, so benign and hostile hosts share prefixes and no real organisation's
 * address appears in an attack. External IPv6 addresses are in 2001:db8::/32.
 */
final class Network {
    static final int SITES = 60;
    static final int CDNS = 40;
    static final int MIRRORS = 4;
    static final int APP_SERVICES = 16;
    static final int NAME_SERVERS = 10;
    static final int NTP_SERVERS = 4;

    private static final byte[] GATEWAY_MAC = mac(0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x01);
    private static final int[][] OUIS = {
        {0x3c, 0x22, 0xfb}, {0xa4, 0x83, 0xe7}, {0x00, 0x1b, 0x21}, {0x8c, 0x16, 0x45}, {0xf0, 0x18, 0x98},
        {0x54, 0xe1, 0xad}, {0x00, 0x50, 0x56}, {0xdc, 0xa6, 0x32},
    };

    private final SplittableRandom rng;
    private final int[] externalPool;
    private int nextExternal;
    private int nextV6;

    final Endpoint resolver;
    final Endpoint monitor;
    final Endpoint backup;
    final Endpoint intranet;
    final Endpoint jumpHost;
    final Endpoint fileServer;
    final List<Workstation> workstations = new ArrayList<>();
    final Site[] sites;
    final Site[] cdns;
    final Site[] mirrors;
    final Endpoint[] nameServers;
    final Endpoint[] ntpServers;
    /** Endpoints of the background apps (mail, chat, sync, telemetry, push) workstations keep talking to. */
    final Site[] appServices;
    /** Cloud machines developers reach over SSH. */
    final Endpoint[] sshServers;
    final double[] siteZipf;
    /** Highest address in use in 10.1.0.0/16, for sweeping the workstation subnets. */
    final int lastWorkstationHost;

    Network(SplittableRandom rng, int hosts) {
        this.rng = rng;
        this.externalPool = shuffledDocumentationAddresses(rng);
        resolver = internalServer(53, TcpStack.LINUX);
        monitor = internalServer(10, TcpStack.LINUX);
        backup = internalServer(20, TcpStack.LINUX);
        intranet = internalServer(80, TcpStack.LINUX);
        jumpHost = internalServer(22, TcpStack.LINUX);
        fileServer = internalServer(45, TcpStack.WINDOWS);

        nameServers = new Endpoint[NAME_SERVERS];
        for (int i = 0; i < NAME_SERVERS; i++) {
            nameServers[i] = external(TcpStack.LINUX, Draw.uniform(rng, 8, 60));
        }
        ntpServers = new Endpoint[NTP_SERVERS];
        for (int i = 0; i < NTP_SERVERS; i++) {
            ntpServers[i] = external(TcpStack.LINUX, Draw.uniform(rng, 10, 90));
        }
        sshServers = new Endpoint[3];
        for (int i = 0; i < sshServers.length; i++) {
            sshServers[i] = external(TcpStack.LINUX, Draw.uniform(rng, 15, 110));
        }
        cdns = new Site[CDNS];
        for (int i = 0; i < CDNS; i++) {
            // CDNs, ad, analytics, font and API hosts that pages pull from.
            cdns[i] = site("cdn" + i + ".edge-cache.example", 3, 40, 0.6, Draw.lognormal(rng, 0.6, 0.7));
        }
        sites = new Site[SITES];
        for (int i = 0; i < SITES; i++) {
            sites[i] = site("www.site" + i + ".example", 15, 160, 0.6, Draw.lognormal(rng, 1.0, 0.5));
            int deps = Draw.uniformInt(rng, 1, 8);
            boolean[] taken = new boolean[CDNS];
            sites[i].dependencies = new int[deps];
            for (int d = 0; d < deps; d++) {
                int c = rng.nextInt(CDNS);
                while (taken[c]) {
                    c = (c + 1) % CDNS;
                }
                taken[c] = true;
                sites[i].dependencies[d] = c;
            }
        }
        appServices = new Site[APP_SERVICES];
        for (int i = 0; i < APP_SERVICES; i++) {
            appServices[i] = site("api" + i + ".apps.example", 5, 120, 0.5, 1.0);
        }
        mirrors = new Site[MIRRORS];
        for (int i = 0; i < MIRRORS; i++) {
            mirrors[i] = site("downloads" + i + ".mirror.example", 8, 60, 0.5, 1.0);
        }
        siteZipf = Draw.zipfCumulative(SITES, 1.1);

        for (int i = 0; i < hosts; i++) {
            workstations.add(workstation(i));
        }
        lastWorkstationHost = hostNumber(hosts - 1);
    }

    /** 10.1.x.y numbering of workstation {@code i}: 240 per /24, .10 to .249. */
    private static int hostNumber(int i) {
        return (i / 240) * 256 + 10 + (i % 240);
    }

    static byte[] workstationAddress(int hostNumber) {
        return new byte[] {10, 1, (byte) (hostNumber >>> 8), (byte) hostNumber};
    }

    private Workstation workstation(int i) {
        double osDraw = rng.nextDouble();
        TcpStack os = osDraw < 0.55 ? TcpStack.WINDOWS : osDraw < 0.85 ? TcpStack.MACOS : TcpStack.LINUX;
        boolean wifi = Draw.chance(rng, 0.4);
        long rtt = wifi ? Draw.millis(Draw.uniform(rng, 1.5, 9)) : Draw.millis(Draw.uniform(rng, 0.08, 0.4));
        int[] oui = OUIS[rng.nextInt(OUIS.length)];
        byte[] mac = mac(oui[0], oui[1], oui[2], rng.nextInt(256), rng.nextInt(256), rng.nextInt(256));
        int hostNumber = hostNumber(i);
        Endpoint v4 = new Endpoint(workstationAddress(hostNumber), mac, os, 0, rtt,
                rng.nextInt(1 << 16));
        Endpoint v6 = null;
        if (Draw.chance(rng, 0.35)) {
            byte[] ip6 = v6Address(0x2001, 0x0db8, 0x0100, 0x0001, rng.nextLong());
            v6 = new Endpoint(ip6, mac, os, 0, rtt, rng.nextInt(1 << 16));
        }
        int[] favourites = permutation(SITES);
        boolean developer = os != TcpStack.WINDOWS ? Draw.chance(rng, 0.4) : Draw.chance(rng, 0.08);
        return new Workstation(i, v4, v6, os,
                Draw.lognormal(rng, 1.2, 0.6),
                Draw.uniform(rng, 180, 1200),
                Draw.uniform(rng, 60, 900),
                favourites,
                developer,
                Draw.lognormal(rng, 0.25, 0.8),
                Draw.chance(rng, 0.3),
                os == TcpStack.WINDOWS,
                os == TcpStack.WINDOWS ? Draw.seconds(Draw.uniform(rng, 900, 3600))
                        : Draw.seconds(64L << rng.nextInt(4)));
    }

    private int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private Site site(String name, double minRttMs, double maxRttMs, double v6Share, double weight) {
        double rttMs = Math.exp(Draw.uniform(rng, Math.log(minRttMs), Math.log(maxRttMs)));
        TcpStack stack = Draw.chance(rng, 0.15) ? TcpStack.APPLIANCE : TcpStack.LINUX;
        Endpoint v4 = external(stack, rttMs);
        Endpoint v6 = null;
        if (Draw.chance(rng, v6Share)) {
            byte[] ip6 = v6Address(0x2001, 0x0db8, 0xf000 + nextV6++, 0, 1 + rng.nextInt(0xffff));
            v6 = new Endpoint(ip6, GATEWAY_MAC, stack, v4Hops(v4), v4.rttNanos, 0);
        }
        long ttl = Draw.seconds(new int[] {60, 300, 300, 600, 3600}[rng.nextInt(5)]);
        Site site = new Site(name, v4, v6, ttl, nameServers[rng.nextInt(NAME_SERVERS)], weight);
        site.quic = Draw.chance(rng, 0.3);
        return site;
    }

    private static int v4Hops(Endpoint e) {
        return e.stack.initialTtl - e.observedTtl;
    }

    /** A new Internet host with the given stack and round-trip time from the sensor. */
    Endpoint external(TcpStack stack, double rttMs) {
        if (nextExternal >= externalPool.length) {
            throw new IllegalStateException("synthetic Internet ran out of documentation addresses");
        }
        int a = externalPool[nextExternal++];
        byte[] ip = {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        int hops = Draw.uniformInt(rng, 7, 22);
        return new Endpoint(ip, GATEWAY_MAC, stack, hops, Draw.millis(rttMs), rng.nextInt(1 << 16));
    }

    /** The internal server at 10.0.0.{@code last}. */
    private Endpoint internalServer(int last, TcpStack stack) {
        byte[] mac = mac(0x00, 0x50, 0x56, 0x00, 0x00, last);
        return new Endpoint(new byte[] {10, 0, 0, (byte) last}, mac, stack, 0,
                Draw.millis(Draw.uniform(rng, 0.12, 0.35)), rng.nextInt(1 << 16));
    }

    private static int[] shuffledDocumentationAddresses(SplittableRandom rng) {
        int[] prefixes = {0xC0000200, 0xC6336400, 0xCB007100};
        int[] pool = new int[3 * 253];
        int k = 0;
        for (int prefix : prefixes) {
            for (int host = 2; host <= 254; host++) {
                pool[k++] = prefix | host;
            }
        }
        for (int i = pool.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        return pool;
    }

    private static byte[] v6Address(int a, int b, int c, int d, long interfaceId) {
        byte[] ip = new byte[16];
        int[] words = {a, b, c, d};
        for (int i = 0; i < 4; i++) {
            ip[2 * i] = (byte) (words[i] >>> 8);
            ip[2 * i + 1] = (byte) words[i];
        }
        for (int i = 0; i < 8; i++) {
            ip[8 + i] = (byte) (interfaceId >>> (56 - 8 * i));
        }
        return ip;
    }

    /** A workstation-subnet address nobody uses: a target that never answers. */
    Endpoint absent(int hostNumber) {
        return new Endpoint(workstationAddress(hostNumber), GATEWAY_MAC, TcpStack.LINUX, 0,
                Draw.millis(0.2), 0);
    }

    /** The workstation at 10.1.x.y, or null. */
    Workstation workstationAt(int hostNumber) {
        int subnet = hostNumber >>> 8;
        int last = hostNumber & 0xFF;
        if (last < 10 || last > 249) {
            return null;
        }
        int i = subnet * 240 + last - 10;
        return i < workstations.size() ? workstations.get(i) : null;
    }

    private static byte[] mac(int a, int b, int c, int d, int e, int f) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d, (byte) e, (byte) f};
    }
}
