package io.tidewatch.probe.synth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plays the synthetic network forward in time and writes it out: activities (users, agents, attackers) start
 * flows, every flow queues its next packets, and one heap merges them all into a single time-ordered stream that
 * goes straight to the pcap writer. Memory follows the number of concurrent flows, not the capture's length.
 *
 * <p>Attacks start after a benign-only lead-in (the first fifth of the capture), at seeded times, each from its
 * own attacker: compromised workstations for scans, beaconing, exfiltration and tunnelling (they keep their normal
 * traffic too), Internet hosts for the SYN flood and the SSH brute force.
 */
public final class TrafficSynthesizer {
    private final SynthConfig config;
    private final EventQueue queue = new EventQueue();
    private final SplittableRandom master;
    private final Network network;
    private final Resolver resolver;
    private final long startNanos;
    private final long endNanos;
    private long order;
    /** Time of the event being processed: nothing new may start before it. */
    private long now;

    private TrafficSynthesizer(SynthConfig config) {
        this.config = config;
        this.master = new SplittableRandom(config.seed());
        this.network = new Network(master.split(), config.hosts());
        this.resolver = new Resolver(network);
        this.startNanos = config.startEpochSeconds() * 1_000_000_000L;
        this.endNanos = startNanos + config.minutes() * 60_000_000_000L;
    }

    /** Writes the pcap and labels the config names and returns the run's figures. */
    public static SynthSummary run(SynthConfig config) throws IOException {
        if (config == null) {
            throw new IllegalArgumentException("synth: a config is required, got null");
        }
        return new TrafficSynthesizer(config).play();
    }

    Network network() {
        return network;
    }

    Resolver resolver() {
        return resolver;
    }

    /** Adds a new flow; its first packet must not precede the activity that starts it. */
    void start(Flow f) {
        f.order = order++;
        if (f.prepare()) {
            if (f.time < now) {
                throw new IllegalStateException("flow " + f + " starts at " + f.time + ", before now " + now);
            }
            queue.add(f);
        }
    }

    private void schedule(Activity a) {
        a.order = order++;
        queue.add(a);
    }

    private SynthSummary play() throws IOException {
        long began = System.nanoTime();
        scheduleBenign();
        Map<String, Long> attackFlows = scheduleAttacks();
        Packet packet = new Packet();
        FrameEncoder encoder = new FrameEncoder();
        long flows = 0;
        long packets = 0;
        long pcapBytes;
        try (PcapWriter pcap = open(() -> new PcapWriter(config.out(), config.nanos(), config.snaplen()),
                config.out());
                LabelWriter labels = open(() -> new LabelWriter(config.labels(), config.nanos()), config.labels())) {
            while (!queue.isEmpty()) {
                Scheduled next = queue.peek();
                if (next.time >= endNanos) {
                    break;
                }
                now = next.time;
                if (next instanceof Flow f) {
                    f.fill(packet);
                    encoder.encode(packet);
                    pcap.writeZeroPadded(packet.timeNanos, encoder.frame(), encoder.headerLength(),
                            encoder.frameLength());
                    f.account(truncate(packet.timeNanos), encoder.ipLength());
                    packets++;
                    if (f.prepare()) {
                        queue.headChanged();
                    } else {
                        queue.poll();
                        labels.write(f);
                        flows++;
                        count(attackFlows, f);
                    }
                } else {
                    Activity a = (Activity) queue.poll();
                    long at = a.time;
                    long then = a.fire(this);
                    if (then != Flow.NEVER) {
                        a.time = Math.max(then, at);
                        queue.add(a);
                    }
                }
            }
            // Flows still open when the capture ends are cut there, as a real capture would cut them.
            List<Flow> open = new ArrayList<>();
            while (!queue.isEmpty()) {
                if (queue.poll() instanceof Flow f && f.packets > 0) {
                    open.add(f);
                }
            }
            open.sort((x, y) -> Long.compare(x.order, y.order));
            for (Flow f : open) {
                labels.write(f);
                flows++;
                count(attackFlows, f);
            }
            pcap.close();
            pcapBytes = pcap.bytes();
        }
        return new SynthSummary(packets, flows, attackFlows, pcapBytes, System.nanoTime() - began);
    }

