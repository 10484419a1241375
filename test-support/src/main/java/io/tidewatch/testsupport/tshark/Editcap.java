package io.tidewatch.testsupport.tshark;

import java.io.IOException;
import java.nio.file.Path;

/** The real editcap, to give the readers the same capture in another file format. */
public final class Editcap {

    private Editcap() {
    }

    /** Skips the calling test when editcap is not installed. */
    public static void assumeInstalled() {
        WiresharkTool.assumeInstalled("editcap");
    }

    /** Writes {@code capture} to {@code pcapng} in the pcapng format. */
    public static void toPcapng(Path capture, Path pcapng) throws IOException, InterruptedException {
        WiresharkTool.run("editcap", "-F", "pcapng", capture.toString(), pcapng.toString());
    }
}
