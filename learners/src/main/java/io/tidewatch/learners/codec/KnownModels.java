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
        ModelCodec.register(io.tidewatch.learners.anomaly.HalfSpaceTrees.KIND, io.tidewatch.learners.anomaly.HalfSpaceTrees::decode);
        ModelCodec.register(io.tidewatch.learners.anomaly.Loda.KIND, io.tidewatch.learners.anomaly.Loda::decode);
        ModelCodec.register(io.tidewatch.learners.anomaly.RobustRandomCutForest.KIND, io.tidewatch.learners.anomaly.RobustRandomCutForest::decode);
        ModelCodec.register(io.tidewatch.learners.anomaly.AutoencoderEnsemble.KIND, io.tidewatch.learners.anomaly.AutoencoderEnsemble::decode);
        ModelCodec.register(io.tidewatch.learners.calibration.QuantileCalibrator.KIND, io.tidewatch.learners.calibration.QuantileCalibrator::decode);
        ModelCodec.register(io.tidewatch.learners.transform.StandardScaler.KIND, io.tidewatch.learners.transform.StandardScaler::decode);
        ModelCodec.register(io.tidewatch.learners.transform.MinMaxScaler.KIND, io.tidewatch.learners.transform.MinMaxScaler::decode);
        ModelCodec.register(io.tidewatch.learners.transform.Log1p.KIND, io.tidewatch.learners.transform.Log1p::decode);
        ModelCodec.register(io.tidewatch.learners.transform.FeatureHasher.KIND, io.tidewatch.learners.transform.FeatureHasher::decode);
        ModelCodec.register(io.tidewatch.learners.pipeline.Pipeline.Detecting.KIND, io.tidewatch.learners.pipeline.Pipeline.Detecting::decode);
        ModelCodec.register(io.tidewatch.learners.pipeline.Pipeline.Classifying.KIND, io.tidewatch.learners.pipeline.Pipeline.Classifying::decode);
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
