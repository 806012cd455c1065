package io.netsec.training.model;

import io.netsec.core.model.ClassLinear;
import io.netsec.core.model.LinearModel;
import java.lang.reflect.Field;
import java.util.List;
import weka.classifiers.functions.Logistic;
import weka.core.Instances;
import weka.filters.Filter;

/**
 * Reads the coefficients of a trained Weka {@link Logistic} into a {@link LinearModel}.
 *
 * <p>Reflection is needed because the coefficients ({@code m_Par}) and the filter that drops
 * constant attributes ({@code m_AttFilter}) are not public. After training, {@code m_Par[k][0]}
 * holds the coefficients in original attribute units: row 0 the intercept, row k the k-th
 * attribute that survived the filter. Weka computes {@code v0 = m_Par[0][0] + sum m_Par[k][0] x_k}
 * for class 0 (benign) with {@code v1 = 0} for the last class (threat), and
 * {@code P(threat) = 1 / (exp(v0) + 1)}. So the portable margin is {@code -v0}, summed in the same
 * order; a removed (constant) attribute gets weight 0, which adds nothing. The scores are
 * bit-identical.
 *
 * <p>With K classes (attack families, class 0 benign, in Weka's own class order) Weka keeps
 * K - 1 coefficient vectors {@code m_Par[k][j]} for classes {@code j < K - 1}, computes
 * {@code v[j] = 0 + m_Par[0][j] + sum m_Par[k][j] x_k} and {@code v[K-1] = 0}, and
 * {@code p[m] = 1 / (sum over n < K-1 of exp(v[n] - v[m]) + exp(-v[m]))}: a
 * {@link ClassLinear} whose last row is zero, summed in the same order, so the classes keep
 * Weka's order and the probabilities are bit-identical.
 */
final class LogisticInternals {

    private static final Field COEFFICIENTS = field("m_Par");
    private static final Field ATTRIBUTE_FILTER = field("m_AttFilter");
    private static final Field NUM_CLASSES = field("m_NumClasses");

    private LogisticInternals() {
    }

    static LinearModel export(Logistic logistic, List<String> featureNames) {
        try {
            if (NUM_CLASSES.getInt(logistic) != 2) {
                throw new NotExportableException("the logistic model has " + NUM_CLASSES.getInt(logistic)
                        + " classes, expected 2");
            }
            double[][] coefficients = (double[][]) COEFFICIENTS.get(logistic);
            Instances kept = ((Filter) ATTRIBUTE_FILTER.get(logistic)).getOutputFormat();
            double[] weights = new double[featureNames.size()];
            int predictor = 1;
            for (int a = 0; a < kept.numAttributes(); a++) {
                if (a == kept.classIndex()) {
                    continue;
                }
                int feature = featureNames.indexOf(kept.attribute(a).name());
                if (feature < 0 || !kept.attribute(a).isNumeric()) {
                    throw new NotExportableException("the logistic model uses attribute '" + kept.attribute(a).name()
                            + "', which is not a numeric feature");
                }
                weights[feature] = -coefficients[predictor++][0];
            }
            if (predictor != coefficients.length) {
                throw new NotExportableException("the logistic model has " + (coefficients.length - 1)
                        + " coefficients for " + (predictor - 1) + " attributes");
            }
            return new LinearModel(weights, -coefficients[0][0]);
        } catch (IllegalAccessException e) {
            throw new NotExportableException("cannot read Weka's logistic internals", e);
        }
    }

    /** A Logistic trained on the K classes {@code classes}, as a {@link ClassLinear} (see the class comment). */
    static ClassLinear exportClasses(Logistic logistic, List<String> featureNames, List<String> classes) {
        try {
            int classCount = NUM_CLASSES.getInt(logistic);
            if (classCount != classes.size()) {
                throw new NotExportableException("the logistic model has " + classCount + " classes, expected "
                        + classes.size());
            }
            double[][] coefficients = (double[][]) COEFFICIENTS.get(logistic);
            Instances kept = ((Filter) ATTRIBUTE_FILTER.get(logistic)).getOutputFormat();
            double[][] weights = new double[classCount][featureNames.size()];
            double[] intercepts = new double[classCount];
            for (int j = 0; j < classCount - 1; j++) {
                intercepts[j] = coefficients[0][j];
            }
            int predictor = 1;
            for (int a = 0; a < kept.numAttributes(); a++) {
                if (a == kept.classIndex()) {
                    continue;
                }
                int feature = featureNames.indexOf(kept.attribute(a).name());
                if (feature < 0 || !kept.attribute(a).isNumeric()) {
                    throw new NotExportableException("the logistic model uses attribute '" + kept.attribute(a).name()
                            + "', which is not a numeric feature");
                }
                for (int j = 0; j < classCount - 1; j++) {
                    weights[j][feature] = coefficients[predictor][j];
                }
                predictor++;
            }
            if (predictor != coefficients.length) {
                throw new NotExportableException("the logistic model has " + (coefficients.length - 1)
                        + " coefficients for " + (predictor - 1) + " attributes");
            }
            return new ClassLinear(classes, weights, intercepts);
        } catch (IllegalAccessException e) {
            throw new NotExportableException("cannot read Weka's logistic internals", e);
        }
    }

    private static Field field(String name) {
        try {
            Field field = Logistic.class.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this Weka version has no Logistic." + name, e);
        }
    }
}
