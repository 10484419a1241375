package io.tidewatch.learners.codec;

/** The one list of this library's model kinds and their decoders. Add a line for each new model. */
final class KnownModels {

    private KnownModels() {
    }

    static void registerAll() {
        // e.g. ModelCodec.register(HalfSpaceTrees.KIND, HalfSpaceTrees::decode);
    }
}
