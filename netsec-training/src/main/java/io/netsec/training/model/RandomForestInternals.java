package io.netsec.training.model;

import io.netsec.core.model.TreeEnsemble;
import io.netsec.experiment.export.TreeEnsembleBuilder;
import java.lang.reflect.Field;
import weka.classifiers.Classifier;
import weka.classifiers.IteratedSingleClassifierEnhancer;
import weka.classifiers.trees.RandomForest;
import weka.classifiers.trees.RandomTree;
import weka.core.Utils;

/**
 * Reads the trees of a trained Weka {@link RandomForest} into a {@link TreeEnsemble}.
 *
 * <p>Reflection is needed because Weka keeps the tree structure in protected fields and offers
 * no public API for it; its text and graph renderings round the numbers, so they cannot give an
 * exact export. The answers reproduce Weka's arithmetic: each tree answers the normalised class
 * counts of its leaf ({@code Utils.normalize}), a node without counts answers its nearest
 * ancestor's, and a vector goes to the first successor when {@code value < splitPoint}. The forest
 * adds the tree answers per class and normalises, which is
 * {@link TreeEnsemble.Aggregation#PROBABILITY_AVERAGE}.
 *
 * <p>Missing values: Weka splits such a vector across both successors by their training
 * proportions, which a flat tree cannot do; the export sends it to the heavier side. Training
 * matrices never hold missing values.
 */
final class RandomForestInternals {

    private static final Field CLASSIFIERS = field(IteratedSingleClassifierEnhancer.class, "m_Classifiers");
    private static final Field TREE = field(RandomTree.class, "m_Tree");
    private static final Field ZERO_R = field(RandomTree.class, "m_zeroR");
    private static final Class<?> NODE_CLASS = nodeClass();
    private static final Field ATTRIBUTE = field(NODE_CLASS, "m_Attribute");
    private static final Field SPLIT_POINT = field(NODE_CLASS, "m_SplitPoint");
    private static final Field SUCCESSORS = field(NODE_CLASS, "m_Successors");
    private static final Field PROPORTIONS = field(NODE_CLASS, "m_Prop");
    private static final Field CLASS_DISTRIBUTION = field(NODE_CLASS, "m_ClassDistribution");

    private RandomForestInternals() {
    }

    static TreeEnsemble export(RandomForest forest, int featureCount) {
        try {
            Classifier[] trees = (Classifier[]) CLASSIFIERS.get(forest);
            if (trees == null || trees.length == 0) {
                throw new NotExportableException("the random forest has no trees (was it trained?)");
            }
            TreeEnsembleBuilder builder = new TreeEnsembleBuilder();
            for (Classifier classifier : trees) {
                RandomTree tree = (RandomTree) classifier;
                if (ZERO_R.get(tree) != null) {
                    throw new NotExportableException("a random tree fell back to ZeroR (no usable attribute)");
                }
                builder.startTree(1.0);
                addNode(builder, TREE.get(tree), null, featureCount, new double[2]);
            }
            return builder.build(featureCount, TreeEnsemble.Aggregation.PROBABILITY_AVERAGE, false, 0);
        } catch (IllegalAccessException e) {
            throw new NotExportableException("cannot read Weka's random forest internals", e);
        }
    }

    /**
     * Adds {@code node} and its subtree in pre-order and returns its index. {@code inherited} is
     * the nearest ancestor's answer (null if none has counts); {@code subtreeCounts} receives
     * the class counts of the subtree's leaves.
     */
    private static int addNode(TreeEnsembleBuilder builder, Object node, double[] inherited, int featureCount,
            double[] subtreeCounts) throws IllegalAccessException {
        double[] counts = (double[]) CLASS_DISTRIBUTION.get(node);
        if (counts != null && counts.length != 2) {
            throw new NotExportableException("a random tree has " + counts.length + " classes, expected 2");
        }
        double[] answer = counts == null ? inherited : normalised(counts);
        int attribute = ATTRIBUTE.getInt(node);
        if (attribute == -1) {
            if (answer == null) {
                throw new NotExportableException("a random tree has an empty leaf with no ancestor to answer for it");
            }
            if (counts != null) {
                subtreeCounts[0] += counts[0];
                subtreeCounts[1] += counts[1];
            }
            return builder.addLeaf(answer[WekaData.THREAT], answer[WekaData.BENIGN]);
        }
        if (attribute < 0 || attribute >= featureCount) {
            throw new NotExportableException("a random tree splits on attribute " + attribute
                    + ", which is not one of the " + featureCount + " features");
        }
        Object[] successors = (Object[]) SUCCESSORS.get(node);
        if (successors == null || successors.length != 2) {
            throw new NotExportableException("a random tree has a split with "
                    + (successors == null ? 0 : successors.length) + " successors; only numeric binary splits export");
        }
        double[] proportions = (double[]) PROPORTIONS.get(node);
        boolean missingLeft = proportions == null || proportions[0] >= proportions[1];
        int index = builder.addSplit(attribute, SPLIT_POINT.getDouble(node), missingLeft, 0, 0);
        double[] below = new double[2];
        int left = addNode(builder, successors[0], answer, featureCount, below);
        int right = addNode(builder, successors[1], answer, featureCount, below);
        builder.link(index, left, right);
        // Weka drops the counts of some inner nodes; explanations then use the counts of the leaves below.
        double[] value = counts != null ? answer : below[0] + below[1] > 0 ? normalised(below) : new double[] {0.5, 0.5};
        builder.setValues(index, value[WekaData.THREAT], value[WekaData.BENIGN]);
        subtreeCounts[0] += below[0];
        subtreeCounts[1] += below[1];
        return index;
    }

    /** Weka's own normalisation, so every division rounds as in Tree.distributionForInstance. */
    private static double[] normalised(double[] counts) {
        double[] normalised = counts.clone();
        Utils.normalize(normalised);
        return normalised;
    }

    private static Class<?> nodeClass() {
        for (Class<?> inner : RandomTree.class.getDeclaredClasses()) {
            if (inner.getSimpleName().equals("Tree")) {
                return inner;
            }
        }
        throw new IllegalStateException("this Weka version has no RandomTree.Tree class");
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
