package io.netsec.onnx;

import io.netsec.core.Detector;

/**
 * How an exported model's answers compare with netsec-core's on the same rows.
 *
 * @param rows              rows scored
 * @param differing         rows whose threat probability is not netsec's bit for bit
 * @param maxDifference     the largest |ONNX - netsec| threat probability
 * @param maxUlps           the largest difference in units in the last place of the model's
 *                          arithmetic (float for float32 ensembles, else double)
 * @param labelsDiffering   rows whose label is not netsec's
 * @param labelsNearThreshold of those, rows whose netsec probability is within maxDifference of the threshold
 * @param otherOutputsWrong rows whose class probabilities are not {@code 1 - p} and {@code p} of the ONNX threat probability
 */
record Agreement(int rows, int differing, double maxDifference, long maxUlps, int labelsDiffering, int labelsNearThreshold,
                 int otherOutputsWrong) {

    static Agreement of(Detector detector, double[] netsec, OnnxRuntimeScorer.Scores onnx, boolean float32) {
        int differing = 0;
        double maxDifference = 0;
        long maxUlps = 0;
        int labels = 0;
        int near = 0;
        int other = 0;
        for (int i = 0; i < netsec.length; i++) {
            double p = onnx.threatProbability()[i];
            if (Double.doubleToLongBits(p) != Double.doubleToLongBits(netsec[i])) {
                differing++;
                maxDifference = Math.max(maxDifference, Math.abs(p - netsec[i]));
                maxUlps = Math.max(maxUlps, float32
                        ? Math.abs((long) Float.floatToIntBits((float) p) - Float.floatToIntBits((float) netsec[i]))
                        : Math.abs(Double.doubleToLongBits(p) - Double.doubleToLongBits(netsec[i])));
            }
            if (!detector.predictionOf(netsec[i]).label().equals(onnx.label()[i])) {
                labels++;
            }
            if (Double.doubleToLongBits(onnx.benignProbability()[i]) != Double.doubleToLongBits(1 - p)
                    || Double.doubleToLongBits(onnx.threatProbabilityAgain()[i]) != Double.doubleToLongBits(p)) {
                other++;
            }
        }
        for (int i = 0; i < netsec.length; i++) {
            if (!detector.predictionOf(netsec[i]).label().equals(onnx.label()[i])
                    && Math.abs(netsec[i] - detector.threshold()) <= maxDifference) {
                near++;
            }
        }
        return new Agreement(netsec.length, differing, maxDifference, maxUlps, labels, near, other);
    }

    String describe() {
        return String.format("%,d rows: %d probabilities differ (max |diff| %.3g, %d ulp), %d labels differ"
                + " (%d within that of the threshold)", rows, differing, maxDifference, maxUlps, labelsDiffering,
                labelsNearThreshold);
    }
}
