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
 * decodes and re-encodes to exactly its bytes, and the models whose state is plain IEEE arithmetic (no exp or log,
 * which may differ in the last bit between platforms) also encode to them when trained afresh.
 */
class GoldenBytesTest {

    /** Models whose training is +, -, *, / only, so a fresh one is bit-identical on every platform. */
    private static final List<String> ARITHMETIC = List.of("standard-scaler", "min-max-scaler", "log1p",
            "feature-hasher", "no-change", "gaussian-naive-bayes");

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
    List<DynamicTest> arithmeticModelsTrainedAfreshEncodeToTheGoldenBytes() {
        return ARITHMETIC.stream().map(name -> DynamicTest.dynamicTest(name, () ->
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
