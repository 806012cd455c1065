package io.netsec.training.model;

import java.util.LinkedHashMap;
import java.util.Map;
import weka.classifiers.trees.RandomForest;
import weka.core.Instances;

/**
 * Weka's random forest (bagged {@code RandomTree}s), exported exactly as a
 * {@link io.netsec.core.model.TreeEnsemble.Aggregation#PROBABILITY_AVERAGE} ensemble; on attack
 * families, as a probability-average {@link io.netsec.core.model.ClassTrees}.
 *
 * @param trees            the number of trees
 * @param maxDepth         the deepest a tree may grow; 0 for unlimited
 * @param featuresPerSplit features tried at each split; 0 for Weka's default {@code int(log2(features)) + 1}
 * @param threads          trees built in parallel; 0 for every available processor
 */
public record RandomForestTrainer(int trees, int maxDepth, int featuresPerSplit, int threads) implements Trainer {

    public RandomForestTrainer {
        if (trees < 1) {
            throw new IllegalArgumentException("a random forest needs at least one tree, got " + trees);
        }
        if (maxDepth < 0 || featuresPerSplit < 0 || threads < 0) {
            throw new IllegalArgumentException("max depth, features per split and threads must not be negative");
        }
    }

    @Override
    public String family() {
        return "random_forest";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("trees", trees);
        parameters.put("max_depth", maxDepth);
        parameters.put("features_per_split", featuresPerSplit);
        return parameters;
    }

    @Override
    public double relativeCost() {
        // Measured on the phishing data: 100 trees cost about 8 J48 trees; more features per split cost more.
        return trees / 13.0 * (featuresPerSplit > 5 ? Math.sqrt(featuresPerSplit / 5.0) : 1);
    }

    /** Unpruned trees grow with the noise of large data: 19 s per fit on 16,000 phishing-like rows. */
    @Override
    public int fitRowLimit() {
        return 100_000;
    }

    @Override
    public RandomForestTrainer withThreads(int newThreads) {
        return new RandomForestTrainer(trees, maxDepth, featuresPerSplit, newThreads);
    }

    @Override
    public TrainedModel fit(TrainingMatrix data, long seed) {
        Instances instances = WekaData.instances(data);
        RandomForest forest = new RandomForest();
        forest.setNumIterations(trees);
        forest.setMaxDepth(maxDepth);
        forest.setNumFeatures(featuresPerSplit);
        // Weka draws every tree's seed before building, so the thread count does not change the model.
        forest.setNumExecutionSlots(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
        forest.setSeed(Long.hashCode(seed));
        try {
            forest.buildClassifier(instances);
        } catch (Exception e) {
            throw new IllegalStateException("Weka could not train the random forest: " + e.getMessage(), e);
        }
        int featureCount = data.featureCount();
        if (data.hasFamilies()) {
            return new WekaTrainedModel<>(forest, instances, true,
                    trained -> RandomForestClassInternals.export(trained, featureCount, data.classes()));
        }
        return new WekaTrainedModel<>(forest, instances, false,
                trained -> RandomForestInternals.export(trained, featureCount));
    }
}
