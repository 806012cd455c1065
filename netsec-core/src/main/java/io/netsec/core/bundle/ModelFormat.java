package io.netsec.core.bundle;

import io.netsec.core.format.Formats;
import io.netsec.core.format.KindFormat;
import io.netsec.core.format.RecordFormat;
import io.netsec.core.model.ClassLinear;
import io.netsec.core.model.ClassTrees;
import io.netsec.core.model.LinearModel;
import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code model.json}: the portable model's fields, each declared once, for reading and writing.
 * Which kind of model it is is its {@code "kind"} field.
 */
final class ModelFormat {

    static final RecordFormat<TreeEnsemble> TREE_ENSEMBLE = RecordFormat.of(TreeEnsemble.class, f -> {
        var featureCount = f.field("feature_count", Formats.INTEGER, TreeEnsemble::featureCount);
        var aggregation = f.field("aggregation", Formats.named(ModelFormat::aggregation,
                TreeEnsemble.Aggregation::jsonName), TreeEnsemble::aggregation);
        var float32 = f.field("float32", Formats.BOOLEAN, TreeEnsemble::float32);
        var baseScore = f.field("base_score", Formats.NUMBER, TreeEnsemble::baseScore);
        var treeRoots = f.field("tree_roots", Formats.INTS, TreeEnsemble::treeRoots);
        var treeWeights = f.field("tree_weights", Formats.NUMBERS, TreeEnsemble::treeWeights);
        var feature = f.field("feature", Formats.INTS, TreeEnsemble::feature);
        var threshold = f.field("threshold", Formats.NUMBERS, TreeEnsemble::threshold);
        var left = f.field("left", Formats.INTS, TreeEnsemble::left);
        var right = f.field("right", Formats.INTS, TreeEnsemble::right);
        var missingLeft = f.field("missing_left", Formats.BOOLEANS, TreeEnsemble::missingLeft);
        var threatValue = f.field("threat_value", Formats.NUMBERS, TreeEnsemble::threatValue);
        var benignValue = f.field("benign_value", Formats.NUMBERS, TreeEnsemble::benignValue);
        // the ensemble's own checks name what is missing ("a tree ensemble needs 'tree_roots'")
        return v -> new TreeEnsemble(v.get(featureCount), v.get(aggregation), v.get(float32), v.get(baseScore),
                v.get(treeRoots), v.get(treeWeights), v.get(feature), v.get(threshold), v.get(left), v.get(right),
                v.get(missingLeft), v.get(threatValue), v.get(benignValue));
    });

    static final RecordFormat<LinearModel> LINEAR = RecordFormat.of(LinearModel.class, f -> {
        var weights = f.field("weights", Formats.NUMBERS, LinearModel::weights);
        var bias = f.field("bias", Formats.NUMBER, LinearModel::bias);
        return v -> new LinearModel(v.get(weights), v.get(bias));
    });

    // format version 4: the class models (attack families)

    static final RecordFormat<ClassTrees> CLASS_TREES = RecordFormat.of(ClassTrees.class, f -> {
        var featureCount = f.field("feature_count", Formats.INTEGER, ClassTrees::featureCount);
        var aggregation = f.field("aggregation", Formats.named(ModelFormat::classAggregation,
                ClassTrees.Aggregation::jsonName), ClassTrees::aggregation);
        var float32 = f.field("float32", Formats.BOOLEAN, ClassTrees::float32);
        var classes = f.field("classes", Formats.TEXTS, ClassTrees::classNames);
        var baseScore = f.optional("base_score", Formats.NUMBERS, ClassTrees::baseScore);
        var treeRoots = f.field("tree_roots", Formats.INTS, ClassTrees::treeRoots);
        var treeClass = f.optional("tree_class", Formats.INTS, ClassTrees::treeClass);
        var feature = f.field("feature", Formats.INTS, ClassTrees::feature);
        var threshold = f.field("threshold", Formats.NUMBERS, ClassTrees::threshold);
        var left = f.field("left", Formats.INTS, ClassTrees::left);
        var right = f.field("right", Formats.INTS, ClassTrees::right);
        var missingLeft = f.field("missing_left", Formats.BOOLEANS, ClassTrees::missingLeft);
        var classValue = f.field("class_value", Formats.NUMBERS, ClassTrees::classValue);
        // the trees' own checks name what is missing ("class trees need 'tree_roots'")
        return v -> new ClassTrees(v.get(featureCount), v.get(aggregation), v.get(float32), v.get(classes),
                v.get(baseScore), v.get(treeRoots), v.get(treeClass), v.get(feature), v.get(threshold), v.get(left),
                v.get(right), v.get(missingLeft), v.get(classValue));
    });

    static final RecordFormat<ClassLinear> CLASS_LINEAR = RecordFormat.of(ClassLinear.class, f -> {
        var classes = f.field("classes", Formats.TEXTS, ClassLinear::classes);
        var weights = f.field("weights", Formats.NUMBER_ROWS, ClassLinear::weights);
        var intercepts = f.field("intercepts", Formats.NUMBERS, ClassLinear::intercepts);
        return v -> new ClassLinear(v.get(classes), v.get(weights), v.get(intercepts));
    });

    static final KindFormat<PortableModel> MODEL = new KindFormat<>("kind", "model",
            new KindFormat.Variant<>("tree_ensemble", TreeEnsemble.class, TREE_ENSEMBLE),
            new KindFormat.Variant<>("linear", LinearModel.class, LINEAR),
            new KindFormat.Variant<>("class_trees", ClassTrees.class, CLASS_TREES),
            new KindFormat.Variant<>("class_linear", ClassLinear.class, CLASS_LINEAR));

    private ModelFormat() {
    }

    private static ClassTrees.Aggregation classAggregation(String text) {
        try {
            return ClassTrees.Aggregation.fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("one of " + Arrays.toString(ClassTrees.Aggregation.values())
                    .toLowerCase(Locale.ROOT), e);
        }
    }

    private static TreeEnsemble.Aggregation aggregation(String text) {
        try {
            return TreeEnsemble.Aggregation.fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("one of " + Arrays.toString(TreeEnsemble.Aggregation.values())
                    .toLowerCase(Locale.ROOT), e);
        }
    }
}
