/**
 * Incremental decision trees for numeric attributes: {@link io.tidewatch.learners.tree.HoeffdingTree} (VFDT) and
 * {@link io.tidewatch.learners.tree.HoeffdingAdaptiveTree}, with MOA 2024.07.0's defaults and decision rules so that
 * accuracy is comparable, plus the seeded generator ({@link io.tidewatch.learners.tree.StreamRandom}) they and the
 * forest draw from.
 */
package io.tidewatch.learners.tree;
