/**
 * {@code tidewatch evaluate}: progressive validation of any catalog learner on CSV files, for accuracy and speed
 * figures comparable with MOA's and River's. Example, NSL-KDD train then test, label column 41 binarized:
 * <pre>
 * ./tidewatch evaluate --data KDDTrain+_20Percent.txt --data KDDTest+.txt --no-header \
 *     --target 41 --negative normal --ignore 42 --learner logistic-regression --json
 * </pre>
 * The files are parsed and encoded before any learner runs; instances/s counts learner calls only (thread CPU
 * time of a pass that follows a warm-up pass of the same code on a throw-away learner).
 */
package io.tidewatch.cli.evaluate;
