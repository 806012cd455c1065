package io.netsec.core.bundle;

import io.netsec.core.bundle.ModelMetrics.TestMetrics;
import io.netsec.core.bundle.TrainingProvenance.Candidate;
import io.netsec.core.bundle.TrainingProvenance.DataProvenance;
import io.netsec.core.format.Formats;
import io.netsec.core.format.RecordFormat;
import io.netsec.core.format.ValueFormat;
import io.netsec.core.transform.FittedColumn;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.KnnImputer;
import io.netsec.core.transform.TransformOptions;
import io.netsec.core.validate.ColumnDistribution;
import java.util.List;

/**
 * {@code manifest.json}: every field of the manifest and of the records in it, each declared
 * once, for reading and writing. A field a later format version added is {@code optional}: a
 * manifest of an earlier version reads without it and is written back as it was.
 */
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
        var parameters = f.field("parameters", Formats.mapOf(Formats.ANY), BundleManifest.ModelInfo::parameters);
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

    // metrics

    /** A figure: NaN when a manifest does not hold it. */
    private static final ValueFormat<Double> FIGURE = Formats.absentAs(Formats.NUMBER, Double.NaN);

    static final RecordFormat<ModelMetrics.Confusion> CONFUSION = RecordFormat.of(ModelMetrics.Confusion.class, f -> {
        var truePositives = f.field("true_positives", Formats.LONG, ModelMetrics.Confusion::truePositives);
        var falsePositives = f.field("false_positives", Formats.LONG, ModelMetrics.Confusion::falsePositives);
        var trueNegatives = f.field("true_negatives", Formats.LONG, ModelMetrics.Confusion::trueNegatives);
        var falseNegatives = f.field("false_negatives", Formats.LONG, ModelMetrics.Confusion::falseNegatives);
        return v -> new ModelMetrics.Confusion(v.get(truePositives), v.get(falsePositives), v.get(trueNegatives),
                v.get(falseNegatives));
    });

    static final RecordFormat<TestMetrics> TEST = RecordFormat.of(TestMetrics.class, f -> {
        var accuracy = f.field("accuracy", FIGURE, TestMetrics::accuracy);
        var precision = f.field("precision", FIGURE, TestMetrics::precision);
        var recall = f.field("recall", FIGURE, TestMetrics::recall);
        var f1 = f.field("f1", FIGURE, TestMetrics::f1);
        var rocAuc = f.field("roc_auc", FIGURE, TestMetrics::rocAuc);
        var prAuc = f.field("pr_auc", FIGURE, TestMetrics::prAuc);
        var logLoss = f.field("log_loss", FIGURE, TestMetrics::logLoss);
        var falsePositiveRate = f.field("false_positive_rate", FIGURE, TestMetrics::falsePositiveRate);
        var confusion = f.field("confusion_matrix", CONFUSION, TestMetrics::confusionMatrix);
        return v -> new TestMetrics(v.get(accuracy), v.get(precision), v.get(recall), v.get(f1), v.get(rocAuc),
                v.get(prAuc), v.get(logLoss), v.get(falsePositiveRate), v.get(confusion));
    });

    /** The test figures, in order: what {@link ModelMetrics#figures()} lists. */
    static final List<RecordFormat.Field<TestMetrics, Double>> TEST_FIGURES = figures(TEST);

    private static final ValueFormat<ModelMetrics.Interval> INTERVAL = Formats.pair(ModelMetrics.Interval::new,
            ModelMetrics.Interval::low, ModelMetrics.Interval::high);
    private static final ValueFormat<ModelMetrics.Point> POINT = Formats.pair(ModelMetrics.Point::new,
            ModelMetrics.Point::x, ModelMetrics.Point::y);

    static final RecordFormat<ModelMetrics.CrossValidation> CROSS_VALIDATION = RecordFormat.of(
            ModelMetrics.CrossValidation.class, f -> {
                var rocAucMean = f.field("roc_auc_mean", FIGURE, ModelMetrics.CrossValidation::rocAucMean);
                var rocAucError = f.field("roc_auc_standard_error", FIGURE,
                        ModelMetrics.CrossValidation::rocAucStandardError);
                var accuracyMean = f.field("accuracy_mean", FIGURE, ModelMetrics.CrossValidation::accuracyMean);
                var logLossMean = f.field("log_loss_mean", FIGURE, ModelMetrics.CrossValidation::logLossMean);
                return v -> new ModelMetrics.CrossValidation(v.get(rocAucMean), v.get(rocAucError), v.get(accuracyMean),
                        v.get(logLossMean));
            });

    static final RecordFormat<ModelMetrics.TestCurves> CURVES = RecordFormat.of(ModelMetrics.TestCurves.class, f -> {
        var roc = f.field("roc", Formats.listOf(POINT), ModelMetrics.TestCurves::roc);
        var precisionRecall = f.field("precision_recall", Formats.listOf(POINT), ModelMetrics.TestCurves::precisionRecall);
        return v -> new ModelMetrics.TestCurves(v.get(roc), v.get(precisionRecall));
    });

    static final RecordFormat<ModelMetrics.ClassFigure> CLASS_FIGURE = RecordFormat.of(ModelMetrics.ClassFigure.class, f -> {
        var name = f.field("name", Formats.TEXT, ModelMetrics.ClassFigure::name);
        var precision = f.field("precision", FIGURE, ModelMetrics.ClassFigure::precision);
        var recall = f.field("recall", FIGURE, ModelMetrics.ClassFigure::recall);
        var f1 = f.field("f1", FIGURE, ModelMetrics.ClassFigure::f1);
        var support = f.field("support", Formats.LONG, ModelMetrics.ClassFigure::support);
        var rocAucOvr = f.field("roc_auc_ovr", FIGURE, ModelMetrics.ClassFigure::rocAucOvr);
        return v -> new ModelMetrics.ClassFigure(v.get(name), v.get(precision), v.get(recall), v.get(f1), v.get(support),
                v.get(rocAucOvr));
    });

    static final RecordFormat<ModelMetrics.FamilyFigures> FAMILY_FIGURES = RecordFormat.of(
            ModelMetrics.FamilyFigures.class, f -> {
                var classes = f.required("classes", Formats.TEXTS, ModelMetrics.FamilyFigures::classes);
                var perClass = f.required("per_class", Formats.listOf(CLASS_FIGURE), ModelMetrics.FamilyFigures::perClass);
                var macroPrecision = f.field("macro_precision", FIGURE, ModelMetrics.FamilyFigures::macroPrecision);
                var macroRecall = f.field("macro_recall", FIGURE, ModelMetrics.FamilyFigures::macroRecall);
                var macroF1 = f.field("macro_f1", FIGURE, ModelMetrics.FamilyFigures::macroF1);
                var weightedPrecision = f.field("weighted_precision", FIGURE, ModelMetrics.FamilyFigures::weightedPrecision);
                var weightedRecall = f.field("weighted_recall", FIGURE, ModelMetrics.FamilyFigures::weightedRecall);
                var weightedF1 = f.field("weighted_f1", FIGURE, ModelMetrics.FamilyFigures::weightedF1);
                var macroRocAucOvr = f.field("macro_roc_auc_ovr", FIGURE, ModelMetrics.FamilyFigures::macroRocAucOvr);
                var confusion = f.required("confusion", Formats.listOf(Formats.listOf(Formats.LONG)),
                        ModelMetrics.FamilyFigures::confusion);
                var ci95 = f.field("ci95", Formats.mapOf(INTERVAL), ModelMetrics.FamilyFigures::ci95);
                return v -> new ModelMetrics.FamilyFigures(v.get(classes), v.get(perClass), v.get(macroPrecision),
                        v.get(macroRecall), v.get(macroF1), v.get(weightedPrecision), v.get(weightedRecall),
                        v.get(weightedF1), v.get(macroRocAucOvr), v.get(confusion), v.get(ci95));
            });

    static final RecordFormat<ModelMetrics> METRICS = RecordFormat.of(ModelMetrics.class, f -> {
        var test = f.field("test", TEST, ModelMetrics::test);
        var testCi95 = f.field("test_ci95", Formats.mapOf(INTERVAL), ModelMetrics::testCi95);
        var crossValidation = f.field("cross_validation", CROSS_VALIDATION, ModelMetrics::crossValidation);
        var testCurves = f.optional("test_curves", CURVES, ModelMetrics::testCurves);
        var importance = f.optional("feature_importance", Formats.mapOf(Formats.NUMBER), ModelMetrics::featureImportance);
        // format version 4
        var families = f.optional("families", FAMILY_FIGURES, ModelMetrics::families);
        return v -> new ModelMetrics(v.get(test), v.get(testCi95), v.get(crossValidation), v.get(testCurves),
                v.get(importance), v.get(families));
    });

    // training

    static final RecordFormat<DataProvenance> DATA = RecordFormat.of(DataProvenance.class, f -> {
        var source = f.field("source", Formats.TEXT, DataProvenance::source);
        var sha256 = f.field("sha256", Formats.TEXT, DataProvenance::sha256);
        var rows = f.field("rows", Formats.LONG, DataProvenance::rows);
        var threatRows = f.field("threat_rows", Formats.LONG, DataProvenance::threatRows);
        var trainRows = f.field("train_rows", Formats.LONG, DataProvenance::trainRows);
        var testRows = f.field("test_rows", Formats.LONG, DataProvenance::testRows);
        var copies = f.field("test_rows_with_copy_in_train", Formats.LONG, DataProvenance::testRowsWithCopyInTrain);
        // format version 2
        var duplicateRows = f.optional("duplicate_rows", Formats.LONG_OR_NULL, DataProvenance::duplicateRows);
        var distinct = f.optional("distinct_feature_vectors", Formats.LONG_OR_NULL, DataProvenance::distinctFeatureVectors);
        var conflicting = f.optional("conflicting_vectors", Formats.LONG_OR_NULL, DataProvenance::conflictingVectors);
        return v -> new DataProvenance(v.get(source), v.get(sha256), v.get(rows), v.get(threatRows), v.get(trainRows),
                v.get(testRows), v.get(copies), v.get(duplicateRows), v.get(distinct), v.get(conflicting));
    });

    static final RecordFormat<TrainingProvenance.Split> SPLIT = RecordFormat.of(TrainingProvenance.Split.class, f -> {
        var kind = f.field("kind", Formats.TEXT, TrainingProvenance.Split::kind);
        var testFraction = f.field("test_fraction", Formats.NUMBER, TrainingProvenance.Split::testFraction);
        return v -> new TrainingProvenance.Split(v.get(kind), v.get(testFraction));
    });

    static final RecordFormat<TransformOptions> TRANSFORM_OPTIONS = RecordFormat.of(TransformOptions.class, f -> {
        var numeric = f.required("numeric_imputation", Formats.enumeration(TransformOptions.Imputation.class),
                TransformOptions::numericImputation);
        var categorical = f.required("categorical_imputation", Formats.enumeration(TransformOptions.Imputation.class),
                TransformOptions::categoricalImputation);
        var encoding = f.required("encoding", Formats.enumeration(TransformOptions.Encoding.class),
                TransformOptions::encoding);
        var scaling = f.required("scaling", Formats.enumeration(TransformOptions.Scaling.class), TransformOptions::scaling);
        var knnNeighbours = f.field("knn_neighbours", Formats.INTEGER, TransformOptions::knnNeighbours);
        var knnReferenceRows = f.field("knn_reference_rows", Formats.INTEGER, TransformOptions::knnReferenceRows);
        return v -> new TransformOptions(v.get(numeric), v.get(categorical), v.get(encoding), v.get(scaling),
                v.get(knnNeighbours), v.get(knnReferenceRows));
    });

    static final RecordFormat<Candidate> CANDIDATE = RecordFormat.of(Candidate.class, f -> {
        var family = f.field("family", Formats.TEXT, Candidate::family);
        var parameters = f.field("parameters", Formats.mapOf(Formats.ANY), Candidate::parameters);
        var exportable = f.field("exportable", Formats.BOOLEAN, Candidate::exportable);
        var reason = f.field("not_exportable_reason", Formats.TEXT, Candidate::notExportableReason);
        var foldRocAuc = f.field("fold_roc_auc", Formats.NUMBERS, Candidate::foldRocAuc);
        var meanRocAuc = f.field("mean_roc_auc", FIGURE, Candidate::meanRocAuc);
        var standardError = f.field("standard_error", FIGURE, Candidate::standardError);
        var meanAccuracy = f.field("mean_accuracy", FIGURE, Candidate::meanAccuracy);
        var meanLogLoss = f.field("mean_log_loss", FIGURE, Candidate::meanLogLoss);
        var scoringCost = f.field("scoring_cost", FIGURE, Candidate::scoringCost);
        return v -> new Candidate(v.get(family), v.get(parameters), v.get(exportable), v.get(reason), v.get(foldRocAuc),
                v.get(meanRocAuc), v.get(standardError), v.get(meanAccuracy), v.get(meanLogLoss), v.get(scoringCost));
    });

    static final RecordFormat<TrainingProvenance.Rung> RUNG = RecordFormat.of(TrainingProvenance.Rung.class, f -> {
        var rows = f.field("rows", Formats.LONG, TrainingProvenance.Rung::rows);
        var candidates = f.field("candidates", Formats.listOf(Formats.INTEGER), TrainingProvenance.Rung::candidates);
        return v -> new TrainingProvenance.Rung(v.get(rows), v.get(candidates));
    });

    static final RecordFormat<TrainingProvenance.Budget> BUDGET = RecordFormat.of(TrainingProvenance.Budget.class, f -> {
        var method = f.field("method", Formats.TEXT, TrainingProvenance.Budget::method);
        var keepFactor = f.field("keep_factor", Formats.INTEGER, TrainingProvenance.Budget::keepFactor);
        var rungs = f.field("rungs", Formats.listOf(RUNG), TrainingProvenance.Budget::rungs);
        var finalFitRows = f.field("final_fit_rows", Formats.LONG, TrainingProvenance.Budget::finalFitRows);
        return v -> new TrainingProvenance.Budget(v.get(method), v.get(keepFactor), v.get(rungs), v.get(finalFitRows));
    });

    static final RecordFormat<TrainingProvenance.Search> SEARCH = RecordFormat.of(TrainingProvenance.Search.class, f -> {
        var folds = f.field("folds", Formats.INTEGER, TrainingProvenance.Search::folds);
        var score = f.field("score", Formats.TEXT, TrainingProvenance.Search::score);
        var rule = f.field("rule", Formats.TEXT, TrainingProvenance.Search::rule);
        var selected = f.field("selected", Formats.INTEGER, TrainingProvenance.Search::selected);
        var candidates = f.field("candidates", Formats.listOf(CANDIDATE), TrainingProvenance.Search::candidates);
        // provenance only, so no new format version: an older netsec skips it
        var budget = f.optional("budget", BUDGET, TrainingProvenance.Search::budget);
        return v -> new TrainingProvenance.Search(v.get(folds), v.get(score), v.get(rule), v.get(selected),
                v.get(candidates), v.get(budget));
    });

    static final RecordFormat<TrainingProvenance.ExportCheck> EXPORT_CHECK = RecordFormat.of(
            TrainingProvenance.ExportCheck.class, f -> {
                var difference = f.field("max_abs_difference_on_test", FIGURE,
                        TrainingProvenance.ExportCheck::maxAbsDifferenceOnTest);
                var description = f.field("description", Formats.TEXT, TrainingProvenance.ExportCheck::description);
                return v -> new TrainingProvenance.ExportCheck(v.get(difference), v.get(description));
            });

    static final RecordFormat<TrainingProvenance.ClassTraining> CLASS_TRAINING = RecordFormat.of(
            TrainingProvenance.ClassTraining.class, f -> {
                var classes = f.field("classes", Formats.TEXTS, TrainingProvenance.ClassTraining::classes);
                var withoutRows = f.field("classes_without_rows", Formats.TEXTS,
                        TrainingProvenance.ClassTraining::classesWithoutRows);
                var weights = f.field("class_weights", Formats.TEXT, TrainingProvenance.ClassTraining::classWeights);
                var leftOut = f.field("left_out", Formats.TEXTS, TrainingProvenance.ClassTraining::leftOut);
                return v -> new TrainingProvenance.ClassTraining(nonNull(v.get(classes)), nonNull(v.get(withoutRows)),
                        v.get(weights), nonNull(v.get(leftOut)));
            });

    private static List<String> nonNull(List<String> values) {
        return values == null ? List.of() : values;
    }

    static final RecordFormat<TrainingProvenance> TRAINING = RecordFormat.of(TrainingProvenance.class, f -> {
        var data = f.field("data", DATA, TrainingProvenance::data);
        var split = f.field("split", SPLIT, TrainingProvenance::split);
        var seed = f.field("seed", Formats.LONG, TrainingProvenance::seed);
        var transformOptions = f.field("transform_options", TRANSFORM_OPTIONS, TrainingProvenance::transformOptions);
        var search = f.field("search", SEARCH, TrainingProvenance::search);
        var exportCheck = f.field("export_check", EXPORT_CHECK, TrainingProvenance::exportCheck);
        var versions = f.field("library_versions", Formats.mapOf(Formats.TEXT), TrainingProvenance::libraryVersions);
        // format version 4
        var classes = f.optional("classes", CLASS_TRAINING, TrainingProvenance::classes);
        return v -> new TrainingProvenance(v.get(data), v.get(split), v.get(seed), v.get(transformOptions), v.get(search),
                v.get(exportCheck), v.get(versions), v.get(classes));
    });

    static final RecordFormat<ColumnDistribution> DISTRIBUTION = RecordFormat.of(ColumnDistribution.class, f -> {
        var column = f.required("column", Formats.TEXT, ColumnDistribution::column);
        var numeric = f.required("numeric", Formats.BOOLEAN, ColumnDistribution::numeric);
        var values = f.required("values", Formats.NUMBERS, ColumnDistribution::values);
        var categories = f.required("categories", Formats.TEXTS, ColumnDistribution::categories);
        var counts = f.required("counts", Formats.listOf(Formats.LONG),
                d -> java.util.Arrays.stream(d.counts()).boxed().toList());
        return v -> new ColumnDistribution(v.get(column), v.get(numeric), v.get(values), v.get(categories),
                v.get(counts).stream().mapToLong(Long::longValue).toArray());
    });

    static final RecordFormat<TrainingReference> REFERENCE = RecordFormat.of(TrainingReference.class, f -> {
        var rows = f.required("rows", Formats.LONG, TrainingReference::rows);
        var threatRows = f.required("threat_rows", Formats.LONG, TrainingReference::threatRows);
        var columns = f.required("columns", Formats.listOf(DISTRIBUTION), TrainingReference::columns);
        return v -> new TrainingReference(v.get(rows), v.get(threatRows), v.get(columns));
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
        var metrics = f.field("metrics", METRICS, BundleManifest::metrics);
        var training = f.field("training", TRAINING, BundleManifest::training);
        var files = f.field("files", Formats.mapOf(Formats.TEXT), BundleManifest::files);
        // format version 5
        var reference = f.optional("reference", REFERENCE, BundleManifest::reference);
        return v -> new BundleManifest(v.get(format), v.get(formatVersion), v.get(createdAt), v.get(schemaName),
                v.get(schemaSha256), v.get(vocabularies), v.get(transform), v.get(model), v.get(threshold),
                v.get(metrics), v.get(training), v.get(files), v.get(reference));
    });

    private ManifestFormat() {
    }

    @SuppressWarnings("unchecked") // a FIGURE field of TestMetrics holds a Double
    private static List<RecordFormat.Field<TestMetrics, Double>> figures(RecordFormat<TestMetrics> test) {
        return test.fields().stream().filter(field -> field.format() == FIGURE)
                .map(field -> (RecordFormat.Field<TestMetrics, Double>) field).toList();
    }
}
