package io.tidewatch.streams.labels;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A labelled flow: the flow's raw feature vector (exactly {@code FlowRecord.features}), its class (1 malicious,
 * 0 benign) and the attack class the label named. It travels only on the app's internal examples topic, so it is a
 * small hand-written binary layout rather than a public schema.
 */
public record Example(String flowId, String featureSet, double[] features, int malicious, String attackClass,
        long flowEndMs) {

    private static final int FORMAT = 1;

    public Example {
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(featureSet, "featureSet");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(attackClass, "attackClass");
        if (malicious != 0 && malicious != 1) {
            throw new IllegalArgumentException("example class " + malicious + ": expected 0 (benign) or 1 (malicious)");
        }
    }

    byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + features.length * 8);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            out.writeUTF(flowId);
            out.writeUTF(featureSet);
            out.writeInt(features.length);
            for (double v : features) {
                out.writeDouble(v);
            }
            out.writeByte(malicious);
            out.writeUTF(attackClass);
            out.writeLong(flowEndMs);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode example of flow " + flowId, e);
        }
    }

    static Example fromBytes(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new SerializationException("example format " + format + ", expected " + FORMAT);
            }
            String flowId = in.readUTF();
            String featureSet = in.readUTF();
            int n = in.readInt();
            if (n < 0 || n > 1 << 16) {
                throw new SerializationException("example with " + n + " features: not a plausible vector length");
            }
            double[] features = new double[n];
            for (int i = 0; i < n; i++) {
                features[i] = in.readDouble();
            }
            int y = in.readUnsignedByte();
            String attack = in.readUTF();
            long endMs = in.readLong();
            return new Example(flowId, featureSet, features, y, attack, endMs);
        } catch (IOException e) {
            throw new SerializationException("truncated example of " + data.length + " bytes", e);
        }
    }

    /** The serde of the internal examples topic. */
    public static Serde<Example> serde() {
        return new Serde<>() {
            @Override
            public Serializer<Example> serializer() {
                return (topic, e) -> e == null ? null : e.toBytes();
            }

            @Override
            public Deserializer<Example> deserializer() {
                return (topic, data) -> data == null ? null : fromBytes(data);
            }
        };
    }
}
