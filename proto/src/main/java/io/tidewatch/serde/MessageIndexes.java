package io.tidewatch.serde;

import com.google.protobuf.Descriptors.Descriptor;

/**
 * The message-index path of a message type within its .proto file, as Confluent's framing carries it: the
 * type's position among the file's top-level messages, then its position among each parent's nested messages.
 * Enums are not messages and do not count.
 */
public final class MessageIndexes {

    private MessageIndexes() {
    }

    /** The path of {@code descriptor} in its file, e.g. {@code [1]} for the second top-level message. */
    public static int[] of(Descriptor descriptor) {
        if (descriptor == null) {
            throw new IllegalArgumentException("message descriptor is null; expected a Protobuf message type");
        }
        int depth = 0;
        for (Descriptor d = descriptor; d != null; d = d.getContainingType()) {
            depth++;
        }
        int[] path = new int[depth];
        for (Descriptor d = descriptor; d != null; d = d.getContainingType()) {
            // getIndex() is the position among the parent's (or the file's) message types only.
            path[--depth] = d.getIndex();
        }
        return path;
    }
}
