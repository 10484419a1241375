package io.tidewatch.learners.codec;

import io.tidewatch.learners.anomaly.AutoencoderEnsemble;
import io.tidewatch.learners.anomaly.DeviationDetector;
import io.tidewatch.learners.anomaly.HalfSpaceTrees;
import io.tidewatch.learners.anomaly.Loda;
import io.tidewatch.learners.anomaly.RobustRandomCutForest;
import io.tidewatch.learners.baseline.NoChange;
import io.tidewatch.learners.bayes.GaussianNaiveBayes;
import io.tidewatch.learners.calibration.QuantileCalibrator;
import io.tidewatch.learners.drift.Adwin;
import io.tidewatch.learners.ensemble.AdaptiveRandomForest;
import io.tidewatch.learners.linear.LogisticRegression;
import io.tidewatch.learners.pipeline.Pipeline;
import io.tidewatch.learners.transform.FeatureHasher;
import io.tidewatch.learners.transform.Log1p;
import io.tidewatch.learners.transform.MinMaxScaler;
import io.tidewatch.learners.transform.StandardScaler;
import io.tidewatch.learners.tree.HoeffdingAdaptiveTree;
import io.tidewatch.learners.tree.HoeffdingTree;

/** The one list of this library's model kinds and their decoders. Add a line for each new model. */
final class KnownModels {

    private KnownModels() {
    }

    static void registerAll() {
        // Anomaly detectors and their calibration.
        ModelCodec.register(HalfSpaceTrees.KIND, HalfSpaceTrees::decode);
        ModelCodec.register(Loda.KIND, Loda::decode);
        ModelCodec.register(RobustRandomCutForest.KIND, RobustRandomCutForest::decode);
        ModelCodec.register(AutoencoderEnsemble.KIND, AutoencoderEnsemble::decode);
        ModelCodec.register(DeviationDetector.KIND, DeviationDetector::decode);
        ModelCodec.register(QuantileCalibrator.KIND, QuantileCalibrator::decode);
        // Transformers and pipelines.
        ModelCodec.register(StandardScaler.KIND, StandardScaler::decode);
        ModelCodec.register(MinMaxScaler.KIND, MinMaxScaler::decode);
        ModelCodec.register(Log1p.KIND, Log1p::decode);
        ModelCodec.register(FeatureHasher.KIND, FeatureHasher::decode);
        ModelCodec.register(Pipeline.Detecting.KIND, Pipeline.Detecting::decode);
        ModelCodec.register(Pipeline.Classifying.KIND, Pipeline.Classifying::decode);
        // Classifiers.
        ModelCodec.register(GaussianNaiveBayes.KIND, GaussianNaiveBayes::decode);
        ModelCodec.register(LogisticRegression.KIND, LogisticRegression::decode);
        ModelCodec.register(NoChange.KIND, NoChange::decode);
        ModelCodec.register(HoeffdingTree.KIND, HoeffdingTree::decode);
        ModelCodec.register(HoeffdingAdaptiveTree.KIND, HoeffdingAdaptiveTree::decode);
        ModelCodec.register(AdaptiveRandomForest.KIND, AdaptiveRandomForest::decode);
        // Drift detectors that live inside models.
        ModelCodec.register(Adwin.KIND, Adwin::decodeBody);
    }
}
