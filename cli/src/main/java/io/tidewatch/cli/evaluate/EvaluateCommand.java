package io.tidewatch.cli.evaluate;

import io.tidewatch.learners.catalog.LearnerCatalog;
import io.tidewatch.learners.catalog.Params;
import io.tidewatch.learners.evaluation.ClassificationMetrics;
import io.tidewatch.learners.evaluation.RankingMetrics;
import io.tidewatch.learners.evaluation.RunningMean;
import io.tidewatch.learners.evaluation.Window;
import io.tidewatch.learners.model.Classifier;
import io.tidewatch.learners.model.Detector;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tidewatch evaluate}: progressive validation of one learner on CSV files. The files are parsed and
 * encoded first; then a fresh learner runs once over the stream to warm the JIT, and another fresh learner runs
 * the measured pass (predict, then learn, each example), timed on learner calls only (thread CPU time).
 */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {"Progressive (test-then-train) evaluation of a learner on CSV files.",
            "Learners: classifiers and anomaly detectors from the learner catalog (an unknown name lists them)."})
public final class EvaluateCommand implements Callable<Integer> {

    /** As {@link io.tidewatch.learners.evaluation.LogLoss}: one confident mistake costs about 34.5, not infinity. */
    private static final double LOG_LOSS_CLIP = 1e-15;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "CSV file; repeat to stream several files in order (e.g. a train then a test file).")
    List<Path> data = new ArrayList<>();

    @Option(names = "--target", required = true, paramLabel = "COLUMN",
            description = "Label column: a header name, or a 0-based index with --no-header.")
    String target;

    @Option(names = "--no-header", description = "The files have no header row; columns are 0-based indices.")
    boolean noHeader;

    @Option(names = "--learner", required = true, paramLabel = "NAME", description = "Learner name from the catalog.")
    String learner;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Learner parameter (repeatable).")
    List<String> params = new ArrayList<>();

    @Option(names = "--anomaly",
            description = "Run an anomaly detector: the target is a 0/1 label used for scoring only, never learned.")
    boolean anomaly;

    @Option(names = "--positive", paramLabel = "VALUE",
            description = "Binarize the target: VALUE is class 1 (positive), every other value class 0.")
    String positive;

    @Option(names = "--negative", paramLabel = "VALUE",
            description = "Binarize the target: VALUE is class 0 (e.g. normal), every other value class 1.")
    String negative;

    @Option(names = "--ignore", paramLabel = "COLUMN", description = "Column not to use as a feature (repeatable).")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--max-one-hot", paramLabel = "N", defaultValue = "100",
            description = "Text columns with at most N distinct values are one-hot encoded, others hashed (default ${DEFAULT-VALUE}).")
    int maxOneHot;

    @Option(names = "--hash-buckets", paramLabel = "N", defaultValue = "64",
            description = "Buckets for hashed text columns (default ${DEFAULT-VALUE}).")
    int hashBuckets;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "-1",
            description = "Examples in the JIT warm-up on a throw-away learner, cycling over the stream if more than it "
                    + "holds (default: the whole stream once; 0: none).")
    long warmup;

    @Option(names = "--json", description = "Print one JSON line instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (warmup < -1) {
            throw new IllegalArgumentException("--warmup " + warmup + ": expected a number of examples >= 0");
        }
        Params learnerParams = Params.parse(params);
        // Fail on a bad learner name or param before the (possibly long) read: build one on a dummy shape.
        if (anomaly) {
            LearnerCatalog.detector(learner, 1, learnerParams);
        } else {
            LearnerCatalog.classifier(learner, 1, 2, learnerParams);
        }
        Dataset.Spec ds = new Dataset.Spec();
        ds.files = data;
        ds.header = !noHeader;
        ds.target = target;
        ds.ignore = ignore;
        ds.positive = positive;
        ds.negative = negative;
        ds.maxOneHot = maxOneHot;
        ds.hashBuckets = hashBuckets;
        Dataset dataset = Dataset.load(ds);
        if (anomaly && !(dataset.numClasses() == 2 && (positive != null || negative != null
                || (dataset.classNames[0].equals("0") && dataset.classNames[1].equals("1"))))) {
            throw new IllegalArgumentException("--anomaly: target '" + dataset.targetName
                    + "' must be a 0/1 label (or binarized with --positive/--negative), found classes "
                    + java.util.Arrays.toString(dataset.classNames));
        }
        long warm = warmup == -1 ? dataset.size() : warmup;
        Report report = anomaly ? runDetector(dataset, warm) : runClassifier(dataset, warm);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? report.toJson() : report.toText());
        out.flush();
        return 0;
    }

    private Classifier newClassifier(Dataset d) {
        return LearnerCatalog.classifier(learner, d.numFeatures(), d.numClasses(), Params.parse(params));
    }

    private Report runClassifier(Dataset d, long warm) {
        int n = d.size();
        int k = d.numClasses();
        // Keep only what the metrics need, in primitive arrays: holding n probability arrays would make the
        // timed loop pay for garbage-collecting them.
        int[] predicted = new int[n];
        double[] trueClassProba = new double[n];
        double[] positiveProba = new double[n];
        // The warm-up runs the very method that is then timed, so the timed pass starts in compiled code.
        Classifier throwAway = newClassifier(d);
        for (long done = 0; done < warm; done += n) {
            classifierPass(throwAway, d, (int) Math.min(n, warm - done), predicted, trueClassProba, positiveProba);
        }
        Classifier model = newClassifier(d);
        long start = learnerClock();
        classifierPass(model, d, n, predicted, trueClassProba, positiveProba);
        long nanos = learnerClock() - start;

        ClassificationMetrics metrics = new ClassificationMetrics(k, Window.cumulative());
        RunningMean logLoss = new RunningMean(Window.cumulative());
        for (int i = 0; i < n; i++) {
            metrics.update(d.y[i], predicted[i]);
            logLoss.add(-Math.log(Math.min(1.0, Math.max(LOG_LOSS_CLIP, trueClassProba[i]))));
        }
        Report r = new Report(learner, n, d.numFeatures(), nanos);
        r.put("classes", k);
        r.put("accuracy", metrics.accuracy());
        r.put("kappa", metrics.kappa());
        r.put("macro_f1", metrics.macroF1());
        r.put("log_loss", logLoss.mean());
        if (k == 2) {
            boolean[] pos = new boolean[n];
            for (int i = 0; i < n; i++) {
                pos[i] = d.y[i] == 1;
            }
            r.put("precision", metrics.precision(1));
            r.put("recall", metrics.recall(1));
            r.put("f1", metrics.f1(1));
            r.put("auc", RankingMetrics.rocAuc(positiveProba, pos));
            r.put("average_precision", RankingMetrics.averagePrecision(positiveProba, pos));
        } else {
            r.put("auc", Double.NaN);
        }
        r.put("memory_bytes", model.memoryBytes());
        return r;
    }

    /**
     * CPU time of this thread, as MOA's EvaluatePrequential measures: on a shared machine wall time would count
     * the time other processes hold the core. Wall time where the JVM cannot tell thread CPU time.
     */
    private static long learnerClock() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Predicts, then learns, the first {@code count} examples; the timed unit of work. */
    private static void classifierPass(Classifier model, Dataset d, int count, int[] predicted,
            double[] trueClassProba, double[] positiveProba) {
        double[][] x = d.x;
        int[] y = d.y;
        for (int i = 0; i < count; i++) {
            double[] p = model.predictProba(x[i]);
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            predicted[i] = best;
            trueClassProba[i] = p[y[i]];
            positiveProba[i] = p[p.length - 1];
            model.learn(x[i], y[i]);
        }
    }

    private Report runDetector(Dataset d, long warm) {
        int n = d.size();
        double[] score = new double[n];
        Detector throwAway = LearnerCatalog.detector(learner, d.numFeatures(), Params.parse(params));
        for (long done = 0; done < warm; done += n) {
            detectorPass(throwAway, d, (int) Math.min(n, warm - done), score);
        }
        Detector model = LearnerCatalog.detector(learner, d.numFeatures(), Params.parse(params));
        long start = learnerClock();
        detectorPass(model, d, n, score);
        long nanos = learnerClock() - start;
        boolean[] pos = new boolean[n];
        for (int i = 0; i < n; i++) {
            pos[i] = d.y[i] == 1;
        }
        Report r = new Report(learner, n, d.numFeatures(), nanos);
        r.put("anomaly_rate", countTrue(pos) / (double) n);
        r.put("auc", RankingMetrics.rocAuc(score, pos));
        r.put("average_precision", RankingMetrics.averagePrecision(score, pos));
        r.put("memory_bytes", model.memoryBytes());
        return r;
    }

    /** Scores, then learns, the first {@code count} examples; labels are never shown to the detector. */
    private static void detectorPass(Detector model, Dataset d, int count, double[] score) {
        double[][] x = d.x;
        for (int i = 0; i < count; i++) {
            score[i] = model.score(x[i]);
            model.learn(x[i]);
        }
    }

    private static int countTrue(boolean[] b) {
        int c = 0;
        for (boolean v : b) {
            c += v ? 1 : 0;
        }
        return c;
    }
}
