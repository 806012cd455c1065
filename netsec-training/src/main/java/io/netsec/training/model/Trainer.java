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
}
