package io.tidewatch.cli.demo;

import com.google.protobuf.ByteString;
import io.tidewatch.cli.report.Alert;
import io.tidewatch.cli.report.DemoResults;
import io.tidewatch.cli.report.DriftEvent;
import io.tidewatch.cli.report.GroundTruth;
import io.tidewatch.cli.report.LearningPoint;
import io.tidewatch.cli.report.ObservedFlow;
import io.tidewatch.cli.report.Throughput;
import io.tidewatch.proto.v1.Contribution;
import io.tidewatch.proto.v1.DetectorScore;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ScoredFlow;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what the {@link PipelineObserver} read into the report's {@link DemoResults}: each scored flow joined with
 * its ground truth (by Community ID and start time) when labels are known, the model-metrics records as the
 * learning curve and drift events. Records the report cannot show (a score outside [0, 1]) are counted, not shown.
 */
final class ObservedResults {

    /** Reasons kept per flow, most important first. */
    static final int REASONS = 3;

    private long rejected;

    /** Flows that could not be shown, with why, so far. */
    long rejected() {
        return rejected;
    }

    DemoResults build(String title, List<ScoredFlow> scored, List<String> alertDocuments, List<ModelMetrics> metrics,
            Optional<GroundTruthIndex> truth, Throughput throughput, double alertThreshold) {
        List<ObservedFlow> flows = new ArrayList<>(scored.size());
        long burnIn = 0;
        for (ScoredFlow s : scored) {
            try {
                ObservedFlow f = flow(s, truth);
                flows.add(f);
                if (f.burnIn()) {
                    burnIn++;
                }
            } catch (IllegalArgumentException e) {
                rejected++;
            }
        }
        List<LearningPoint> curve = new ArrayList<>();
        List<DriftEvent> drift = new ArrayList<>();
        for (ModelMetrics m : metrics) {
            if (m.getModelId().startsWith(io.tidewatch.streams.scoring.ScoringProcessor.UNSUPERVISED_PREFIX)) {
                // The scorers' score-distribution drift events share the topic; this view is the supervised model's.
                continue;
            }
            try {
                if (m.hasDrift()) {
                    drift.add(new DriftEvent(Math.max(0, m.getAtMs()), m.getExamples(),
                            m.getDrift().getDetector() + " on " + m.getDrift().getSignal(), "drift",
                            m.getDrift().getAction()));
                } else {
                    curve.add(point(m));
                }
            } catch (IllegalArgumentException e) {
                rejected++;
            }
        }
        AlertDocuments alerts = new AlertDocuments();
        List<Alert> shown = alerts.read(alertDocuments, truth);
        rejected += alerts.skipped();
        return new DemoResults(title, flows, shown, curve, drift, throughput, alertThreshold, burnIn);
    }

    static ObservedFlow flow(ScoredFlow s, Optional<GroundTruthIndex> truth) {
        FlowRecord r = s.getFlow();
        Map<String, Double> detectors = new LinkedHashMap<>();
        for (DetectorScore d : s.getDetectorScoresList()) {
            detectors.put(d.getDetector(), d.getCalibrated());
        }
        List<String> reasons = new ArrayList<>();
        for (Contribution c : s.getReasonsList()) {
            if (reasons.size() == REASONS) {
                break;
            }
            reasons.add(c.getText().isBlank() ? c.getFeature() : c.getText());
        }
        String communityId = r.getFlow().getCommunityId();
        Optional<GroundTruth> t = truth.flatMap(index -> index.lookup(communityId, r.getStartNs()));
        return new ObservedFlow(r.getStartNs() / 1_000_000L, r.getFlowId(), communityId, ip(r.getOriginator().getIp()),
                ip(r.getResponder().getIp()), r.getResponder().getPort(), protocol(r.getFlow().getIpProtocol()),
                s.getScore(), detectors, s.getBurnIn(), t, reasons);
    }

    private static LearningPoint point(ModelMetrics m) {
        Map<String, Double> c = m.getCumulativeMap();
        return new LearningPoint(m.getExamples(), metric(c, "accuracy"), metric(c, "precision"), metric(c, "recall"),
                metric(c, "f1"), metric(c, "roc_auc", "auc"), c.getOrDefault("kappa", Double.NaN), m.getVersion());
    }

    private static double metric(Map<String, Double> values, String... names) {
        for (String n : names) {
            Double v = values.get(n);
            if (v != null) {
                return v;
            }
        }
        return Double.NaN;
    }

    static String ip(ByteString bytes) {
        if (bytes.size() != 4 && bytes.size() != 16) {
            return "?";
        }
        try {
            return InetAddress.getByAddress(bytes.toByteArray()).getHostAddress();
        } catch (UnknownHostException e) {
            return "?";
        }
    }

    static String protocol(int number) {
        return switch (number) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            case 58 -> "ipv6-icmp";
            case 132 -> "sctp";
            default -> Integer.toString(number);
        };
    }
}
