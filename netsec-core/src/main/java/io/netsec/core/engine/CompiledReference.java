package io.netsec.core.engine;

import io.netsec.core.model.ClassModel;

/**
 * A class model has no plan of its own yet: its reference walk scores it (the threat probability
 * {@code 1 - p0}). A faster plan, when one earns its place, replaces this in {@link CompiledModel#of}.
 */
final class CompiledReference extends CompiledModel {

    private final ClassModel model;

    CompiledReference(ClassModel model) {
        this.model = model;
    }

    @Override
    public ClassModel model() {
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
