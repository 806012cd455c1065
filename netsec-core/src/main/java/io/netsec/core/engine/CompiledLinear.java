package io.netsec.core.engine;

import io.netsec.core.model.LinearModel;

/** A linear model needs no other plan: its reference sum is a dot product, as fast as it gets. */
final class CompiledLinear extends CompiledModel {

    private final LinearModel model;

    CompiledLinear(LinearModel model) {
        this.model = model;
    }

    @Override
    public LinearModel model() {
        return model;
    }

    @Override
    public Scratch newScratch() {
        return new Scratch(0, 0);
    }

    @Override
    public double probability(double[] x, Scratch scratch) {
        return model.threatProbability(x);
    }
}
