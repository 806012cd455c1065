package io.netsec.core.engine;

import io.netsec.core.model.ClassModel;
import io.netsec.core.model.LinearModel;
import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;

/**
 * A portable model compiled for scoring speed: whatever evaluation plan its data allows, built
 * once from the model's arrays (for tree ensembles: trees padded to one depth and walked in
 * lock step, condition bits, leaf tables, margin tables; see {@link CompiledTrees}). Which plan
 * runs is this package's business alone: every plan answers what the model's own reference walk
 * ({@link PortableModel#threatProbability}) answers, bit for bit, and is tested against it.
 * Immutable and thread-safe; the buffers a call needs are the caller's ({@link Scratch}).
 *
 * <pre>{@code
 * CompiledModel compiled = CompiledModel.of(model);
 * CompiledModel.Scratch scratch = compiled.newScratch();   // one per thread
 * double p = compiled.probability(x, scratch);
 * }</pre>
 */
public abstract sealed class CompiledModel permits CompiledTrees, CompiledLinear, CompiledReference {

    CompiledModel() {
    }

    /** The model compiled by the fastest plan its data allows. */
    public static CompiledModel of(PortableModel model) {
        return switch (model) {
            case TreeEnsemble trees -> new CompiledTrees(trees);
            case LinearModel linear -> new CompiledLinear(linear);
            case ClassModel classes -> new CompiledReference(classes);
        };
    }

    /** The model this was compiled from. */
    public abstract PortableModel model();

    /** Buffers for {@link #probability(double[], Scratch)}, one per scoring thread. */
    public abstract Scratch newScratch();

    /**
     * The threat probability of the input vector {@code x}, the model's reference answer bit for
     * bit, with nothing allocated per call when {@code scratch} comes from {@link #newScratch()}
     * (null: buffers of its own).
     */
    public abstract double probability(double[] x, Scratch scratch);

    /** As {@link #probability(double[], Scratch)} with buffers of its own. */
    public double probability(double[] x) {
        return probability(x, null);
    }

    /**
     * Buffers for one thread's scoring, so that a hot loop allocates nothing per record. Not
     * thread-safe: one per thread.
     */
    public static final class Scratch {
        /** One slot per tree: the leaf (or padded leaf slot) each reached. */
        final int[] leaves;
        /** The input in float, for a float32 ensemble's lock-step walk. */
        final float[] xf;
        /** The input as a float32 ensemble compares it: each value rounded to float, widened back. */
        final double[] xd;

        Scratch(int trees, int features) {
            this.leaves = new int[trees];
            this.xf = new float[features];
            this.xd = new double[features];
        }

        /** Whether these buffers fit an input of {@code features} values. */
        boolean fits(int features) {
            return xf.length >= features;
        }
    }
}
