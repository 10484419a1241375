package io.tidewatch.cli;

import picocli.CommandLine;

/** Version from the jar manifest (set by the build), or "dev" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Tidewatch.class.getPackage().getImplementationVersion();
        return new String[] {"tidewatch " + (v == null ? "dev" : v)};
    }
}
