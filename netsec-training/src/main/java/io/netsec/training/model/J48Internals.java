package io.netsec.training.model;

import io.netsec.core.model.TreeEnsemble;
import io.netsec.experiment.export.TreeEnsembleBuilder;
import java.lang.reflect.Field;
import weka.classifiers.Classifier;
import weka.classifiers.IteratedSingleClassifierEnhancer;
import weka.classifiers.meta.AdaBoostM1;
import weka.classifiers.trees.J48;
import weka.classifiers.trees.j48.C45Split;
import weka.classifiers.trees.j48.ClassifierSplitModel;
import weka.classifiers.trees.j48.ClassifierTree;
import weka.classifiers.trees.j48.Distribution;
import weka.core.Utils;

/**
 * Reads Weka {@link J48} trees, alone or boosted by {@link AdaBoostM1}, into a {@link TreeEnsemble}.
 *
 * <p>Reflection is needed because the root of a J48 ({@code m_root}), the empty-son flag of its
 * nodes ({@code m_isEmpty}) and AdaBoost's trees and weights are protected, with no public API for
 * the exact structure; the text rendering rounds split points.
 *
 * <p>Weka's arithmetic, reproduced: a vector goes to son 0 when {@code value <= splitPoint}, which
 * for doubles is {@code value < Math.nextUp(splitPoint)}. A leaf answers its class counts divided by
 * their total; an empty son answers its parent's counts for that subset (or the parent's overall
 * counts when the subset has no weight). The export stores the counts, and checks for every leaf
 * that {@code threat / (benign + threat)} is bit for bit the probability Weka computes.
 * Under AdaBoost each tree casts a hard vote for the class Weka's {@code classifyInstance} picks;
 * Weka prefers the first class unless the other is larger by more than 1e-6, and where that differs
 * from a plain comparison the leaf stores equal values so the portable vote agrees.
 *
 * <p>Missing values are split across sons by Weka; the export sends them to the heavier son.
 */
final class J48Internals {

    private static final Field ROOT = field(J48.class, "m_root");
    private static final Field IS_EMPTY = field(ClassifierTree.class, "m_isEmpty");
    private static final Field CLASSIFIERS = field(IteratedSingleClassifierEnhancer.class, "m_Classifiers");
    private static final Field BETAS = field(AdaBoostM1.class, "m_Betas");
    private static final Field ITERATIONS_PERFORMED = field(AdaBoostM1.class, "m_NumIterationsPerformed");
    private static final Field ZERO_R = field(AdaBoostM1.class, "m_ZeroR");

    /** How a leaf's answer is used: averaged as a probability, or as a hard vote. */
    private enum LeafUse { PROBABILITY, VOTE }

    private J48Internals() {
    }

    /** A single J48 tree. */
    static TreeEnsemble export(J48 tree, int featureCount) {
        TreeEnsembleBuilder builder = new TreeEnsembleBuilder();
        builder.startTree(1.0);
        addTree(builder, tree, featureCount, LeafUse.PROBABILITY);
        return builder.build(featureCount, TreeEnsemble.Aggregation.PROBABILITY_AVERAGE, false, 0);
    }

    /**
     * AdaBoostM1 over J48: a weighted vote of the trees, except that Weka answers with the only
     * tree's own distribution when boosting stopped after one iteration.
     */
    static TreeEnsemble export(AdaBoostM1 boost, int featureCount) {
        try {
            if (ZERO_R.get(boost) != null) {
                throw new NotExportableException("AdaBoostM1 fell back to ZeroR (no usable attribute)");
            }
            int performed = ITERATIONS_PERFORMED.getInt(boost);
            Classifier[] trees = (Classifier[]) CLASSIFIERS.get(boost);
            double[] betas = (double[]) BETAS.get(boost);
            if (performed < 1) {
                throw new NotExportableException("AdaBoostM1 has no trained iteration");
            }
            if (performed == 1) {
                return export(j48(trees[0]), featureCount);
            }
            TreeEnsembleBuilder builder = new TreeEnsembleBuilder();
            for (int i = 0; i < performed; i++) {
                builder.startTree(betas[i]);
                addTree(builder, j48(trees[i]), featureCount, LeafUse.VOTE);
            }
            return builder.build(featureCount, TreeEnsemble.Aggregation.WEIGHTED_VOTE, false, 0);
        } catch (IllegalAccessException e) {
            throw new NotExportableException("cannot read Weka's AdaBoostM1 internals", e);
        }
    }

    private static J48 j48(Classifier classifier) {
        if (!(classifier instanceof J48 tree)) {
            throw new NotExportableException("AdaBoostM1's base classifier is "
                    + classifier.getClass().getSimpleName() + "; only J48 exports");
        }
        return tree;
    }

