/**
 * What the demo observed, told twice: as compact tables for the terminal ({@link io.tidewatch.cli.report.TerminalSummary})
 * and as one self-contained HTML page with charts ({@link io.tidewatch.cli.report.HtmlReport}).
 *
 * <p>The input is {@link io.tidewatch.cli.report.DemoResults}, plain immutable records with no Kafka types, so the
 * pipeline that runs the demo and this package meet at one small, testable seam. Detection quality is computed once,
 * in {@link io.tidewatch.cli.report.DetectionQuality}, with the learners' evaluation package, and both renderings
 * read it from there so the terminal and the page never disagree.
 */
package io.tidewatch.cli.report;
