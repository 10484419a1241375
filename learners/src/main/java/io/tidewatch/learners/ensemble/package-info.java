/** Ensembles of online learners: {@link io.tidewatch.learners.ensemble.AdaptiveRandomForest}. */
package io.tidewatch.learners.ensemble;
