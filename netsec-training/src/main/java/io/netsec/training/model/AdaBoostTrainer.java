package io.netsec.training.model;

import java.util.LinkedHashMap;
import java.util.Map;
import weka.classifiers.meta.AdaBoostM1;
import weka.core.Instances;

/**
 * Weka's AdaBoostM1 over J48 trees (re-weighting, not re-sampling), exported exactly as a
 * {@link io.netsec.core.model.TreeEnsemble.Aggregation#WEIGHTED_VOTE} ensemble. Boosting is
 * sequential, so fitting uses one core.
 *
 * @param iterations the most boosting rounds; Weka stops early when a tree is perfect or too weak
 * @param base       the J48 parameters of every tree
 */
public record AdaBoostTrainer(int iterations, J48Trainer base) implements Trainer {

    /** Why this family does not train on attack families, for messages and the manifest. */
    public static final String WHY_NO_FAMILIES = "adaboost_j48 (AdaBoostM1) trains threat or benign only: its"
            + " multi-class weighted vote has no model kind in netsec-core";

    /** The family's name in manifests and for {@code --models}. */
    public static final String FAMILY = "adaboost_j48";

    public AdaBoostTrainer {
        if (iterations < 1) {
            throw new IllegalArgumentException("AdaBoost needs at least one iteration, got " + iterations);
        }
        if (base == null) {
            throw new IllegalArgumentException("AdaBoost needs base tree parameters");
        }
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("iterations", iterations);
        parameters.put("confidence", base.confidence());
        parameters.put("min_leaf", base.minLeaf());
        return parameters;
    }

    /**
     * Boosted C4.5 trees grow with the noise of large data: one fit on 64,000 phishing-like rows
     * took 6 minutes, so the default search leaves it out above the full search's 60,000 rows.
     */
    @Override
    public int searchRowLimit() {
        return 60_000;
    }

    @Override
    public int fitRowLimit() {
        return 60_000;
    }

    @Override
    public double relativeCost() {
        return 0.75 * iterations * base.relativeCost();
    }

    /** AdaBoostM1's multi-class vote has no class model in the core, so it trains threat or benign only. */
    @Override
    public boolean supportsFamilies() {
        return false;
    }

    @Override
    public TrainedModel fit(TrainingMatrix data, long seed) {
        if (data.hasFamilies()) {
            throw new IllegalArgumentException(WHY_NO_FAMILIES);
        }
        Instances instances = WekaData.instances(data);
        AdaBoostM1 boost = new AdaBoostM1();
        boost.setClassifier(base.newClassifier());
        boost.setNumIterations(iterations);
        boost.setSeed(Long.hashCode(seed));
        try {
            boost.buildClassifier(instances);
        } catch (Exception e) {
            throw new IllegalStateException("Weka could not train AdaBoostM1: " + e.getMessage(), e);
        }
        int featureCount = data.featureCount();
        return new WekaTrainedModel<>(boost, instances, false, trained -> J48Internals.export(trained, featureCount));
    }
}
