package io.tidewatch.probe.synth;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What to synthesize: output files, length of the capture, number of workstations, seed, attacks, timestamp
 * resolution, snap length and the capture's start time. Built with {@link #builder()}; the canonical constructor
 * checks every value and names the bad one.
 *
 * @param out          the pcap to write
 * @param labels       the labels CSV to write, one row per flow
 * @param minutes      capture length in minutes, 1..1440
 * @param hosts        benign workstations, 1..5000 (attacks compromise some of them and add external hosts)
 * @param seed         the seed; equal configs give byte-identical files
 * @param attacks      attacks to include, possibly none
 * @param nanos        nanosecond pcap timestamps instead of microseconds
 * @param snaplen      bytes kept per frame (frames are cut, original length kept), 64..262144
 * @param startEpochSeconds UTC start of the capture
 */
public record SynthConfig(Path out, Path labels, int minutes, int hosts, long seed, Set<AttackKind> attacks,
        boolean nanos, int snaplen, long startEpochSeconds) {

    public static final int DEFAULT_MINUTES = 10;
    public static final int DEFAULT_HOSTS = 50;
    public static final long DEFAULT_SEED = 1;
    /** 2026-01-05T09:00:00Z, a Monday morning. */
    public static final long DEFAULT_START = 1_767_603_600L;

    public SynthConfig {
        if (out == null) {
            throw new IllegalArgumentException("synth: an output pcap path is required (--out)");
        }
        if (labels == null) {
            throw new IllegalArgumentException("synth: a labels CSV path is required (--labels)");
        }
        if (out.toAbsolutePath().normalize().equals(labels.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("synth: --out and --labels are the same file " + out
                    + ": expected two different files");
        }
        if (minutes < 1 || minutes > 1440) {
            throw new IllegalArgumentException("synth minutes " + minutes + ": expected 1..1440");
        }
        if (hosts < 1 || hosts > 5000) {
            throw new IllegalArgumentException("synth hosts " + hosts + ": expected 1..5000");
        }
        if (attacks == null) {
            throw new IllegalArgumentException("synth attacks: expected a set (possibly empty), got null");
        }
        if (snaplen < 64 || snaplen > PcapWriter.MAX_SNAPLEN) {
            throw new IllegalArgumentException("synth snaplen " + snaplen + ": expected 64.."
                    + PcapWriter.MAX_SNAPLEN);
        }
        if (startEpochSeconds < 0 || startEpochSeconds > 4_000_000_000L) {
            throw new IllegalArgumentException("synth start " + startEpochSeconds
                    + ": expected epoch seconds in 0..4000000000");
        }
        // An EnumSet keeps a fixed iteration order, which the seeded run depends on.
        EnumSet<AttackKind> copy = EnumSet.noneOf(AttackKind.class);
        copy.addAll(attacks);
        attacks = Collections.unmodifiableSet(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: 10 minutes, 50 hosts, seed 1, every attack, microseconds, whole frames. */
    public static final class Builder {
        private Path out;
        private Path labels;
        private int minutes = DEFAULT_MINUTES;
        private int hosts = DEFAULT_HOSTS;
        private long seed = DEFAULT_SEED;
        private Set<AttackKind> attacks = EnumSet.allOf(AttackKind.class);
        private boolean nanos;
        private int snaplen = PcapWriter.MAX_SNAPLEN;
        private long start = DEFAULT_START;

        public Builder out(Path v) {
            out = v;
            return this;
        }

        public Builder labels(Path v) {
            labels = v;
            return this;
        }

        public Builder minutes(int v) {
            minutes = v;
            return this;
        }

        public Builder hosts(int v) {
            hosts = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder attacks(Set<AttackKind> v) {
            attacks = v;
            return this;
        }

        public Builder nanos(boolean v) {
            nanos = v;
            return this;
        }

        public Builder snaplen(int v) {
            snaplen = v;
            return this;
        }

        public Builder startEpochSeconds(long v) {
            start = v;
            return this;
        }

        public SynthConfig build() {
            return new SynthConfig(out, labels, minutes, hosts, seed, attacks, nanos, snaplen, start);
        }
    }
}
