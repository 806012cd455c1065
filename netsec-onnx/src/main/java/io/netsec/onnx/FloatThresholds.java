package io.netsec.onnx;

/**
 * A float comparison as a double one: {@code (float) x < t} holds exactly when
 * {@code x < asDouble(t)}, for every double {@code x} (NaN included: neither holds). Rounding to
 * float never decreases as {@code x} grows, so the floats below {@code t} are those of the
 * doubles below the smallest double that rounds to {@code t} or above.
 */
final class FloatThresholds {

    private FloatThresholds() {
    }

    /** The smallest double whose float is at least {@code threshold} (not NaN). */
    static double asDouble(float threshold) {
        if (threshold == Float.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        // The doubles that round to the threshold start at the midpoint between it and the float
        // below (exact in double: floats have 24 bits); the midpoint itself rounds to the one of
        // the two whose last bit is 0. Beyond the largest float, the next power of two stands in
        // for the infinity it rounds to.
        double beyond = (double) Float.MAX_VALUE + Math.ulp(Float.MAX_VALUE);
        double upper = threshold == Float.POSITIVE_INFINITY ? beyond : threshold;
        double lower = threshold == -Float.MAX_VALUE ? -beyond : Math.nextDown(threshold);
        double midpoint = (lower + upper) / 2;
        double candidate = (float) midpoint >= threshold ? midpoint : Math.nextUp(midpoint);
        // -0.0f and 0.0f compare equal: the doubles that round to -0.0f count for a threshold 0
        while ((float) Math.nextDown(candidate) >= threshold) {
            candidate = Math.nextDown(candidate);
        }
        return candidate;
    }
}
