package io.tidewatch.localstack;

import picocli.CommandLine;

/** Runs {@link BrokerCommand} as its own JVM, the way the launcher does, so a test can signal it. */
public final class BrokerCommandMain {

    private BrokerCommandMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BrokerCommand()).execute(args));
    }
}
