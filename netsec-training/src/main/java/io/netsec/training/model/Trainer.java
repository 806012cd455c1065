package io.netsec.training.model;

import java.util.Map;

/** A learning algorithm with fixed hyper-parameters. Implementations are immutable values. */
public interface Trainer {

    /** The model family, a stable snake_case name for manifests, e.g. {@code random_forest}. */
    String family();

    /** The hyper-parameters by name, in a stable order, for manifests and reports. */
    Map<String, Object> parameters();

    /**
     * Whether this family trains on attack families (a {@link TrainingMatrix} with classes) and
     * exports a class model; a search on families skips a trainer that does not.
     */
    default boolean supportsFamilies() {
        return true;
    }

    /** Trains on {@code data}; the same data and seed give the same model. */
    TrainedModel fit(TrainingMatrix data, long seed);

    /**
     * A rough guess of one fit's cost relative to other trainers on the same data (one J48 tree
     * is about 1), used only to start the longest fits first so that parallel workers finish
     * together. It never changes a model or a selection.
     */
    default double relativeCost() {
        return 1;
    }

    /**
     * The most training rows a fit of this family is given: a family whose fits grow faster than
     * its rows (Weka's trees, boosting over them, its logistic regression) is finally fitted on a
     * stratified sample of this many rows, recorded in the manifest. No limit by default.
     */
    default int fitRowLimit() {
        return Integer.MAX_VALUE;
    }

    /**
     * The largest training part the default search compares this family on; above it the default
     * search leaves it out ({@code SearchBudget}), while a search space the user names keeps it.
     * No limit by default.
     */
    default int searchRowLimit() {
        return Integer.MAX_VALUE;
    }

    /**
     * This trainer using {@code threads} threads within one fit where its library can (the final
     * fit runs alone, the search's fits one per core); the same model either way.
     */
    default Trainer withThreads(int threads) {
        return this;
    }
}
