package io.tidewatch.learners.model;

import io.tidewatch.learners.codec.Encodable;

/**
 * What every Tidewatch model is: something that learns one record at a time, can be serialized by its own
 * versioned codec into a state store, and can say how much memory it holds.
 */
public interface Learner extends Encodable {

    /** Approximate retained heap size in bytes (the model's own arrays and objects). */
    long memoryBytes();

    /** Records learned from so far. */
    long examplesSeen();
}
