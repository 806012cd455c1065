package io.netsec.training.model;

import io.netsec.core.model.ClassTrees;
import java.lang.reflect.Field;
import java.util.List;
import weka.classifiers.Classifier;
import weka.classifiers.IteratedSingleClassifierEnhancer;
import weka.classifiers.trees.RandomForest;
import weka.classifiers.trees.RandomTree;
import weka.core.Utils;

/**
 * Reads a Weka {@link RandomForest} trained on attack families (K classes) into a
 * {@link ClassTrees.Aggregation#PROBABILITY_AVERAGE} model, by the arithmetic
 * {@link RandomForestInternals} reproduces for two classes: each tree answers its leaf's class
 * counts normalised by {@code Utils.normalize} (a node without counts answers its nearest
 * ancestor's), and the forest adds the trees' answers per class, in tree order, and normalises
 * them, which is what the core's probability average computes. A missing value goes to the
 * heavier side (training matrices hold none).
 */
final class RandomForestClassInternals {

    private static final Field CLASSIFIERS = field(IteratedSingleClassifierEnhancer.class, "m_Classifiers");
    private static final Field TREE = field(RandomTree.class, "m_Tree");
    private static final Field ZERO_R = field(RandomTree.class, "m_zeroR");
    private static final Class<?> NODE_CLASS = nodeClass();
    private static final Field ATTRIBUTE = field(NODE_CLASS, "m_Attribute");
    private static final Field SPLIT_POINT = field(NODE_CLASS, "m_SplitPoint");
    private static final Field SUCCESSORS = field(NODE_CLASS, "m_Successors");
    private static final Field PROPORTIONS = field(NODE_CLASS, "m_Prop");
    private static final Field CLASS_DISTRIBUTION = field(NODE_CLASS, "m_ClassDistribution");

    private RandomForestClassInternals() {
    }

    static ClassTrees export(RandomForest forest, int featureCount, List<String> classes) {
        try {
            Classifier[] trees = (Classifier[]) CLASSIFIERS.get(forest);
            if (trees == null || trees.length == 0) {
                throw new NotExportableException("the random forest has no trees (was it trained?)");
            }
            ClassTreesBuilder builder = new ClassTreesBuilder(classes.size());
            for (Classifier classifier : trees) {
                RandomTree tree = (RandomTree) classifier;
                if (ZERO_R.get(tree) != null) {
                    throw new NotExportableException("a random tree fell back to ZeroR (no usable attribute)");
                }
                builder.startTree(0);
                addNode(builder, TREE.get(tree), null, featureCount, new double[classes.size()]);
            }
            return builder.buildAverage(featureCount, classes);
        } catch (IllegalAccessException e) {
            throw new NotExportableException("cannot read Weka's random forest internals", e);
        }
    }

    /**
     * Adds {@code node} and its subtree in pre-order and returns its index. {@code inherited} is
     * the nearest ancestor's answer (null if none has counts); {@code subtreeCounts} receives
     * the class counts of the subtree's leaves.
     */
    private static int addNode(ClassTreesBuilder builder, Object node, double[] inherited, int featureCount,
                               double[] subtreeCounts) throws IllegalAccessException {
        int classCount = subtreeCounts.length;
        double[] counts = (double[]) CLASS_DISTRIBUTION.get(node);
        if (counts != null && counts.length != classCount) {
            throw new NotExportableException("a random tree has " + counts.length + " classes, expected " + classCount);
        }
        double[] answer = counts == null ? inherited : normalised(counts);
        int attribute = ATTRIBUTE.getInt(node);
        if (attribute == -1) {
            if (answer == null) {
                throw new NotExportableException("a random tree has an empty leaf with no ancestor to answer for it");
            }
            if (counts != null) {
                for (int k = 0; k < classCount; k++) {
                    subtreeCounts[k] += counts[k];
                }
            }
            return builder.addLeaf(answer);
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
        int index = builder.addSplit(attribute, SPLIT_POINT.getDouble(node), missingLeft, new double[classCount]);
        double[] below = new double[classCount];
        int left = addNode(builder, successors[0], answer, featureCount, below);
        int right = addNode(builder, successors[1], answer, featureCount, below);
        builder.link(index, left, right);
        // Weka drops the counts of some inner nodes; explanations then use the counts of the leaves below.
        double belowTotal = 0;
        for (int k = 0; k < classCount; k++) {
            belowTotal += below[k];
            subtreeCounts[k] += below[k];
        }
        double[] value = counts != null ? answer : belowTotal > 0 ? normalised(below) : uniform(classCount);
        builder.setValues(index, value);
        return index;
    }

    private static double[] uniform(int classCount) {
        double[] value = new double[classCount];
        java.util.Arrays.fill(value, 1.0 / classCount);
        return value;
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
