package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * Large transfers: downloads from mirrors (updates, installers, datasets) at Internet speed, and, for hosts that
 * have a backup job, an hourly incremental backup pushed over rsync to the internal backup server at LAN speed, at
 * the host's own minute past the hour. Benign bulk traffic, so that
 * volume alone does not mark a flow as exfiltration.
 */
final class BulkTransfers extends Activity {
    private final Workstation host;
    private final SplittableRandom rng;
    private static final long HOUR = 3_600_000_000_000L;

    private long backupAt;
    private long downloadAt;

    BulkTransfers(Workstation host, SplittableRandom rng, long start) {
        super(start);
        this.host = host;
        this.rng = rng;
        this.backupAt = host.runsBackup ? start + Draw.uniformLong(rng, 0, HOUR - 1) : Flow.NEVER;
        this.downloadAt = nextDownload(start);
        this.time = Math.min(backupAt, downloadAt);
    }

    private long nextDownload(long t) {
        return t + Draw.seconds(Draw.exponential(rng, 3600.0 / host.downloadsPerHour));
    }

    @Override
    long fire(TrafficSynthesizer run) {
        if (time >= backupAt) {
            backup(run);
            backupAt += HOUR;
        } else {
            download(run);
            downloadAt = nextDownload(time);
        }
        return Math.min(backupAt, downloadAt);
    }

    private void download(TrafficSynthesizer run) {
        Network net = run.network();
        Site mirror = net.mirrors[rng.nextInt(net.mirrors.length)];
        long ready = run.resolver().lookup(run, host, mirror, time, rng);
        boolean v6 = host.v6 != null && mirror.v6 != null;
        Endpoint client = v6 ? host.v6 : host.v4;
        TcpScript.Builder b = TcpScript.established();
        Handshakes.tls(b, rng, Handshakes.browserClientHello(rng), Handshakes.serverFlight(rng));
        b.client(Draw.uniformInt(rng, 200, 600), Draw.millis(0.2));
        b.server((int) Draw.lognormalClamped(rng, 60e6, 1.0, 1_000_000L, 1_500_000_000L),
                Draw.millis(Draw.lognormal(rng, 40, 0.5)));
        TcpScript script = b.close(Draw.seconds(Draw.uniform(rng, 0.1, 5)), TcpScript.Close.CLIENT_FIN);
        run.start(new TcpFlow(client, client.nextEphemeralPort(), v6 ? mirror.v6 : mirror.v4, 443, script,
                20_000_000L, Draw.lognormalClamped(rng, 80e6, 0.7, 10_000_000L, 900_000_000L), null, rng.split(),
                ready + Draw.millis(0.3)));
    }

    private void backup(TrafficSynthesizer run) {
        TcpScript.Builder b = TcpScript.established();
        b.server(Draw.uniformInt(rng, 20, 40), Draw.millis(1)); // @RSYNCD greeting
        b.client(Draw.uniformInt(rng, 20, 40), Draw.millis(0.5));
        b.client(Draw.uniformInt(rng, 10, 30), Draw.millis(0.3));
        b.server(Draw.uniformInt(rng, 40, 120), Draw.millis(2));
        b.client(Draw.uniformInt(rng, 20_000, 400_000), Draw.millis(5)); // file list
        b.server(Draw.uniformInt(rng, 2_000, 60_000), Draw.millis(Draw.uniform(rng, 50, 900))); // checksums
        b.client((int) Draw.lognormalClamped(rng, 40e6, 1.0, 2_000_000L, 1_500_000_000L), Draw.millis(20));
        b.server(Draw.uniformInt(rng, 40, 90), Draw.millis(Draw.uniform(rng, 5, 100)));
        TcpScript script = b.close(Draw.millis(Draw.uniform(rng, 1, 20)), TcpScript.Close.CLIENT_FIN);
        run.start(new TcpFlow(host.v4, host.v4.nextEphemeralPort(), run.network().backup, 873, script,
                Draw.lognormalClamped(rng, 400e6, 0.4, 80_000_000L, 940_000_000L), 200_000_000L, null,
                rng.split(), time));
    }
}
