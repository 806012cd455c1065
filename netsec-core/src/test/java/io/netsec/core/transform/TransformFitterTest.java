package io.netsec.core.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.netsec.core.data.Dataset;
import io.netsec.core.testing.TinyModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformFitterTest {

    @Test
    void oneHotEncodesCategoriesAndImputesTheTrainingMedian() throws Exception {
        Dataset data = TinyModels.dataset();
        FittedTransform transform = TransformFitter.fit(data, new int[] {0, 1, 2, 3, 4, 5}, TransformOptions.DEFAULTS);
        assertEquals(List.of("bytes", "proto=tcp", "proto=udp", "proto=icmp", "service=http", "service=dns", "service=ftp"),
                transform.outputNames());
        // row c: bytes missing -> median of {10, 20, 900, 800, 700} = 700
        assertArrayEquals(new double[] {700, 1, 0, 0, 1, 0, 0}, transform.apply(data.rows()[2]));
        // row f: proto missing -> most frequent 'tcp'
        assertArrayEquals(new double[] {700, 1, 0, 0, 1, 0, 0}, transform.apply(data.rows()[5]));
    }

    @Test
    void fitsOnTrainingRowsOnly() throws Exception {
        Dataset data = TinyModels.dataset();
        FittedTransform onFirstTwo = TransformFitter.fit(data, new int[] {0, 1}, TransformOptions.DEFAULTS);
        FittedTransform onAll = TransformFitter.fit(data, new int[] {0, 1, 2, 3, 4, 5}, TransformOptions.DEFAULTS);
        assertEquals(15.0, onFirstTwo.columns().get(0).fill(), "median of 10 and 20 only");
        assertNotEquals(onFirstTwo.columns().get(0).fill(), onAll.columns().get(0).fill());
    }

    @Test
    void unknownCategoryBecomesAllZerosInOneHotAndTheFillInOrdinal() throws Exception {
        Dataset data = TinyModels.dataset();
        int[] all = {0, 1, 2, 3, 4, 5};
        double[] raw = {5, 0, -1}; // bytes 5, proto tcp, service never seen
        FittedTransform oneHot = TransformFitter.fit(data, all, TransformOptions.DEFAULTS);
        assertArrayEquals(new double[] {5, 1, 0, 0, 0, 0, 0}, oneHot.apply(raw));
        FittedTransform ordinal = TransformFitter.fit(data, all, TransformOptions.DEFAULTS.withEncoding(TransformOptions.Encoding.ORDINAL));
        double serviceFill = ordinal.columns().get(2).fill();
        assertArrayEquals(new double[] {5, 0, serviceFill}, ordinal.apply(raw));
    }

    @Test
    void standardScalingUsesTrainingMeanAndDeviation() throws Exception {
        Dataset data = TinyModels.dataset();
        FittedTransform scaled = TransformFitter.fit(data, new int[] {0, 1},
                TransformOptions.DEFAULTS.withScaling(TransformOptions.Scaling.STANDARD));
        FittedColumn bytes = scaled.columns().get(0);
        assertEquals(15, bytes.center(), 1e-12);
        assertEquals(5, bytes.scale(), 1e-12, "population sd of 10 and 20");
        assertEquals(1.0, scaled.apply(new double[] {20, 0, 0})[0], 1e-12);
    }

    @Test
    void knnImputationTakesTheMeanOfTheNearestTrainingRows() throws Exception {
        Dataset data = TinyModels.dataset();
        TransformOptions knn = TransformOptions.DEFAULTS.withImputation(TransformOptions.Imputation.KNN,
                TransformOptions.Imputation.KNN);
        knn = new TransformOptions(knn.numericImputation(), knn.categoricalImputation(), knn.encoding(), knn.scaling(), 2, 100);
        FittedTransform transform = TransformFitter.fit(data, new int[] {0, 1, 2, 3, 4, 5}, knn);
        // proto=icmp (code 2), service=ftp (code 2): nearest rows with bytes are d (900, icmp, ftp) and e (800, tcp, ftp)
        double[] filled = transform.apply(new double[] {Double.NaN, 2, 2});
        assertEquals(850, filled[0], 1e-12);
    }
}
