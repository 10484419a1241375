package io.tidewatch.streams.training;

import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.drift.Adwin;
import io.tidewatch.learners.model.Classifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Everything the trainer must get back after a restart, as one state-store value: the model (through
 * {@link ModelCodec}), the ADWIN on its error, the progressive metrics, the snapshot version and the bookkeeping of
 * when it last published. The model is absent until the first example, whose length fixes the feature count.
 */
final class TrainerState {

    private static final int FORMAT = 1;

    long version;
    long examples;
    long snapshotAtExamples;
    boolean promoted;
    String featureSet = "";
    int featureCount = -1;
    Classifier model;
    Adwin adwin;
    ProgressiveMetrics metrics;

    TrainerState(double driftDelta, int window) {
        this.adwin = new Adwin(driftDelta);
        this.metrics = new ProgressiveMetrics(window);
    }

    private TrainerState() {
    }

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(model == null ? 256 : 64 * 1024);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            out.writeLong(version);
            out.writeLong(examples);
            out.writeLong(snapshotAtExamples);
            out.writeBoolean(promoted);
            out.writeUTF(featureSet);
            out.writeInt(featureCount);
            writeBytes(out, model == null ? new byte[0] : ModelCodec.encode(model));
            writeBytes(out, ModelCodec.encode(adwin));
            metrics.encode(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the trainer state", e);
        }
    }

    static TrainerState decode(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("trainer state format " + format + ", expected " + FORMAT);
            }
            TrainerState s = new TrainerState();
            s.version = in.readLong();
            s.examples = in.readLong();
            s.snapshotAtExamples = in.readLong();
            s.promoted = in.readBoolean();
            s.featureSet = in.readUTF();
            s.featureCount = in.readInt();
            byte[] model = readBytes(in);
            s.model = model.length == 0 ? null : ModelCodec.decode(model, Classifier.class);
            s.adwin = ModelCodec.decode(readBytes(in), Adwin.class);
            s.metrics = ProgressiveMetrics.decode(in);
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("trainer state: truncated or corrupt (" + bytes.length + " bytes)", e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 30)) {
            throw new IllegalArgumentException("trainer state: part of " + n + " bytes is not plausible");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
