package io.netsec.spark;

import io.netsec.core.model.LinearModel;
import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import io.netsec.experiment.export.TreeEnsembleBuilder;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.Node;
import org.apache.spark.ml.tree.Split;

/**
 * Exports a fitted MLlib classifier into netsec-core's portable model, answering the probability
 * MLlib's own {@code probability} column holds (class 1, the threat):
 * <ul>
 *   <li>random forest: MLlib adds, tree by tree, the leaf's class counts normalised to sum 1, and
 *       normalises the sums; a {@link TreeEnsemble.Aggregation#PROBABILITY_AVERAGE} whose leaves
 *       hold those normalised counts adds and divides the same numbers in the same order
 *       (bit for bit);</li>
 *   <li>gradient-boosted trees: MLlib's margin is {@code sum(weight_t * leaf_t)} (a BLAS dot
 *       product) and its probability {@code 1 / (1 + exp(-2 * margin))} (the log loss's link); a
 *       {@link TreeEnsemble.Aggregation#MARGIN_SUM} whose leaves hold {@code 2 * weight_t * leaf_t}
 *       adds the same terms, doubled exactly, but the dot product may add them in another order:
 *       equal within a few units in the last place of the margin;</li>
 *   <li>logistic regression: {@code 1 / (1 + exp(-(w . x + b)))}, a {@link LinearModel} (the
 *       order of the additions again may differ).</li>
 * </ul>
 * MLlib sends a value left when {@code x <= threshold}, netsec-core when {@code x < threshold}:
 * the exported threshold is the next double above MLlib's, which divides every double the same
 * way. The inputs never hold NaN (the fitted transformation imputes), so the side of a missing
 * value is never asked; it is set to MLlib's side of 0.
 */
final class MllibExport {

    private MllibExport() {
    }

    /** The portable model of {@code model}, which reads {@code featureCount} inputs. */
    static PortableModel export(Object model, int featureCount) {
        return switch (model) {
            case RandomForestClassificationModel forest -> forest(forest, featureCount);
            case GBTClassificationModel boosted -> boosted(boosted, featureCount);
            case LogisticRegressionModel logistic -> new LinearModel(logistic.coefficients().toArray(),
                    logistic.intercept());
            default -> throw new IllegalArgumentException("cannot export " + model.getClass().getName());
        };
    }

    private static TreeEnsemble forest(RandomForestClassificationModel forest, int featureCount) {
        TreeEnsembleBuilder builder = new TreeEnsembleBuilder();
        for (var tree : forest.trees()) {
            builder.startTree(1);
            add(builder, tree.rootNode(), Leaf.CLASS_SHARES, 0);
        }
        return builder.build(featureCount, TreeEnsemble.Aggregation.PROBABILITY_AVERAGE, false, 0);
    }

    private static TreeEnsemble boosted(GBTClassificationModel boosted, int featureCount) {
        TreeEnsembleBuilder builder = new TreeEnsembleBuilder();
        var trees = boosted.trees();
        double[] weights = boosted.treeWeights();
        for (int t = 0; t < trees.length; t++) {
            builder.startTree(1);
            add(builder, trees[t].rootNode(), Leaf.MARGIN, 2 * weights[t]);
        }
        return builder.build(featureCount, TreeEnsemble.Aggregation.MARGIN_SUM, false, 0);
    }

    /** What a node's values hold. */
    private enum Leaf { CLASS_SHARES, MARGIN }

    /** Adds {@code node} and its subtree in pre-order; returns the node's index. */
    private static int add(TreeEnsembleBuilder builder, Node node, Leaf leaf, double factor) {
        double threat;
        double benign;
        if (leaf == Leaf.CLASS_SHARES) {
            // As MLlib's RandomForestClassificationModel.predictRaw: counts over their sum.
            double[] counts = node.impurityStats().stats();
            double total = 0;
            for (double count : counts) {
                total += count;
            }
            threat = total == 0 ? 0 : counts[1] / total;
            benign = total == 0 ? 0 : counts[0] / total;
        } else {
            threat = factor * node.prediction();
            benign = 0;
        }
        if (!(node instanceof InternalNode inner)) {
            return builder.addLeaf(threat, benign);
        }
        Split split = inner.split();
        if (!(split instanceof ContinuousSplit continuous)) {
            throw new IllegalArgumentException("MLlib tree with a categorical split: the inputs carry no category"
                    + " metadata, so this cannot happen");
        }
        double threshold = Math.nextUp(continuous.threshold());
        boolean missingLeft = 0 <= continuous.threshold();
        int index = builder.addSplit(continuous.featureIndex(), threshold, missingLeft, threat, benign);
        int left = add(builder, inner.leftChild(), leaf, factor);
        int right = add(builder, inner.rightChild(), leaf, factor);
        builder.link(index, left, right);
        return index;
    }
}
