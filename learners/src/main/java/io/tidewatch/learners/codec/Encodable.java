package io.tidewatch.learners.codec;

import java.io.DataOutput;
import java.io.IOException;

/**
 * A model that writes its own state. {@link ModelCodec} frames it with the kind and codec version so that a
 * state store written by one release is read by the next.
 */
public interface Encodable {

    /** Stable name of the model kind, e.g. {@code "half-space-trees"}; the codec registry key. */
    String kind();

    /** Version of the body format {@link #encodeBody} writes; bump it when the format changes, keep reading old ones. */
    int codecVersion();

    /** Writes the model's complete state (configuration included) so a decoder can rebuild it exactly. */
    void encodeBody(DataOutput out) throws IOException;
}
