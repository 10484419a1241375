package io.tidewatch.learners.model;

/** An online classifier over classes {@code 0 .. numClasses()-1}: {@code predictProba} then {@code learn}. */
public interface Classifier extends Learner {

    /** Class probabilities for {@code x}, length {@link #numClasses()}, summing to 1; does not change the model. */
    double[] predictProba(double[] x);

    /** Updates the model with the labelled example ({@code x}, {@code y}). */
    void learn(double[] x, int y);

    /** Learns with an importance weight (online bagging uses this); the default repeats an integer weight. */
    default void learn(double[] x, int y, double weight) {
        for (int i = 0; i < (int) Math.round(weight); i++) {
            learn(x, y);
        }
    }

    int numClasses();

    /** The most probable class. */
    default int predict(double[] x) {
        double[] p = predictProba(x);
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
