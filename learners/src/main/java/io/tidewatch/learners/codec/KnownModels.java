package io.tidewatch.learners.codec;

import io.tidewatch.learners.drift.Adwin;
import io.tidewatch.learners.ensemble.AdaptiveRandomForest;
import io.tidewatch.learners.tree.HoeffdingAdaptiveTree;
import io.tidewatch.learners.tree.HoeffdingTree;

/** The one list of this library's model kinds and their decoders. Add a line for each new model. */
final class KnownModels {

    private KnownModels() {
    }

    static void registerAll() {
        // e.g. ModelCodec.register(HalfSpaceTrees.KIND, HalfSpaceTrees::decode);
        ModelCodec.register(Adwin.KIND, Adwin::decodeBody);
        ModelCodec.register(HoeffdingTree.KIND, HoeffdingTree::decode);
        ModelCodec.register(HoeffdingAdaptiveTree.KIND, HoeffdingAdaptiveTree::decode);
        ModelCodec.register(AdaptiveRandomForest.KIND, AdaptiveRandomForest::decode);
    }
}
