package io.tidewatch.probe.synth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The attack scenarios the synthesizer can mix into benign traffic; {@link #label()} is the CSV attack name. */
public enum AttackKind {
    VERTICAL_SCAN("vertical_scan"),
    HORIZONTAL_SCAN("horizontal_scan"),
    SYN_FLOOD("syn_flood"),
    SSH_BRUTEFORCE("ssh_bruteforce"),
    C2_BEACON("c2_beacon"),
    EXFILTRATION("exfiltration"),
    DNS_TUNNEL("dns_tunnel");

    private final String label;

    AttackKind(String label) {
        this.label = label;
    }

    /** The name used in the labels CSV and on the command line. */
    public String label() {
        return label;
    }

    /**
     * Parses a comma-separated list of attack names; {@code all} selects every attack and {@code none} (or an
     * empty list) none, for benign-only traffic.
     */
    public static Set<AttackKind> parseList(String list) {
        if (list == null) {
            throw new IllegalArgumentException("attacks: expected a comma-separated list, got null");
        }
        String trimmed = list.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("all")) {
            return EnumSet.allOf(AttackKind.class);
        }
        EnumSet<AttackKind> out = EnumSet.noneOf(AttackKind.class);
        if (trimmed.isEmpty() || trimmed.equals("none")) {
            return out;
        }
        for (String part : trimmed.split(",")) {
            String name = part.trim().replace('-', '_');
            AttackKind kind = Arrays.stream(values()).filter(k -> k.label.equals(name)).findFirst().orElse(null);
            if (kind == null) {
                throw new IllegalArgumentException("attack '" + part.trim() + "': expected one of " + names()
                        + ", all or none");
            }
            out.add(kind);
        }
        return out;
    }

    /** All attack names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(AttackKind::label).collect(Collectors.joining(","));
    }
}
