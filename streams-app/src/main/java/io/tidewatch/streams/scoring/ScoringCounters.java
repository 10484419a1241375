package io.tidewatch.streams.scoring;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the scoring and alert stages, shared by every task of a process (for metrics and the demo). */
public final class ScoringCounters {

    public final LongAdder flowsScored = new LongAdder();
    public final LongAdder burnInFlows = new LongAdder();
    /** Flows without a usable feature vector (absent, unknown feature set, wrong length): passed on unscored. */
    public final LongAdder unscorable = new LongAdder();
    /** Non-finite feature values replaced by 0 before scoring. */
    public final LongAdder nonFiniteValues = new LongAdder();
    public final LongAdder checkpoints = new LongAdder();
    public final LongAdder checkpointBytes = new LongAdder();
    public final LongAdder modelsRestored = new LongAdder();
    public final LongAdder supervisedBlended = new LongAdder();
    public final LongAdder supervisedDecodeFailures = new LongAdder();
    public final LongAdder alertsRaised = new LongAdder();
    public final LongAdder alertsSuppressed = new LongAdder();
    public final LongAdder alertSummaries = new LongAdder();
    /** Score-distribution drifts detected (each one restarted a model's calibration). */
    public final LongAdder scoreDriftEvents = new LongAdder();
    /** Models published to and seeded from the models topic. */
    public final io.tidewatch.streams.scoring.exchange.ModelExchange.Counters exchange =
            new io.tidewatch.streams.scoring.exchange.ModelExchange.Counters();
}
