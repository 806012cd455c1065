package io.netsec.core.model;

import java.util.List;

/**
 * A model that tells the classes apart, not only threat from benign: attack families
 * ({@code dos}, {@code probe}, ...) after the benign class. Class 0 is always the benign class;
 * classes 1 to {@code classCount() - 1} are threat classes. As a {@link PortableModel} it answers
 * the threat probability {@code 1 - classProbabilities(x)[0]}, so every binary path (threshold,
 * metrics, the threat column) scores a family model unchanged.
 *
 * <pre>{@code
 * ClassModel model = (ClassModel) bundle.model();
 * double[] p = model.classProbabilities(x);     // p[0] benign, p[1..] each family; sums to 1
 * String family = model.classNames().get(1);
 * }</pre>
 *
 * <p>{@link #explain} explains the threat probability: for margins and softmax through its
 * log-odds, the benign-vs-rest margin {@code log((1 - p0) / p0)}; for averaged distributions
 * through the averaged threat share. Each kind says how it shares it out.
 */
public sealed interface ClassModel extends PortableModel permits ClassTrees, ClassLinear {

    /** How many classes: 2 or more, the benign class first. */
    int classCount();

    /** The name of each class, in class order: the benign class's name first. */
    List<String> classNames();

    /** The probability of each class for {@code x}, in class order; they add up to 1 (up to rounding). */
    double[] classProbabilities(double[] x);

    /** One minus the benign class's probability: the reference walk's threat probability. */
    @Override
    default double threatProbability(double[] x) {
        return 1 - classProbabilities(x)[0];
    }
}
