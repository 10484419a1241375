package io.tidewatch.probe;

import picocli.CommandLine;

/** The probe command as a process of its own, for tests that need a fresh JVM (system properties read once). */
public final class ProbeMain {

    private ProbeMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProbeCommand()).execute(args));
    }
}
