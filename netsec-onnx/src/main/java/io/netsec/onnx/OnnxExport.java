package io.netsec.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netsec.core.bundle.BundleJson;
import io.netsec.core.bundle.BundleManifest;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.model.ClassModel;
import io.netsec.core.model.PortableModel;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.LabelSpec;
import io.netsec.core.transform.FittedTransform;
import io.netsec.onnx.OnnxModel.Tensor;
import io.netsec.onnx.OnnxModel.Type;
import io.netsec.onnx.proto.OnnxMl.GraphProto;
import io.netsec.onnx.proto.OnnxMl.ModelProto;
import io.netsec.onnx.proto.OnnxMl.OperatorSetIdProto;
import io.netsec.onnx.proto.OnnxMl.StringStringEntryProto;
import io.netsec.onnx.proto.OnnxMl.TensorProto;
import io.netsec.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Exports a model bundle as one ONNX graph that does everything the bundle does: it takes the
 * schema's feature columns as named inputs, imputes, encodes and scales them as the bundle's
 * fitted transformation does, runs the model, and answers the threat probability, the label at
 * the bundle's threshold and both class probabilities. ONNX Runtime (with one intra-op thread)
 * gives netsec-core's probabilities; README's "Using a model outside netsec" says how exactly.
 *
 * <pre>{@code
 * OnnxModel onnx = OnnxExport.of(ModelBundle.load(Path.of("final_model")));
 * Files.write(Path.of("model.onnx"), onnx.bytes());
 * }</pre>
 *
 * <p>Inputs: an integer column is int64, a number column double (netsec reads numbers as
 * doubles, so no rounding stands between a caller's value and the model), a categorical column
 * text. What means missing: {@link MissingValues}. The graph does not validate: a value netsec
 * refuses (outside a column's range, a category a closed column does not allow, a missing value
 * in a column that may not be missing) is scored as netsec scores an allowed one of its kind.
 */
public final class OnnxExport {

    /** ONNX IR, opset and ai.onnx.ml versions: the newest that ONNX Runtime 1.23 (Java and Python) reads. */
    public static final int IR_VERSION = 11;
    public static final int OPSET = 23;
    public static final int ML_OPSET = 5;

    /** The threat probability, double. */
    public static final String THREAT_PROBABILITY = "threat_probability";
    /** The label at the bundle's threshold, as the schema names the classes, text. */
    public static final String LABEL = "label";
    /** 1 - the threat probability, double. */
    public static final String PROBABILITY_BENIGN = "probability_benign";
    /** The threat probability again, beside {@link #PROBABILITY_BENIGN}, double. */
    public static final String PROBABILITY_THREAT = "probability_threat";

    /** A model of attack families: a threat's most probable family, else the benign class's name, text. */
    public static final String FAMILY = "family";
    /** A model of attack families: {@code probability_<class>}, each class's probability, double. */
    public static final String CLASS_PROBABILITY_PREFIX = "probability_";

    /** The int64 value that means "missing" in an integer input (the smallest int64). */
    public static final long INT64_MISSING = MissingValues.INT64_MISSING;

    private static final List<String> OUTPUTS = List.of(THREAT_PROBABILITY, LABEL, PROBABILITY_BENIGN, PROBABILITY_THREAT);

    private OnnxExport() {
    }

    /**
     * What an export needs: the parts of a bundle that score.
     *
     * @param schema       the schema (feature columns, missing-value texts, label names)
     * @param vocabularies each feature's categories in code order (empty for numeric ones)
     * @param transform    the fitted transformation
     * @param model        the portable model
     * @param threshold    the threat probability at or above which the label is the threat's
     * @param provenance   more metadata to record (schema SHA-256, model family, ...), written as given
     */
    public record Pipeline(DataSchema schema, List<List<String>> vocabularies, FittedTransform transform,
                           PortableModel model, double threshold, Map<String, String> provenance) {

        public Pipeline {
            vocabularies = vocabularies.stream().map(List::copyOf).toList();
            provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        }
    }

    /**
     * The ONNX model of a bundle.
     *
     * @throws OnnxExportException when the bundle cannot be exported exactly (one line saying why)
     */
    public static OnnxModel of(ModelBundle bundle) {
        BundleManifest manifest = bundle.manifest();
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("netsec.schema.sha256", manifest.schemaSha256());
        provenance.put("netsec.model.family", manifest.model().family());
        provenance.put("netsec.bundle.created_at", manifest.createdAt());
        return of(new Pipeline(bundle.schema().schema(), manifest.vocabularies(), manifest.transform(), bundle.model(),
                manifest.threshold().value(), provenance));
    }

    /**
     * The ONNX model of a pipeline's parts.
     *
     * @throws OnnxExportException when they cannot be exported exactly (one line saying why)
     */
    public static OnnxModel of(Pipeline pipeline) {
        DataSchema schema = pipeline.schema();
        FittedTransform transform = pipeline.transform();
        check(pipeline);
        List<ColumnSpec> features = schema.features();
        List<Tensor> inputs = features.stream().map(column -> new Tensor(column.name(), switch (column.type()) {
            case INTEGER -> Type.INT64;
            case NUMBER -> Type.DOUBLE;
            default -> Type.STRING;
        })).toList();
        List<Tensor> outputs = new ArrayList<>(List.of(new Tensor(THREAT_PROBABILITY, Type.DOUBLE), new Tensor(LABEL, Type.STRING),
                new Tensor(PROBABILITY_BENIGN, Type.DOUBLE), new Tensor(PROBABILITY_THREAT, Type.DOUBLE)));
        outputs.addAll(familyOutputs(pipeline.model()));

        List<String> names = new ArrayList<>(inputs.stream().map(Tensor::name).toList());
        names.addAll(outputs.stream().map(Tensor::name).toList());
        GraphBuilder graph = new GraphBuilder(names);
        List<String> inputNames = inputs.stream().map(Tensor::name).toList();
        String modelInput = TransformGraph.build(graph, schema, inputNames, pipeline.vocabularies(), transform);
        String classProbabilities = pipeline.model() instanceof ClassModel classes
                ? ClassModelGraph.build(graph, classes, modelInput) : null;
        String probability = classProbabilities != null ? ClassModelGraph.threatProbability(graph, classProbabilities)
                : ModelGraph.build(graph, pipeline.model(), modelInput);

        String threatName = schema.label().nameOf(LabelSpec.LabelClass.THREAT);
        String benignName = schema.label().nameOf(LabelSpec.LabelClass.BENIGN);
        // netsec: threat = probability >= threshold
        String threat = graph.op("GreaterOrEqual", "is_threat", List.of(probability,
                graph.doubles("threshold", new long[0], pipeline.threshold())));
        graph.add("Where", "", List.of(LABEL), List.of(threat, graph.strings("threat_label", new long[0], threatName),
                graph.strings("benign_label", new long[0], benignName)));
        graph.add("Identity", "", List.of(THREAT_PROBABILITY), List.of(probability));
        graph.add("Sub", "", List.of(PROBABILITY_BENIGN), List.of(graph.doubles("certain", new long[0], 1), probability));
        graph.add("Identity", "", List.of(PROBABILITY_THREAT), List.of(probability));
        if (classProbabilities != null) {
            familyNodes(graph, ((ClassModel) pipeline.model()).classNames(), classProbabilities, threat);
        }

        Map<String, String> metadata = metadata(pipeline, threatName, benignName);
        GraphProto graphProto = graph.build("netsec_" + schema.name(), valueInfos(inputs), valueInfos(outputs));
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(GraphBuilder.ML).setVersion(ML_OPSET))
                .setProducerName("netsec")
                .setProducerVersion(metadata.get("netsec.version"))
                .setDocString("NetSec Detector model for schema '" + schema.name() + "': inputs are the schema's feature"
                        + " columns; outputs the threat probability, the label at threshold " + pipeline.threshold()
                        + " and both class probabilities (for a model of attack families also the family and each"
                        + " class's probability). Run with intra_op_num_threads=1 for netsec's sums, in netsec's order.")
                .setGraph(graphProto);
        metadata.forEach((key, value) -> model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return new OnnxModel(model.build().toByteArray(), inputs, outputs, metadata);
    }

    /** A model of attack families' outputs: {@code family}, then {@code probability_<class>} for each class. */
    private static List<Tensor> familyOutputs(PortableModel model) {
        if (!(model instanceof ClassModel classes)) {
            return List.of();
        }
        List<Tensor> outputs = new ArrayList<>(List.of(new Tensor(FAMILY, Type.STRING)));
        classes.classNames().forEach(name -> outputs.add(new Tensor(CLASS_PROBABILITY_PREFIX + name, Type.DOUBLE)));
        return outputs;
    }

    /**
     * The family (for a threat, the most probable threat class, the first of equals; else class 0)
     * and each class's probability, as {@code io.netsec.core.FamilyScore} answers them.
     */
    private static void familyNodes(GraphBuilder graph, List<String> classes, String classProbabilities, String threat) {
        long[] threatClasses = new long[classes.size() - 1];
        for (int k = 1; k < classes.size(); k++) {
            threatClasses[k - 1] = k;
        }
        String threatShares = graph.op("Gather", "threat_class_probabilities", List.of(classProbabilities,
                graph.int64s("threat_classes", new long[] {threatClasses.length}, threatClasses)), GraphBuilder.attribute("axis", 1));
        String best = graph.op("ArgMax", "most_probable_threat_class", List.of(threatShares), GraphBuilder.attribute("axis", 1),
                GraphBuilder.attribute("keepdims", 0), GraphBuilder.attribute("select_last_index", 0));
        String bestClass = graph.op("Add", "most_probable_threat_class_index", List.of(best, graph.int64s("after_benign", new long[0], 1)));
        String chosen = graph.op("Where", "family_index", List.of(threat, bestClass, graph.int64s("benign_class", new long[0], 0)));
        graph.add("Gather", "", List.of(FAMILY), List.of(graph.strings("class_names", new long[] {classes.size()},
                classes.toArray(String[]::new)), chosen), GraphBuilder.attribute("axis", 0));
        for (int k = 0; k < classes.size(); k++) {
            graph.add("Gather", "", List.of(CLASS_PROBABILITY_PREFIX + classes.get(k)), List.of(classProbabilities,
                    graph.int64s("class_" + k, new long[0], k)), GraphBuilder.attribute("axis", 1));
        }
    }

    /** Refuses what cannot be exported exactly, and parts that do not fit together, in one line each. */
    private static void check(Pipeline pipeline) {
        List<String> outputs = new ArrayList<>(OUTPUTS);
        familyOutputs(pipeline.model()).forEach(output -> outputs.add(output.name()));
        if (new java.util.HashSet<>(outputs).size() < outputs.size()) {
            throw new OnnxExportException("a class of the model is named so that its output 'probability_<class>' is"
                    + " another output of the ONNX model (" + String.join(", ", outputs) + ")");
        }
        FittedTransform transform = pipeline.transform();
        if (transform.knnReference() != null) {
            throw new OnnxExportException("the bundle imputes missing values from their k nearest neighbours"
                    + " (--imputation knn), which ONNX cannot reproduce exactly (a distance search over the bundle's"
                    + " reference rows whose sums and ties ONNX Runtime orders its own way); retrain with --imputation"
                    + " median, mean or most_frequent to export it");
        }
        List<ColumnSpec> features = pipeline.schema().features();
        if (transform.columns().size() != features.size() || pipeline.vocabularies().size() != features.size()) {
            throw new OnnxExportException("the bundle's transformation has " + transform.columns().size()
                    + " columns and " + pipeline.vocabularies().size() + " category lists, the schema "
                    + features.size() + " feature columns");
        }
        for (int c = 0; c < features.size(); c++) {
            String name = features.get(c).name();
            if (!transform.columns().get(c).name().equals(name)) {
                throw new OnnxExportException("the bundle's transformation has column '" + transform.columns().get(c).name()
                        + "' where the schema has feature column '" + name + "'");
            }
            if (outputs.contains(name)) {
                throw new OnnxExportException("feature column '" + name + "' has the name of an output of the ONNX"
                        + " model (" + String.join(", ", outputs) + "); rename it in the schema to export");
            }
        }
        if (pipeline.model().featureCount() != transform.outputWidth()) {
            throw new OnnxExportException("the model reads " + pipeline.model().featureCount()
                    + " inputs, the transformation makes " + transform.outputWidth());
        }
    }

    private static Map<String, String> metadata(Pipeline pipeline, String threatName, String benignName) {
        DataSchema schema = pipeline.schema();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("netsec.version", netsecVersion());
        metadata.put("onnx.opset.ai.onnx", Integer.toString(OPSET));
        metadata.put("onnx.opset.ai.onnx.ml", Integer.toString(ML_OPSET));
        metadata.put("netsec.schema.name", schema.name());
        metadata.putAll(pipeline.provenance());
        metadata.put("netsec.threshold", Double.toString(pipeline.threshold()));
        metadata.put("netsec.label.threat", threatName);
        metadata.put("netsec.label.benign", benignName);
        // the values that mean missing, per input type: numbers as a list, texts as a JSON array
        StringBuilder integers = new StringBuilder(Long.toString(INT64_MISSING));
        for (long marker : MissingValues.integers(schema)) {
            integers.append(", ").append(marker);
        }
        StringBuilder numbers = new StringBuilder("NaN");
        for (double marker : MissingValues.numbers(schema)) {
            numbers.append(", ").append(marker);
        }
        metadata.put("netsec.missing.int64", integers.toString());
        metadata.put("netsec.missing.double", numbers.toString());
        metadata.put("netsec.missing.string", json(MissingValues.texts(schema)));
        metadata.put("onnxruntime.intra_op_num_threads", "1");
        return metadata;
    }

    private static String json(List<String> texts) {
        try {
            return BundleJson.MAPPER.writeValueAsString(texts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ValueInfoProto> valueInfos(List<Tensor> tensors) {
        return tensors.stream().map(tensor -> GraphBuilder.vector(tensor.name(), switch (tensor.type()) {
            case INT64 -> TensorProto.DataType.INT64_VALUE;
            case DOUBLE -> TensorProto.DataType.DOUBLE_VALUE;
            case STRING -> TensorProto.DataType.STRING_VALUE;
        })).toList();
    }

    /** The netsec version this module was built as (the Maven project version). */
    static String netsecVersion() {
        try (InputStream in = OnnxExport.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "development build");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
