package io.tidewatch.learners.codec;

import java.io.DataInput;
import java.io.IOException;

/** Rebuilds a model of one kind from the body its {@link Encodable#encodeBody} wrote with the given codec version. */
@FunctionalInterface
public interface BodyDecoder {

    Encodable decode(int codecVersion, DataInput in) throws IOException;
}