    private static void addTree(TreeEnsembleBuilder builder, J48 tree, int featureCount, LeafUse use) {
        try {
            ClassifierTree root = (ClassifierTree) ROOT.get(tree);
            if (root == null) {
                throw new NotExportableException("the J48 tree is not trained");
            }
            addNode(builder, root, featureCount, use);
        } catch (IllegalAccessException e) {
            throw new NotExportableException("cannot read Weka's J48 internals", e);
        }
    }

    /** Adds {@code node} and its subtree in pre-order; returns its index. */
    private static int addNode(TreeEnsembleBuilder builder, ClassifierTree node, int featureCount, LeafUse use)
            throws IllegalAccessException {
        ClassifierSplitModel model = node.getLocalModel();
        Distribution counts = model.distribution();
        if (node.isLeaf()) {
            return addLeaf(builder, counts.perClass(WekaData.THREAT), counts.perClass(WekaData.BENIGN),
                    wekaProbability(model, WekaData.THREAT, -1), wekaProbability(model, WekaData.BENIGN, -1), use);
        }
        if (!(model instanceof C45Split split) || model.numSubsets() != 2) {
            throw new NotExportableException("a J48 node splits into " + model.numSubsets()
                    + " subsets; only binary numeric splits export");
        }
        int attribute = split.attIndex();
        if (attribute < 0 || attribute >= featureCount) {
            throw new NotExportableException("a J48 node splits on attribute " + attribute
                    + ", which is not one of the " + featureCount + " features");
        }
        ClassifierTree[] sons = node.getSons();
        // Weka sends value <= splitPoint to son 0; the portable test is value < threshold.
        int index = builder.addSplit(attribute, Math.nextUp(split.splitPoint()),
                counts.perBag(0) >= counts.perBag(1),
                counts.perClass(WekaData.THREAT), counts.perClass(WekaData.BENIGN));
        int left = addSon(builder, sons[0], split, 0, featureCount, use);
        int right = addSon(builder, sons[1], split, 1, featureCount, use);
        builder.link(index, left, right);
        return index;
    }

    private static int addSon(TreeEnsembleBuilder builder, ClassifierTree son, C45Split parent, int subset,
            int featureCount, LeafUse use) throws IllegalAccessException {
        Distribution parentCounts = parent.distribution();
        if (!IS_EMPTY.getBoolean(son)) {
            return addNode(builder, son, featureCount, use);
        }
        // An empty son answers the parent's counts for its subset, or the parent's overall counts (Distribution.prob).
        boolean subsetHasWeight = Utils.gr(parentCounts.perBag(subset), 0);
        double threat = subsetHasWeight ? parentCounts.perClassPerBag(subset, WekaData.THREAT)
                : parentCounts.perClass(WekaData.THREAT);
        double benign = subsetHasWeight ? parentCounts.perClassPerBag(subset, WekaData.BENIGN)
                : parentCounts.perClass(WekaData.BENIGN);
        return addLeaf(builder, threat, benign, wekaProbability(parent, WekaData.THREAT, subset),
                wekaProbability(parent, WekaData.BENIGN, subset), use);
    }

    /**
     * Adds a leaf holding class counts. {@code wekaThreat} and {@code wekaBenign} are the
     * probabilities Weka computes for it, which the stored counts must reproduce.
     */
    private static int addLeaf(TreeEnsembleBuilder builder, double threat, double benign,
            double wekaThreat, double wekaBenign, LeafUse use) {
        if (use == LeafUse.PROBABILITY) {
            double total = benign + threat;
            if (Double.doubleToLongBits(threat / total) != Double.doubleToLongBits(wekaThreat)) {
                throw new NotExportableException("a J48 leaf's counts " + threat + "/" + total
                        + " do not reproduce Weka's probability " + wekaThreat);
            }
            return builder.addLeaf(threat, benign);
        }
        // ClassifierTree.classifyInstance: class 0 (benign) unless class 1 is larger by more than 1e-6.
        boolean votesThreat = Utils.gr(wekaThreat, wekaBenign);
        if (votesThreat != threat > benign) {
            if (votesThreat) {
                throw new NotExportableException("a J48 leaf votes threat with counts " + threat + " <= " + benign);
            }
            return builder.addLeaf(benign, benign);
        }
        return builder.addLeaf(threat, benign);
    }

    /**
     * The probability Weka's own code gives a class at a leaf ({@code subset} -1) or an empty son
     * ({@code subset} of the parent split); neither case reads the instance, so none is passed.
     */
    private static double wekaProbability(ClassifierSplitModel model, int classIndex, int subset) {
        try {
            return model.classProb(classIndex, null, subset);
        } catch (Exception e) {
            throw new NotExportableException("Weka could not give a J48 leaf's probability: " + e, e);
        }
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this Weka version has no " + owner.getName() + "." + name, e);
        }
    }
}
