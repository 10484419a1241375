package io.tidewatch.learners.codec;

import io.tidewatch.learners.baseline.NoChange;
import io.tidewatch.learners.bayes.GaussianNaiveBayes;
import io.tidewatch.learners.linear.LogisticRegression;

/** The one list of this library's model kinds and their decoders. Add a line for each new model. */
final class KnownModels {

    private KnownModels() {
    }

    static void registerAll() {
        // e.g. ModelCodec.register(HalfSpaceTrees.KIND, HalfSpaceTrees::decode);
        ModelCodec.register(GaussianNaiveBayes.KIND, GaussianNaiveBayes::decode);
        ModelCodec.register(LogisticRegression.KIND, LogisticRegression::decode);
        ModelCodec.register(NoChange.KIND, NoChange::decode);
        ModelCodec.register(io.tidewatch.learners.drift.Adwin.KIND, io.tidewatch.learners.drift.Adwin::decodeBody);
        ModelCodec.register(io.tidewatch.learners.tree.HoeffdingTree.KIND, io.tidewatch.learners.tree.HoeffdingTree::decode);
        ModelCodec.register(io.tidewatch.learners.tree.HoeffdingAdaptiveTree.KIND,
                io.tidewatch.learners.tree.HoeffdingAdaptiveTree::decode);
        ModelCodec.register(io.tidewatch.learners.ensemble.AdaptiveRandomForest.KIND,
                io.tidewatch.learners.ensemble.AdaptiveRandomForest::decode);
    }
}
