package io.netsec.core.bundle;

import io.netsec.core.format.Formats;
import io.netsec.core.format.KindFormat;
import io.netsec.core.format.RecordFormat;
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

    static final KindFormat<PortableModel> MODEL = new KindFormat<>("kind", "model",
            new KindFormat.Variant<>("tree_ensemble", TreeEnsemble.class, TREE_ENSEMBLE),
            new KindFormat.Variant<>("linear", LinearModel.class, LINEAR));

    private ModelFormat() {
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
