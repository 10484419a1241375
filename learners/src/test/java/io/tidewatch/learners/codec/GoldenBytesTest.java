package io.tidewatch.learners.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The encoded bytes of every model kind are pinned by files written before any refactoring of the codecs: each
 * decodes and re-encodes to exactly its bytes, and the models whose training is exact on every platform also
 * encode to them when trained afresh. The second check is the one that sees a change made alike to a writer and
 * its reader (two arrays swapped on both sides re-encode unchanged).
 */
class GoldenBytesTest {

    /**
     * Models whose training uses only IEEE arithmetic, sqrt, java.util.Random and StrictMath, so a fresh one is
     * bit-identical on every platform; the others pass through Math.exp or Math.log, which may differ in the last
     * bit between CPUs.
     */
    private static final List<String> PLATFORM_EXACT = List.of("standard-scaler", "min-max-scaler", "log1p",
            "feature-hasher", "no-change", "gaussian-naive-bayes", "half-space-trees-buffering", "half-space-trees",
            "loda-buffering", "loda", "autoencoder-ensemble-grace", "autoencoder-ensemble", "pipeline-detector",
            "pipeline-classifier");

    static byte[] golden(String name) throws IOException {
        try (InputStream in = GoldenBytesTest.class.getResourceAsStream("golden/" + name + ".twm")) {
            assertNotNull(in, "golden file " + name + ".twm is missing; write it with GoldenModels.main");
            return in.readAllBytes();
        }
    }

    @TestFactory
    List<DynamicTest> goldenBytesDecodeAndReencodeUnchanged() {
        return GoldenModels.all().keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            byte[] bytes = golden(name);
            Encodable model = ModelCodec.decode(bytes);
            assertTrue(name.startsWith(model.kind()), name + " decodes as kind " + model.kind());
            assertArrayEquals(bytes, ModelCodec.encode(model), name + ": re-encoded bytes differ from the golden file");
        })).toList();
    }

    @TestFactory
    List<DynamicTest> exactModelsTrainedAfreshEncodeToTheGoldenBytes() {
        return PLATFORM_EXACT.stream().map(name -> DynamicTest.dynamicTest(name, () ->
                assertArrayEquals(golden(name), ModelCodec.encode(GoldenModels.all().get(name).get()),
                        name + ": encoding differs from the golden file"))).toList();
    }

    @Test
    void everyKnownKindHasAGoldenFile() throws IOException {
        Set<String> covered = new TreeSet<>();
        for (String name : GoldenModels.all().keySet()) {
            covered.add(ModelCodec.decode(golden(name)).kind());
        }
        assertEquals(new TreeSet<>(ModelCodec.kinds()), covered,
                "add a model of each new kind to GoldenModels and write its golden file");
    }
}
