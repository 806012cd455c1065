package io.netsec.training.model;

import io.netsec.core.model.ClassTrees;
import java.lang.reflect.Field;
import java.util.List;
import weka.classifiers.trees.J48;
import weka.classifiers.trees.j48.C45Split;
import weka.classifiers.trees.j48.ClassifierSplitModel;
import weka.classifiers.trees.j48.ClassifierTree;
import weka.classifiers.trees.j48.Distribution;
import weka.core.Utils;

/**
 * Reads a Weka {@link J48} tree trained on attack families (a nominal class of K values) into a
 * one-tree {@link ClassTrees.Aggregation#PROBABILITY_AVERAGE} model, as {@link J48Internals} does
 * for two classes (reflection for the same protected fields; see there).
 *
 * <p>Weka answers class {@code k} at a leaf with {@code count[k] / weight of the leaf} (no
 * Laplace correction, J48's default) and at an empty son with its parent's counts for that subset
 * (or the parent's overall counts when the subset has no weight). The export stores the counts;
 * the core divides them by their sum in class order, which is Weka's leaf weight bit for bit when
 * the row weights add up exactly (weights of 1, or the dyadic class weights training uses). Every
 * leaf is checked: each class's share must be Weka's probability bit for bit, or the tree does not
 * export.
 */
final class J48ClassInternals {

    private static final Field ROOT = field(J48.class, "m_root");
    private static final Field IS_EMPTY = field(ClassifierTree.class, "m_isEmpty");

    private J48ClassInternals() {
    }

    static ClassTrees export(J48 tree, int featureCount, List<String> classes) {
        if (tree.getUseLaplace()) {
            throw new NotExportableException("a J48 tree with the Laplace correction does not export");
        }
        ClassTreesBuilder builder = new ClassTreesBuilder(classes.size());
        builder.startTree(0);
        try {
            ClassifierTree root = (ClassifierTree) ROOT.get(tree);
            if (root == null) {
                throw new NotExportableException("the J48 tree is not trained");
            }
            new Walk(builder, featureCount, classes.size()).addNode(root);
        } catch (IllegalAccessException e) {
            throw new NotExportableException("cannot read Weka's J48 internals", e);
        }
        return builder.buildAverage(featureCount, classes);
    }

    private record Walk(ClassTreesBuilder builder, int featureCount, int classCount) {

        /** Adds {@code node} and its subtree in pre-order; returns its index. */
        int addNode(ClassifierTree node) throws IllegalAccessException {
            ClassifierSplitModel model = node.getLocalModel();
            Distribution counts = model.distribution();
            if (node.isLeaf()) {
                double[] perClass = new double[classCount];
                for (int k = 0; k < classCount; k++) {
                    perClass[k] = counts.perClass(k);
                }
                return addLeaf(perClass, model, -1);
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
            double[] perClass = new double[classCount];
            for (int k = 0; k < classCount; k++) {
                perClass[k] = counts.perClass(k);
            }
            // Weka sends value <= splitPoint to son 0; the portable test is value < threshold.
            int index = builder.addSplit(attribute, Math.nextUp(split.splitPoint()),
                    counts.perBag(0) >= counts.perBag(1), perClass);
            ClassifierTree[] sons = node.getSons();
            int left = addSon(sons[0], split, 0);
            int right = addSon(sons[1], split, 1);
            builder.link(index, left, right);
            return index;
        }

        private int addSon(ClassifierTree son, C45Split parent, int subset) throws IllegalAccessException {
            if (!IS_EMPTY.getBoolean(son)) {
                return addNode(son);
            }
            // An empty son answers the parent's counts for its subset, or the parent's overall counts (Distribution.prob).
            Distribution parentCounts = parent.distribution();
            boolean subsetHasWeight = Utils.gr(parentCounts.perBag(subset), 0);
            double[] perClass = new double[classCount];
            for (int k = 0; k < classCount; k++) {
                perClass[k] = subsetHasWeight ? parentCounts.perClassPerBag(subset, k) : parentCounts.perClass(k);
            }
            return addLeaf(perClass, parent, subset);
        }

        /** Adds a leaf holding class counts, after checking they reproduce Weka's probability of every class. */
        private int addLeaf(double[] perClass, ClassifierSplitModel model, int subset) {
            double total = 0;
            for (double count : perClass) {
                total += count;
            }
            for (int k = 0; k < classCount; k++) {
                double weka;
                try {
                    weka = model.classProb(k, null, subset);
                } catch (Exception e) {
                    throw new NotExportableException("Weka could not give a J48 leaf's probability: " + e, e);
                }
                if (Double.doubleToLongBits(perClass[k] / total) != Double.doubleToLongBits(weka)) {
                    throw new NotExportableException("a J48 leaf's count " + perClass[k] + " of class " + k + " in "
                            + total + " does not reproduce Weka's probability " + weka);
                }
            }
            return builder.addLeaf(perClass);
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
