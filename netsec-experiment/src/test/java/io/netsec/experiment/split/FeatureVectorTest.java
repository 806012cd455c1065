package io.netsec.experiment.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureVectorTest {

    @Test
    void equalVectorsHashEquallyWithMissingValuesEqualToEachOther() {
        FeatureVector a = new FeatureVector(new double[] {1, -1, Double.NaN, 0});
        FeatureVector b = new FeatureVector(new double[] {1, -1, Double.NaN, 0});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new FeatureVector(new double[] {1, -1, 0, 0}));
    }

    @Test
    void codedVectorsSpreadOverAlmostAsManyHashValuesAsThereAreVectors() {
        // Every vector of 10 features coded -1, 0, 1 (59,049 of them), as the phishing data is coded.
        // Arrays.hashCode gave them 4,096 values at most (each a multiple of 2^20): a HashMap of a
        // million such rows went quadratic.
        int features = 10;
        int vectors = (int) Math.pow(3, features);
        Set<Integer> hashes = new HashSet<>();
        for (int code = 0; code < vectors; code++) {
            double[] values = new double[features];
            int rest = code;
            for (int f = 0; f < features; f++) {
                values[f] = rest % 3 - 1;
                rest /= 3;
            }
            hashes.add(new FeatureVector(values).hashCode());
        }
        assertTrue(hashes.size() > vectors * 0.99, hashes.size() + " distinct hash values for " + vectors + " vectors");
    }
}
