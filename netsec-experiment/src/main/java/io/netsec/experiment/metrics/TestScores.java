package io.netsec.experiment.metrics;

import java.util.List;

/**
 * The selected model's threat probabilities on the test part, with the labels, and how much each
 * model input moved the scores there: enough to draw ROC and precision-recall curves and a
 * feature-importance chart without scoring the test part again.
 *
 * @param labels         1 for a threat, 0 for benign, one per test row
 * @param probabilities  the threat probability of each test row
 * @param inputNames     the model's inputs (the transformed features), in order
 * @param meanAbsoluteContribution mean absolute contribution of each input to the raw score over the test rows
 */
public record TestScores(int[] labels, double[] probabilities, List<String> inputNames,
                         double[] meanAbsoluteContribution) {

    public TestScores {
        if (labels.length != probabilities.length || inputNames.size() != meanAbsoluteContribution.length) {
            throw new IllegalArgumentException("labels and probabilities, inputs and contributions must pair up");
        }
        labels = labels.clone();
        probabilities = probabilities.clone();
        inputNames = List.copyOf(inputNames);
        meanAbsoluteContribution = meanAbsoluteContribution.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public double[] meanAbsoluteContribution() {
        return meanAbsoluteContribution.clone();
    }
}
