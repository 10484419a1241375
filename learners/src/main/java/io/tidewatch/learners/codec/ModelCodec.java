package io.tidewatch.learners.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The versioned binary framing of every model: magic {@code "TWM"}, frame version 1, the model kind (modified
 * UTF-8), the body's codec version (unsigned short), then the body. Decoding dispatches on the kind.
 */
public final class ModelCodec {

    private static final byte[] MAGIC = {'T', 'W', 'M'};
    private static final int FRAME_VERSION = 1;
    private static final Map<String, BodyDecoder> DECODERS = new ConcurrentHashMap<>();

    static {
        KnownModels.registerAll();
    }

    private ModelCodec() {
    }

    /** Makes {@code kind} decodable. Model kinds of this library are registered by {@link KnownModels}. */
    public static void register(String kind, BodyDecoder decoder) {
        BodyDecoder previous = DECODERS.putIfAbsent(kind, decoder);
        if (previous != null && previous != decoder) {
            throw new IllegalStateException("model kind '" + kind + "' is registered twice");
        }
    }

    /**
     * The first check of every decoder: a body version it cannot read fails with the kind named, before any of the
     * body is misread.
     */
    public static void requireVersion(String kind, int version, int expected) {
        if (version != expected) {
            throw new IllegalArgumentException(kind + ": codec version " + version + ", expected " + expected);
        }
    }

    /** The registered model kinds. */
    static Set<String> kinds() {
        return Set.copyOf(DECODERS.keySet());
    }

    public static byte[] encode(Encodable model) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeByte(FRAME_VERSION);
            out.writeUTF(model.kind());
            out.writeShort(model.codecVersion());
            model.encodeBody(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode model of kind '" + model.kind() + "'", e);
        }
    }

    public static Encodable decode(byte[] bytes) {
        if (bytes == null || bytes.length < MAGIC.length + 4) {
            throw new IllegalArgumentException("model bytes: expected a TWM frame, got "
                    + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new IllegalArgumentException(String.format(
                        "model bytes: expected magic 'TWM', got %02x %02x %02x", bytes[0], bytes[1], bytes[2]));
            }
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length));
            int frame = in.readUnsignedByte();
            if (frame != FRAME_VERSION) {
                throw new IllegalArgumentException("model bytes: frame version " + frame + ", expected " + FRAME_VERSION);
            }
            String kind = in.readUTF();
            int version = in.readUnsignedShort();
            BodyDecoder decoder = DECODERS.get(kind);
            if (decoder == null) {
                throw new IllegalArgumentException("model bytes: unknown model kind '" + kind + "', known: "
                        + new TreeMap<>(DECODERS).keySet());
            }
            return decoder.decode(version, in);
        } catch (IOException e) {
            throw new IllegalArgumentException("model bytes: truncated or corrupt (" + bytes.length + " bytes)", e);
        }
    }

    /** Decodes and checks the type in one step. */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        Encodable model = decode(bytes);
        if (!type.isInstance(model)) {
            throw new IllegalArgumentException("model bytes: expected a " + type.getSimpleName() + ", got kind '"
                    + model.kind() + "'");
        }
        return type.cast(model);
    }
}
