package io.tidewatch.streams.flow;

/**
 * The TCP flag bits as the probe ships them (the header's flags byte, NS in bit 8), for the stages that read them:
 * flow assembly (connection opened, FIN both ways, RST) and the host context (connection attempts).
 */
public final class TcpFlags {

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int ACK = 0x10;

    private TcpFlags() {
    }
}
