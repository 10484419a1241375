package io.tidewatch.learners.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tidewatch.learners.ElecStream;
import io.tidewatch.learners.codec.ModelCodec;
import org.junit.jupiter.api.Test;

class NoChangeTest {

    @Test
    void predictsThePreviousLabel() {
        NoChange nc = new NoChange(3);
        double[] x = {1};
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, nc.predictProba(x), 0);
        nc.learn(x, 2);
        assertEquals(2, nc.predict(x));
        nc.learn(x, 0);
        assertArrayEquals(new double[] {1, 0, 0}, nc.predictProba(x), 0);
        assertThrows(IllegalArgumentException.class, () -> nc.learn(x, 3));
    }

    @Test
    void roundTripsThroughTheCodec() {
        NoChange nc = new NoChange(2);
        nc.learn(new double[0], 1);
        NoChange copy = ModelCodec.decode(ModelCodec.encode(nc), NoChange.class);
        assertEquals(1, copy.predict(new double[0]));
        assertEquals(1, copy.examplesSeen());
    }

    @Test
    void elecIsTheKnownBaseline() throws Exception {
        ElecStream elec = ElecStream.loadOrSkip();
        NoChange nc = new NoChange(2);
        int correct = 0;
        for (int i = 0; i < elec.y.length; i++) {
            correct += nc.predict(elec.x[i]) == elec.y[i] ? 1 : 0;
            nc.learn(elec.x[i], elec.y[i]);
        }
        assertEquals(85.33, 100.0 * correct / elec.y.length, 0.005);
    }
}
