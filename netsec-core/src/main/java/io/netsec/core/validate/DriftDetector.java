package io.netsec.core.validate;

import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.DriftSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Compares the feature distributions of a current data set with a reference, the way Evidently
 * does by default. While the reference has at most {@link DriftSettings#smallReferenceRows()}
 * rows, statistical tests decide (two-sample Kolmogorov-Smirnov for numeric columns, chi-squared
 * for categorical ones and for numeric columns with at most {@value #FEW_VALUES} distinct values);
 * beyond that, distances do (normed Wasserstein for numeric, Jensen-Shannon for categorical),
 * since with many rows every test finds a negligible difference significant. Each column also
 * gets its population stability index. The data set drifts when at least
 * {@link DriftSettings#datasetDriftShare()} of its columns drift.
 *
 * <pre>{@code
 * DriftReport report = new DriftDetector().compare(
 *         DataProfile.of(referenceSource, schema), DataProfile.of(currentSource, schema), schema.drift());
 * if (report.datasetDrift()) { ... }
 * }</pre>
 */
public final class DriftDetector {

    public static final String KS = "kolmogorov_smirnov";
    public static final String CHI_SQUARED = "chi_squared";
    public static final String WASSERSTEIN = "wasserstein_normed";
    public static final String JENSEN_SHANNON = "jensen_shannon";
    public static final String NONE = "none";

    /** Numeric columns with at most this many distinct values are compared as categories (Evidently's rule). */
    public static final int FEW_VALUES = 5;

    /** Evidently's floor for the reference's standard deviation, so a constant column does not divide by zero. */
    private static final double MIN_STD = 0.001;

    /** Evidently's floor for an empty bin's share in the PSI, so the logarithm stays finite. */
    private static final double MIN_SHARE = 0.0001;

    private static final int PSI_BINS = 10;

    /** Streams both sources once and compares them; {@code settings} null means the schema's. */
    public DriftReport detect(RecordSource reference, RecordSource current, DataSchema schema, DriftSettings settings)
            throws IOException {
        return compare(DataProfile.of(reference, schema), DataProfile.of(current, schema),
                settings == null ? schema.drift() : settings);
    }

    /** Compares two profiles column by column (columns missing from either side are left out). */
    public DriftReport compare(DataProfile reference, DataProfile current, DriftSettings settings) {
        boolean tests = reference.rows() <= settings.smallReferenceRows();
        List<ColumnDrift> columns = new ArrayList<>();
        for (ColumnDistribution ref : reference.columns()) {
            ColumnDistribution cur = current.column(ref.column());
            if (cur != null) {
                columns.add(compareColumn(ref, cur, tests, settings));
            }
        }
        int drifted = (int) columns.stream().filter(ColumnDrift::drift).count();
        double share = columns.isEmpty() ? 0 : (double) drifted / columns.size();
        return new DriftReport(reference.source(), current.source(), reference.rows(), current.rows(),
                tests ? "statistical_tests" : "distances", columns, drifted, share, settings.datasetDriftShare(),
                !columns.isEmpty() && share >= settings.datasetDriftShare());
    }

    private ColumnDrift compareColumn(ColumnDistribution ref, ColumnDistribution cur, boolean tests,
                                      DriftSettings settings) {
        long refTotal = ref.total();
        long curTotal = cur.total();
        if (refTotal == 0 || curTotal == 0) {
            // Nothing to compare: say so rather than report NaN.
            return new ColumnDrift(ref.column(), NONE, 0, null, 0, false, 0, false, refTotal, curTotal);
        }
        // Either side alone having more than FEW_VALUES values makes the union larger too.
        boolean categorical = !ref.numeric()
                || (ref.distinct() <= FEW_VALUES && cur.distinct() <= FEW_VALUES && align(ref, cur).size() <= FEW_VALUES);
        Aligned aligned = categorical ? align(ref, cur) : null;
        double psi = categorical ? psi(aligned.reference, aligned.current) : numericPsi(ref, cur);
        boolean psiShift = psi >= settings.psiThreshold();
        if (categorical && tests) {
            double[] result = chiSquared(aligned);
            return new ColumnDrift(ref.column(), CHI_SQUARED, result[0], result[1], settings.pValue(),
                    result[1] < settings.pValue(), psi, psiShift, refTotal, curTotal);
        }
        if (categorical) {
            double distance = jensenShannon(aligned.reference, aligned.current);
            return new ColumnDrift(ref.column(), JENSEN_SHANNON, distance, null, settings.jensenShannonThreshold(),
                    distance >= settings.jensenShannonThreshold(), psi, psiShift, refTotal, curTotal);
        }
        if (tests && Math.min(refTotal, curTotal) < 2) {
            // Commons Math's KS test needs two values on each side; one value is no evidence of drift.
            return new ColumnDrift(ref.column(), NONE, 0, null, 0, false, psi, psiShift, refTotal, curTotal);
        }
        if (tests) {
            double[] x = expand(ref);
            double[] y = expand(cur);
            // Seeded, so the jitter Commons Math adds to break ties in small samples is repeatable.
            KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest(new Well19937c(20_240_601));
            double d = ks.kolmogorovSmirnovStatistic(x, y);
            double p = clampP(ks.kolmogorovSmirnovTest(x, y));
            return new ColumnDrift(ref.column(), KS, d, p, settings.pValue(), p < settings.pValue(),
                    psi, psiShift, refTotal, curTotal);
        }
        double distance = normedWasserstein(ref, cur);
        return new ColumnDrift(ref.column(), WASSERSTEIN, distance, null, settings.wassersteinThreshold(),
                distance >= settings.wassersteinThreshold(), psi, psiShift, refTotal, curTotal);
    }

    /** Chi-squared statistic and p-value of the 2 x k table of counts; one category is no evidence of drift. */
    private static double[] chiSquared(Aligned aligned) {
        if (aligned.size() < 2) {
            return new double[] {0, 1};
        }
        ChiSquareTest test = new ChiSquareTest();
        double statistic = test.chiSquareDataSetsComparison(aligned.reference, aligned.current);
        double p = clampP(test.chiSquareTestDataSetsComparison(aligned.reference, aligned.current));
        return new double[] {statistic, p};
    }

    private static double clampP(double p) {
        return Double.isNaN(p) ? 1 : Math.max(0, Math.min(1, p));
    }

    /**
     * Wasserstein-1 distance between the two empirical distributions divided by the reference's
     * standard deviation (floored at 0.001, as Evidently does). Commons Math 3 has no Wasserstein
     * distance, so it is computed here as the area between the two cumulative distribution
     * functions, exactly, from the sorted distinct values.
     */
    static double normedWasserstein(ColumnDistribution ref, ColumnDistribution cur) {
        double[] rv = ref.values();
        long[] rc = ref.counts();
        double[] cv = cur.values();
        long[] cc = cur.counts();
        double rTotal = ref.total();
        double cTotal = cur.total();
        int i = 0;
        int j = 0;
        double rCdf = 0;
        double cCdf = 0;
        double area = 0;
        double previous = Math.min(rv[0], cv[0]);
        while (i < rv.length || j < cv.length) {
            double next = j >= cv.length || (i < rv.length && rv[i] <= cv[j]) ? rv[i] : cv[j];
            area += Math.abs(rCdf - cCdf) * (next - previous);
            while (i < rv.length && rv[i] == next) {
                rCdf += rc[i++] / rTotal;
            }
            while (j < cv.length && cv[j] == next) {
                cCdf += cc[j++] / cTotal;
            }
            previous = next;
        }
        double[] weights = Arrays.stream(rc).asDoubleStream().toArray();
        double std = rv.length < 2 ? 0 : Math.sqrt(new Variance(false).evaluate(rv, weights));
        return area / Math.max(std, MIN_STD);
    }

    /**
     * Jensen-Shannon distance (the square root of the divergence, natural logarithm, as SciPy's
     * {@code jensenshannon} that Evidently calls) between two count vectors over the same
     * categories. Commons Math 3 has no Jensen-Shannon measure, so it is written out here.
     */
    static double jensenShannon(long[] reference, long[] current) {
        double p = Arrays.stream(reference).sum();
        double q = Arrays.stream(current).sum();
        double divergence = 0;
        for (int k = 0; k < reference.length; k++) {
            double pk = reference[k] / p;
            double qk = current[k] / q;
            double mk = (pk + qk) / 2;
            if (pk > 0) {
                divergence += pk * Math.log(pk / mk) / 2;
            }
            if (qk > 0) {
                divergence += qk * Math.log(qk / mk) / 2;
            }
        }
        return Math.sqrt(Math.max(0, divergence));
    }

    /**
     * Population stability index over aligned bins: sum of (current share - reference share) x
     * ln(current share / reference share), empty bins floored at 0.0001 share. A closed formula,
     * not in Commons Math.
     */
    static double psi(long[] reference, long[] current) {
        double p = Arrays.stream(reference).sum();
        double q = Arrays.stream(current).sum();
        double psi = 0;
        for (int k = 0; k < reference.length; k++) {
            double r = Math.max(reference[k] / p, MIN_SHARE);
            double c = Math.max(current[k] / q, MIN_SHARE);
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }

    /** PSI of a numeric column over bins cut at the reference's deciles. */
    private static double numericPsi(ColumnDistribution ref, ColumnDistribution cur) {
        double[] edges = decileEdges(ref);
        return psi(binCounts(ref, edges), binCounts(cur, edges));
    }

    /** Distinct upper edges of the reference's deciles; the last bin takes everything above. */
    private static double[] decileEdges(ColumnDistribution ref) {
        double[] values = ref.values();
        long[] counts = ref.counts();
        long total = ref.total();
        TreeSet<Double> edges = new TreeSet<>();
        long cumulative = 0;
        int k = 1;
        for (int i = 0; i < values.length && k < PSI_BINS; i++) {
            cumulative += counts[i];
            while (k < PSI_BINS && cumulative >= (double) total * k / PSI_BINS) {
                edges.add(values[i]);
                k++;
            }
        }
        return edges.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long[] binCounts(ColumnDistribution distribution, double[] edges) {
        long[] bins = new long[edges.length + 1];
        double[] values = distribution.values();
        long[] counts = distribution.counts();
        for (int i = 0; i < values.length; i++) {
            int position = Arrays.binarySearch(edges, values[i]);
            bins[position >= 0 ? position : -position - 1] += counts[i];
        }
        return bins;
    }

    private static double[] expand(ColumnDistribution distribution) {
        double[] values = distribution.values();
        long[] counts = distribution.counts();
        double[] all = new double[Math.toIntExact(distribution.total())];
        int at = 0;
        for (int i = 0; i < values.length; i++) {
            Arrays.fill(all, at, at + (int) counts[i], values[i]);
            at += (int) counts[i];
        }
        return all;
    }

    /** The counts of both sides over the union of their values or categories. */
    private static Aligned align(ColumnDistribution ref, ColumnDistribution cur) {
        TreeSet<Object> keys = new TreeSet<>();
        keys.addAll(keysOf(ref));
        keys.addAll(keysOf(cur));
        List<Object> union = new ArrayList<>(keys);
        return new Aligned(countsOver(ref, union), countsOver(cur, union));
    }

    private static List<Object> keysOf(ColumnDistribution distribution) {
        return distribution.numeric()
                ? Arrays.stream(distribution.values()).boxed().map(Object.class::cast).toList()
                : List.copyOf(distribution.categories());
    }

    private static long[] countsOver(ColumnDistribution distribution, List<Object> union) {
        List<Object> keys = keysOf(distribution);
        long[] counts = distribution.counts();
        long[] aligned = new long[union.size()];
        int u = 0;
        for (int i = 0; i < keys.size(); i++) {
            while (!union.get(u).equals(keys.get(i))) {
                u++;
            }
            aligned[u] = counts[i];
        }
        return aligned;
    }

    private record Aligned(long[] reference, long[] current) {
        int size() {
            return reference.length;
        }
    }
}
