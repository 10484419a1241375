package io.tidewatch.probe.synth;

import java.util.SplittableRandom;

/**
 * A developer's interactive SSH sessions to the jump host or a cloud machine: key exchange, public-key login,
 * then commands typed a key at a time (36-byte encrypted keystrokes echoed by the server, human inter-key gaps),
 * command output, and long pauses to read and think.
 */
final class SshUser extends Activity {
    private final Workstation host;
    private final SplittableRandom rng;

    SshUser(Workstation host, SplittableRandom rng, long start) {
        super(start + Draw.seconds(Draw.exponential(rng, 600)));
        this.host = host;
        this.rng = rng;
    }

    @Override
    long fire(TrafficSynthesizer run) {
        Network net = run.network();
        Endpoint server = Draw.chance(rng, 0.6) ? net.jumpHost : net.sshServers[rng.nextInt(net.sshServers.length)];
        TcpScript.Builder b = TcpScript.established();
        Handshakes.ssh(b, rng, Draw.chance(rng, 0.5), Draw.uniformInt(rng, 1400, 1600));
        // Public-key authentication: query, PK_OK, signed request, success; then channel, pty, shell, motd.
        b.client(Draw.uniformInt(rng, 380, 620), Draw.millis(Draw.uniform(rng, 0.3, 2)));
        b.server(Draw.uniformInt(rng, 340, 560), Draw.millis(Draw.uniform(rng, 0.5, 3)));
        b.client(Draw.uniformInt(rng, 620, 780), Draw.millis(Draw.uniform(rng, 2, 40)));
        b.server(36, Draw.millis(Draw.uniform(rng, 1, 15)));
        b.client(Draw.uniformInt(rng, 90, 120), Draw.millis(Draw.uniform(rng, 0.2, 1)));
        b.server(Draw.uniformInt(rng, 40, 60), Draw.millis(Draw.uniform(rng, 1, 5)));
        b.client(Draw.uniformInt(rng, 300, 460), Draw.millis(Draw.uniform(rng, 0.2, 1)));
        b.server(Draw.uniformInt(rng, 400, 2600), Draw.millis(Draw.uniform(rng, 5, 60)));
        long sessionNanos = Draw.seconds(Draw.lognormalClamped(rng, 420, 0.9, 30, 7200));
        long elapsed = 0;
        while (elapsed < sessionNanos) {
            long pause = Draw.seconds(Draw.lognormalClamped(rng, 8, 1.2, 1, 300));
            int keys = Draw.uniformInt(rng, 3, 40);
            for (int k = 0; k < keys; k++) {
                long gap = k == 0 ? pause : Draw.millis(Draw.lognormalClamped(rng, 150, 0.5, 35, 2000));
                elapsed += gap;
                b.client(36, gap);
                b.server(36, Draw.millis(Draw.uniform(rng, 0.1, 0.6)));
            }
            // Enter: the command's output, from a line to a screenful or a build log.
            int output = (int) Draw.lognormalClamped(rng, 900, 1.6, 36, 2_000_000L);
            b.server(output, Draw.millis(Draw.lognormal(rng, 20, 1.2)));
        }
        b.client(36, Draw.seconds(2)); // "exit"
        b.server(Draw.uniformInt(rng, 100, 180), Draw.millis(2));
        TcpScript script = b.close(Draw.millis(Draw.uniform(rng, 1, 10)), TcpScript.Close.CLIENT_FIN);
        Endpoint client = host.v4;
        run.start(new TcpFlow(client, client.nextEphemeralPort(), server, 22, script, 50_000_000L,
                Draw.lognormalClamped(rng, 60e6, 0.6, 5_000_000L, 500_000_000L), null, rng.split(), time));
        return time + sessionNanos + Draw.seconds(Draw.exponential(rng, 900));
    }
}