    private interface Opener<T> {
        T open() throws IOException;
    }

    /** Opens an output, naming the file and the reason when it cannot be created. */
    private static <T> T open(Opener<T> opener, java.nio.file.Path file) throws IOException {
        try {
            return opener.open();
        } catch (IOException e) {
            throw new IOException("cannot create " + file + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "): expected a writable path", e);
        }
    }

    /** Flow times as the pcap stores them, so labels and capture agree to the digit. */
    private long truncate(long nanos) {
        return config.nanos() ? nanos : nanos - nanos % 1000;
    }

    private static void count(Map<String, Long> attackFlows, Flow f) {
        if (f.attack != null) {
            attackFlows.merge(f.attack.label(), 1L, Long::sum);
        }
    }

    private void scheduleBenign() {
        for (Workstation w : network.workstations) {
            schedule(new Browsing(w, master.split(), startNanos));
            schedule(new MonitoringAgent(w, master.split(), startNanos));
            SplittableRandom pingRng = master.split();
            start(new IcmpEchoFlow(network.monitor, w.v4, MonitoringAgent.PERIOD_NANOS, pingRng,
                    startNanos + Draw.uniformLong(pingRng, 0, MonitoringAgent.PERIOD_NANOS - 1)));
            schedule(new NtpClient(w, network.ntpServers[w.index % network.ntpServers.length], master.split(),
                    startNanos));
            schedule(new BulkTransfers(w, master.split(), startNanos));
            int apps = 2 + (int) (master.split().nextDouble() * 6);
            SplittableRandom appRng = master.split();
            for (int i = 0; i < apps; i++) {
                schedule(new BackgroundApp(w, network.appServices[appRng.nextInt(network.appServices.length)],
                        appRng.split(), startNanos));
            }
            if (w.developer) {
                schedule(new SshUser(w, master.split(), startNanos));
            }
        }
    }

    private Map<String, Long> scheduleAttacks() {
        Map<String, Long> counts = new LinkedHashMap<>();
        long duration = endNanos - startNanos;
        long leadIn = duration / 5;
        int[] compromised = compromisedOrder();
        int nextCompromised = 0;
        for (AttackKind kind : config.attacks()) {
            counts.put(kind.label(), 0L);
            SplittableRandom r = master.split();
            long start = startNanos + leadIn + (long) (r.nextDouble() * (duration - leadIn) * 0.35);
            switch (kind) {
                case VERTICAL_SCAN -> schedule(new VerticalScan(
                        network.workstations.get(compromised[nextCompromised++ % compromised.length]).v4,
                        network.fileServer, r, start));
                case HORIZONTAL_SCAN -> schedule(new HorizontalScan(network,
                        network.workstations.get(compromised[nextCompromised++ % compromised.length]).v4, r,
                        start));
                case SYN_FLOOD -> schedule(new SynFlood(network, r, start,
                        Math.min(endNanos, start + Math.min(20_000_000_000L, duration / 6))));
                case SSH_BRUTEFORCE -> schedule(new SshBruteForce(network, r, start,
                        Math.min(endNanos, start + Math.max(60_000_000_000L, Math.min(480_000_000_000L,
                                duration * 2 / 5)))));
                case C2_BEACON -> schedule(new C2Beacon(network,
                        network.workstations.get(compromised[nextCompromised++ % compromised.length]), r, start));
                case EXFILTRATION -> schedule(new Exfiltration(network,
                        network.workstations.get(compromised[nextCompromised++ % compromised.length]), r, start,
                        Math.min(config.minutes(), 10) * 15_000_000L));
                case DNS_TUNNEL -> schedule(new DnsTunnel(network,
                        network.workstations.get(compromised[nextCompromised++ % compromised.length]), r, start,
                        Math.min(endNanos, start + Math.min(360_000_000_000L, duration * 2 / 5))));
            }
        }
        return counts;
    }

    /** Workstations in the seeded order attacks compromise them, each used once while there are enough. */
    private int[] compromisedOrder() {
        int n = network.workstations.size();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = master.split();
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
