package io.tidewatch.learners.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewatch.learners.ensemble.AdaptiveRandomForest;
import io.tidewatch.learners.model.Classifier;
import io.tidewatch.learners.tree.HoeffdingAdaptiveTree;
import io.tidewatch.learners.tree.HoeffdingTree;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeLearnersInCatalogTest {

    @Test
    void treeLearnersAreClassifiersWithTheirParams() {
        HoeffdingTree ht = assertInstanceOf(HoeffdingTree.class, LearnerCatalog.classifier("hoeffding-tree", 6, 2,
                Params.parse(List.of("grace-period=100", "split-confidence=1e-5", "tie-threshold=0.1"))));
        assertEquals(100, ht.options().gracePeriod());
        assertEquals(1e-5, ht.options().splitConfidence());
        assertEquals(0.1, ht.options().tieThreshold());
        assertInstanceOf(HoeffdingAdaptiveTree.class,
                LearnerCatalog.classifier("hoeffding-adaptive-tree", 6, 2, Params.none()));
        Classifier arf = LearnerCatalog.classifier("adaptive-random-forest", 6, 2,
                Params.parse(List.of("trees=4", "seed=9", "lambda=3", "subspace=2")));
        assertEquals(4, assertInstanceOf(AdaptiveRandomForest.class, arf).numTrees());
    }

    @Test
    void unknownOrBadParamsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearnerCatalog.classifier("adaptive-random-forest", 6, 2, Params.parse(List.of("tress=4"))));
        assertTrue(e.getMessage().contains("tress"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LearnerCatalog.classifier("hoeffding-tree", 6, 2, Params.parse(List.of("grace-period=0"))));
        assertTrue(e.getMessage().contains("grace-period 0"), e.getMessage());
    }
}
