package io.netsec.core;

import java.util.Arrays;
import java.util.List;

/**
 * The detector's answer for one record of a bundle that tells attack families apart
 * ({@link Detector#scoreFamilies}): the probability of each class, and the family.
 *
 * <p>The threshold decides threat or not, as for {@link Prediction}; the family of a threat is
 * its most probable threat class (the first of equals), of a benign record the benign class.
 *
 * <pre>{@code
 * FamilyScore s = detector.scoreFamilies(record);
 * if (s.threat()) { alert(s.family(), s.threatProbability()); }   // e.g. "dos", 0.97
 * double pProbe = s.probabilityOf("probe");
 * }</pre>
 *
 * @param classes           the class names, in the model's order: the benign class first, then each family
 * @param probabilities     each class's probability, in that order (they add up to 1 up to rounding)
 * @param threatProbability one minus the benign class's probability: what {@link Detector#score} answers
 * @param threat            whether the threat probability reaches the bundle's decision threshold
 * @param family            for a threat, its most probable threat class; else the benign class's name
 */
public record FamilyScore(List<String> classes, double[] probabilities, double threatProbability, boolean threat,
                          String family) {

    public FamilyScore {
        classes = List.copyOf(classes);
        probabilities = probabilities.clone();
        requireOnePerClass(classes, probabilities);
    }

    private static void requireOnePerClass(List<String> classes, double[] probabilities) {
        if (classes.size() < 2 || probabilities.length != classes.size()) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + classes.size()
                    + " classes; a family score has one per class, and 2 classes or more");
        }
    }

    /**
     * The score of class probabilities {@code p} (class 0 benign) at {@code threshold}.
     *
     * @throws IllegalArgumentException when there is not one probability per class, or fewer than 2 classes
     */
    public static FamilyScore of(List<String> classes, double[] p, double threshold) {
        requireOnePerClass(classes, p);
        double threatProbability = 1 - p[0];
        boolean threat = threatProbability >= threshold;
        int family = 0;
        if (threat) {
            family = 1;
            for (int k = 2; k < p.length; k++) {
                if (p[k] > p[family]) {
                    family = k;
                }
            }
        }
        return new FamilyScore(classes, p, threatProbability, threat, classes.get(family));
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    /**
     * The probability of the class named {@code name}.
     *
     * @throws IllegalArgumentException when the model has no such class
     */
    public double probabilityOf(String name) {
        int k = classes.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("no class '" + name + "' (the classes are " + String.join(", ", classes) + ")");
        }
        return probabilities[k];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FamilyScore that && classes.equals(that.classes)
                && Arrays.equals(probabilities, that.probabilities)
                && Double.compare(threatProbability, that.threatProbability) == 0 && threat == that.threat
                && family.equals(that.family);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * classes.hashCode() + Arrays.hashCode(probabilities)) + family.hashCode();
    }

    @Override
    public String toString() {
        return "FamilyScore[family=" + family + ", threat=" + threat + ", threatProbability=" + threatProbability
                + ", classes=" + classes + ", probabilities=" + Arrays.toString(probabilities) + "]";
    }
}
