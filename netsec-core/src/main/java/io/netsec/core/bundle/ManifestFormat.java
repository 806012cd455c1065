package io.netsec.core.bundle;

import io.netsec.core.format.Formats;
import io.netsec.core.format.RecordFormat;
import io.netsec.core.transform.FittedColumn;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.KnnImputer;

/** {@code manifest.json}: every field of the manifest and of the records in it, each declared once, for reading and writing. */
final class ManifestFormat {

    static final RecordFormat<FittedColumn> COLUMN = RecordFormat.of(FittedColumn.class, f -> {
        var name = f.required("name", Formats.TEXT, FittedColumn::name);
        var encoding = f.required("encoding", Formats.enumeration(FittedColumn.ColumnEncoding.class), FittedColumn::encoding);
        var fill = f.field("fill", Formats.NUMBER, FittedColumn::fill);
        var categories = f.required("categories", Formats.TEXTS, FittedColumn::categories);
        var center = f.field("center", Formats.NUMBER, FittedColumn::center);
        var scale = f.field("scale", Formats.NUMBER, FittedColumn::scale);
        return v -> new FittedColumn(v.get(name), v.get(encoding), v.get(fill), v.get(categories), v.get(center),
                v.get(scale));
    });

    static final RecordFormat<KnnImputer> KNN = RecordFormat.of(KnnImputer.class, f -> {
        var neighbours = f.field("neighbours", Formats.INTEGER, KnnImputer::neighbours);
        var reference = f.required("reference", Formats.NUMBER_ROWS, KnnImputer::reference);
        var categorical = f.required("categorical", Formats.BOOLEANS, KnnImputer::categorical);
        return v -> new KnnImputer(v.get(neighbours), v.get(reference), v.get(categorical));
    });

    static final RecordFormat<FittedTransform> TRANSFORM = RecordFormat.of(FittedTransform.class, f -> {
        var columns = f.required("columns", Formats.listOf(COLUMN), FittedTransform::columns);
        var knnReference = f.field("knn_reference", KNN, FittedTransform::knnReference);
        return v -> new FittedTransform(v.get(columns), v.get(knnReference));
    });

    static final RecordFormat<BundleManifest.ModelInfo> MODEL_INFO = RecordFormat.of(BundleManifest.ModelInfo.class, f -> {
        var file = f.required("file", Formats.TEXT, BundleManifest.ModelInfo::file);
        var family = f.field("family", Formats.TEXT, BundleManifest.ModelInfo::family);
        var parameters = f.field("parameters", BundleFiles.TREE, BundleManifest.ModelInfo::parameters);
        var featureNames = f.required("feature_names", Formats.TEXTS, BundleManifest.ModelInfo::featureNames);
        return v -> new BundleManifest.ModelInfo(v.get(file), v.get(family), v.get(parameters), v.get(featureNames));
    });

    static final RecordFormat<BundleManifest.Threshold> THRESHOLD = RecordFormat.of(BundleManifest.Threshold.class, f -> {
        var value = f.field("value", Formats.NUMBER, BundleManifest.Threshold::value);
        var rule = f.field("rule", Formats.TEXT, BundleManifest.Threshold::rule);
        var target = f.field("target_false_positive_rate", Formats.NUMBER_OR_NULL,
                BundleManifest.Threshold::targetFalsePositiveRate);
        return v -> new BundleManifest.Threshold(v.get(value), v.get(rule), v.get(target));
    });

    static final RecordFormat<BundleManifest> MANIFEST = RecordFormat.of(BundleManifest.class, f -> {
        var format = f.field("format", Formats.TEXT, BundleManifest::format);
        var formatVersion = f.field("format_version", Formats.INTEGER, BundleManifest::formatVersion);
        var createdAt = f.field("created_at", Formats.TEXT, BundleManifest::createdAt);
        var schemaName = f.field("schema_name", Formats.TEXT, BundleManifest::schemaName);
        var schemaSha256 = f.field("schema_sha256", Formats.TEXT, BundleManifest::schemaSha256);
        // what loading and scoring read is required, so that the error can say so
        var vocabularies = f.required("vocabularies", Formats.listOf(Formats.TEXTS), BundleManifest::vocabularies);
        var transform = f.required("transform", TRANSFORM, BundleManifest::transform);
        var model = f.required("model", MODEL_INFO, BundleManifest::model);
        var threshold = f.required("threshold", THRESHOLD, BundleManifest::threshold);
        var metrics = f.field("metrics", BundleFiles.TREE, BundleManifest::metrics);
        var training = f.field("training", BundleFiles.TREE, BundleManifest::training);
        var files = f.field("files", Formats.mapOf(Formats.TEXT), BundleManifest::files);
        return v -> new BundleManifest(v.get(format), v.get(formatVersion), v.get(createdAt), v.get(schemaName),
                v.get(schemaSha256), v.get(vocabularies), v.get(transform), v.get(model), v.get(threshold),
                v.get(metrics), v.get(training), v.get(files));
    });

    private ManifestFormat() {
    }
}
