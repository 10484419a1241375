package io.tidewatch.streams.scoring;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tidewatch.learners.codec.ModelCodec;
import io.tidewatch.learners.model.Classifier;
import io.tidewatch.proto.v1.ModelSnapshot;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The read side of the supervised blend. The compacted models topic is materialized on every instance as the
 * global store {@link #STORE} (model id to {@code ModelSnapshot} bytes); a scoring task asks {@link #current} for
 * the promoted {@link #MODEL_ID} model, which is decoded only when its version changes.
 */
public final class SupervisedModels {

    public static final String STORE = "supervised-models";
    public static final String MODEL_ID = "supervised";

    /** A decoded promoted model with the version it came from. */
    public record Loaded(Classifier classifier, long version, long examplesSeen, String featureSet) {
    }

    private final ReadOnlyKeyValueStore<String, byte[]> store;
    private final LongAdder decodeFailures;
    private long cachedVersion = -1;
    private Loaded cached;
    private byte[] lastBad;

    public SupervisedModels(ReadOnlyKeyValueStore<String, byte[]> store, LongAdder decodeFailures) {
        this.store = store;
        this.decodeFailures = decodeFailures;
    }

    /** The promoted supervised model, or null when there is none (absent, not promoted, or undecodable). */
    public Loaded current() {
        byte[] bytes = store.get(MODEL_ID);
        if (bytes == null) {
            cached = null;
            cachedVersion = -1;
            return null;
        }
        if (bytes == lastBad) {
            return null;
        }
        ModelSnapshot snap;
        try {
            snap = ModelSnapshot.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            decodeFailures.increment();
            lastBad = bytes;
            return null;
        }
        if (!snap.getPromoted()) {
            return null;
        }
        if (snap.getVersion() != cachedVersion || cached == null) {
            try {
                cached = new Loaded(ModelCodec.decode(snap.getState().toByteArray(), Classifier.class),
                        snap.getVersion(), snap.getExamplesSeen(), snap.getFeatureSet());
                cachedVersion = snap.getVersion();
            } catch (RuntimeException e) {
                // A snapshot this build cannot decode is counted and ignored, never fatal to scoring.
                decodeFailures.increment();
                lastBad = bytes;
                return null;
            }
        }
        return cached;
    }

    /** Keeps the global store in step with the models topic; a null value (tombstone) deletes. */
    public static final class Updater implements Processor<String, ModelSnapshot, Void, Void> {

        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, ModelSnapshot> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value().toByteArray());
            }
        }
    }
}
