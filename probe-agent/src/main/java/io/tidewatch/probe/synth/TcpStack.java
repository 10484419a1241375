package io.tidewatch.probe.synth;

/**
 * The TCP/IP fingerprint of an operating system as a sensor sees it: initial TTL, SYN options layout, window
 * scale, whether timestamps ride on every segment, and the receive window it usually advertises after the
 * handshake. Values follow what current Linux, Windows and macOS kernels send by default.
 */
enum TcpStack {
    LINUX(64, 64240, 7, true, 64, 502),
    WINDOWS(128, 64240, 8, false, 128, 1026),
    MACOS(64, 65535, 6, true, 64, 2048),
    /** Routers, load balancers and appliances that start at 255. */
    APPLIANCE(255, 65535, 0, false, 255, 65535);

    final int initialTtl;
    final int synWindow;
    final int windowScale;
    final boolean timestamps;
    final int hopLimit;
    /** Typical scaled window value in established segments. */
    final int establishedWindow;

    TcpStack(int initialTtl, int synWindow, int windowScale, boolean timestamps, int hopLimit,
            int establishedWindow) {
        this.initialTtl = initialTtl;
        this.synWindow = synWindow;
        this.windowScale = windowScale;
        this.timestamps = timestamps;
        this.hopLimit = hopLimit;
        this.establishedWindow = establishedWindow;
    }

    /** MSS announced on an Ethernet path: 1460 over IPv4, 1440 over IPv6. */
    int mss(boolean v6) {
        return v6 ? 1440 : 1460;
    }

    /** Bytes of TCP options on a SYN or SYN-ACK. */
    int synOptionsLength() {
        return switch (this) {
            case LINUX, MACOS -> 20; // MSS, SACK_PERM, TS, NOP, WS
            case WINDOWS -> 12;      // MSS, NOP, WS, NOP, NOP, SACK_PERM
            case APPLIANCE -> 4;     // MSS only
        };
    }
}
