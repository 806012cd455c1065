package io.netsec.core.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A trained model in NetSec's own portable format: plain arrays of numbers that the core
 * scores by itself, with no machine-learning library on the class path. Instances are
 * immutable and thread-safe. The input is the transformed feature vector (see
 * {@code io.netsec.core.transform.FittedTransform}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TreeEnsemble.class, name = "tree_ensemble"),
        @JsonSubTypes.Type(value = LinearModel.class, name = "linear")
})
public sealed interface PortableModel permits TreeEnsemble, LinearModel {

    /** The length of the input vectors. */
    int featureCount();

    /** The probability that {@code x} is a threat. */
    double threatProbability(double[] x);

    /**
     * Each input's contribution to the raw score (a margin, or an averaged probability for
     * probability ensembles), so that {@code bias + sum(contributions) == rawScore}.
     */
    Explanation explain(double[] x);
}
