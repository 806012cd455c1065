package io.netsec.core.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A trained model in NetSec's own portable format: plain arrays of numbers that the core
 * scores by itself, with no machine-learning library on the class path. Instances are
 * immutable and thread-safe. The input is the transformed feature vector (see
 * {@code io.netsec.core.transform.FittedTransform}). A {@link ClassModel} tells attack families
 * apart as well; its threat probability is one minus the benign class's.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TreeEnsemble.class, name = "tree_ensemble"),
        @JsonSubTypes.Type(value = LinearModel.class, name = "linear"),
        @JsonSubTypes.Type(value = ClassTrees.class, name = "class_trees"),
        @JsonSubTypes.Type(value = ClassLinear.class, name = "class_linear")
})
public sealed interface PortableModel permits TreeEnsemble, LinearModel, ClassModel {

    /** The length of the input vectors. */
    int featureCount();

    /** The probability that {@code x} is a threat. */
    double threatProbability(double[] x);

    /**
     * Each input's contribution to the raw score (a margin, or an averaged probability for
     * probability ensembles; for a class model of margins, the threat probability's log-odds
     * {@code log((1 - p0) / p0)}), so that {@code bias + sum(contributions) == rawScore}.
     */
    Explanation explain(double[] x);
}
