package io.tidewatch.learners.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.linear.LogisticRegression;
import io.tidewatch.learners.model.Classifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassifierCatalogTest {

    @Test
    void namesBuildTheirClassifiers() {
        for (String name : List.of("naive-bayes", "logistic-regression", "no-change")) {
            Classifier c = LearnerCatalog.classifier(name, 3, 2, Params.none());
            assertEquals(2, c.predictProba(new double[] {1, 2, 3}).length, name);
        }
        Classifier lr = LearnerCatalog.classifier("logistic-regression", 2, 3,
                new Params(Map.of("alpha", "0.1", "l2", "0.01", "standardize", "false")));
        assertTrue(lr instanceof LogisticRegression);
    }

    @Test
    void unknownParamsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearnerCatalog.classifier("naive-bayes", 3, 2, new Params(Map.of("trees", "10"))));
        assertTrue(e.getMessage().contains("trees"), e.getMessage());
    }
}
