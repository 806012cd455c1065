package io.netsec.core.model;

/**
 * Why a model scored a vector as it did: the score before any link function ({@code rawScore}),
 * the part every vector gets ({@code bias}), and each input's share of the rest.
 * {@code bias + sum(contributions)} equals {@code rawScore} up to rounding.
 */
public record Explanation(double rawScore, double bias, double[] contributions) {

    public Explanation {
        contributions = contributions.clone();
    }

    @Override
    public double[] contributions() {
        return contributions.clone();
    }
}
