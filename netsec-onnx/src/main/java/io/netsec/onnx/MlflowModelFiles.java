package io.netsec.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netsec.core.bundle.AttachedFiles;
import io.netsec.core.bundle.BundleJson;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.schema.CellParser;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.transform.FittedColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The files that make a bundle folder an MLflow Model as well: {@code model.onnx}
 * ({@link OnnxExport}), {@code MLmodel} (an {@code onnx} flavor and a {@code python_function}
 * flavor served by {@code code/netsec_onnx_pyfunc.py}, with the signature the schema gives),
 * the Python requirements ({@code requirements.txt}, {@code python_env.yaml},
 * {@code conda.yaml}) and an input example. The netsec files stay as they are beside them; the
 * core lists, verifies and copies these without reading them ({@link AttachedFiles}).
 *
 * <pre>{@code
 * TrainingOptions options = TrainingOptions.defaults().withFinish(MlflowModelFiles::attach);
 * }</pre>
 *
 * <p>Nothing in them depends on a server (no run id, no model id), so a bundle written here and
 * its copy uploaded to MLflow are the same bytes. The same bundle always gives the same files.
 */
public final class MlflowModelFiles {

    public static final String MLMODEL = "MLmodel";
    public static final String ONNX = "model.onnx";
    public static final String LOADER = AttachedFiles.CODE_FOLDER + "/netsec_onnx_pyfunc.py";
    public static final String REQUIREMENTS = "requirements.txt";
    public static final String PYTHON_ENV = "python_env.yaml";
    public static final String CONDA = "conda.yaml";
    public static final String INPUT_EXAMPLE = "input_example.json";
    public static final String SERVING_INPUT_EXAMPLE = "serving_input_example.json";

    /** The versions the files name: those the Python check (scripts/check_mlflow_model.py) runs with. */
    static final String MLFLOW_VERSION = "3.17.2";
    static final String ONNX_VERSION = "1.23.2";
    static final String ONNXRUNTIME_VERSION = "1.32.0";
    static final String PANDAS_VERSION = "3.1.1";
    static final String NUMPY_VERSION = "2.4.6";
    static final String PYTHON_VERSION = "3.11.7";

    private MlflowModelFiles() {
    }

    /**
     * {@code bundle} carrying the MLflow Model files, as format version 3; or, when its model
     * cannot be exported to ONNX (k-nearest-neighbour imputation), {@code bundle} as it is, with
     * one line saying so on {@code warnings}. A {@code BundleFinish} of netsec-training.
     */
    public static ModelBundle attach(ModelBundle bundle, Consumer<String> warnings) {
        AttachedFiles files;
        try {
            files = of(bundle);
        } catch (OnnxExportException e) {
            warnings.accept("warning: the bundle is written without the MLflow Model files (MLmodel, model.onnx):"
                    + " it cannot be exported to ONNX: " + e.getMessage());
            return bundle;
        }
        return bundle.withAttached(files);
    }

    /**
     * The MLflow Model files of {@code bundle}, in the order a bundle lists them.
     *
     * @throws OnnxExportException when the bundle cannot be exported to ONNX exactly
     */
    public static AttachedFiles of(ModelBundle bundle) {
        OnnxModel onnx = OnnxExport.of(bundle);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(MLMODEL, utf8(mlmodel(bundle, onnx)));
        files.put(ONNX, onnx.bytes());
        files.put(LOADER, resource("mlflow/netsec_onnx_pyfunc.py"));
        files.put(REQUIREMENTS, utf8(String.join("\n", requirements()) + "\n"));
        files.put(PYTHON_ENV, utf8("python: " + PYTHON_VERSION + "\n"
                + "build_dependencies:\n- pip==23.2.1\n- setuptools==65.5.0\n- wheel\n"
                + "dependencies:\n- -r requirements.txt\n"));
        StringBuilder conda = new StringBuilder("channels:\n- conda-forge\ndependencies:\n- python=" + PYTHON_VERSION
                + "\n- pip<=23.2.1\n- pip:\n");
        requirements().forEach(requirement -> conda.append("  - ").append(requirement).append('\n'));
        files.put(CONDA, utf8(conda + "name: mlflow-env\n"));
        ObjectNode example = example(bundle);
        files.put(INPUT_EXAMPLE, utf8(json(example)));
        ObjectNode serving = BundleJson.MAPPER.createObjectNode();
        serving.set("dataframe_split", example);
        files.put(SERVING_INPUT_EXAMPLE, utf8(json(serving)));
        return AttachedFiles.of(files);
    }

    private static List<String> requirements() {
        return List.of("mlflow==" + MLFLOW_VERSION, "numpy==" + NUMPY_VERSION, "onnx==" + ONNX_VERSION,
                "onnxruntime==" + ONNXRUNTIME_VERSION, "pandas==" + PANDAS_VERSION);
    }

    /** {@code MLmodel}: YAML as MLflow 3 writes it, without the ids a server gives (it loads with them null). */
    static String mlmodel(ModelBundle bundle, OnnxModel onnx) {
        return "flavors:\n"
                + "  onnx:\n"
                + "    code: null\n"
                + "    data: " + ONNX + "\n"
                + "    onnx_session_options:\n"
                + "      intra_op_num_threads: 1\n"
                + "    onnx_version: " + ONNX_VERSION + "\n"
                + "    providers:\n"
                + "    - CPUExecutionProvider\n"
                + "  python_function:\n"
                + "    code: " + AttachedFiles.CODE_FOLDER + "\n"
                + "    data: " + ONNX + "\n"
                + "    env:\n"
                + "      conda: " + CONDA + "\n"
                + "      virtualenv: " + PYTHON_ENV + "\n"
                + "    loader_module: netsec_onnx_pyfunc\n"
                + "    python_version: " + PYTHON_VERSION + "\n"
                + "mlflow_version: " + MLFLOW_VERSION + "\n"
                + "model_id: null\n"
                + "saved_input_example_info:\n"
                + "  artifact_path: " + INPUT_EXAMPLE + "\n"
                + "  pandas_orient: split\n"
                + "  serving_input_path: " + SERVING_INPUT_EXAMPLE + "\n"
                + "  type: dataframe\n"
                + "signature:\n"
                + "  inputs: " + quoted(json(inputs(bundle))) + "\n"
                + "  outputs: " + quoted(json(outputs(onnx))) + "\n"
                + "  params: null\n"
                + "utc_time_created: " + quoted(createdAt(bundle.manifest().createdAt())) + "\n";
    }

    /**
     * The signature's inputs: each feature column by name, an integer column {@code long}, a
     * number {@code double}, a text {@code string}; a column that may be missing is not required.
     * A nullable integer column is {@code double}: MLflow refuses a missing value in a
     * {@code long} column, and the loader gives the graph an int64 either way.
     */
    static ArrayNode inputs(ModelBundle bundle) {
        ArrayNode inputs = BundleJson.MAPPER.createArrayNode();
        for (ColumnSpec column : bundle.schema().schema().features()) {
            String type = switch (column.type()) {
                case INTEGER -> column.nullable() ? "double" : "long";
                case NUMBER -> "double";
                default -> "string";
            };
            inputs.addObject().put("type", type).put("name", column.name()).put("required", !column.nullable());
        }
        return inputs;
    }

    private static ArrayNode outputs(OnnxModel onnx) {
        ArrayNode outputs = BundleJson.MAPPER.createArrayNode();
        for (OnnxModel.Tensor output : onnx.outputs()) {
            String type = switch (output.type()) {
                case INT64 -> "long";
                case DOUBLE -> "double";
                case STRING -> "string";
            };
            outputs.addObject().put("type", type).put("name", output.name()).put("required", true);
        }
        return outputs;
    }

    /**
     * One record of typical values, in the {@code split} orientation: each column's fill (the
     * training part's median, mean or most frequent value), an integer one rounded to the
     * nearest value the schema allows.
     */
    static ObjectNode example(ModelBundle bundle) {
        ObjectNode example = BundleJson.MAPPER.createObjectNode();
        ArrayNode columns = example.putArray("columns");
        ArrayNode row = example.putArray("data").addArray();
        List<ColumnSpec> features = bundle.schema().schema().features();
        List<FittedColumn> fitted = bundle.manifest().transform().columns();
        for (int c = 0; c < features.size(); c++) {
            ColumnSpec column = features.get(c);
            FittedColumn fit = fitted.get(c);
            columns.add(column.name());
            switch (column.type()) {
                case INTEGER -> row.add(integerExample(column, fit.fill()));
                case NUMBER -> row.add(fit.fill());
                default -> {
                    List<String> categories = fit.categories().isEmpty() ? bundle.manifest().vocabularies().get(c)
                            : fit.categories();
                    int index = (int) fit.fill();
                    row.add(index >= 0 && index < categories.size() ? categories.get(index)
                            : categories.isEmpty() ? "" : categories.get(0));
                }
            }
        }
        return example;
    }

    private static long integerExample(ColumnSpec column, double fill) {
        if (!column.allowed().isEmpty()) {
            long best = 0;
            double distance = Double.POSITIVE_INFINITY;
            for (String allowed : column.allowed()) {
                long value = CellParser.parseInteger(allowed);
                if (Math.abs(value - fill) < distance) {
                    best = value;
                    distance = Math.abs(value - fill);
                }
            }
            return best;
        }
        double value = Math.rint(fill);
        if (column.min() != null) {
            value = Math.max(value, Math.ceil(column.min()));
        }
        if (column.max() != null) {
            value = Math.min(value, Math.floor(column.max()));
        }
        return (long) value;
    }

    /** MLflow's {@code utc_time_created} form of the bundle's creation time (its own when unreadable). */
    private static String createdAt(String iso) {
        try {
            return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC)
                    .format(Instant.parse(iso));
        } catch (DateTimeParseException | NullPointerException e) {
            return String.valueOf(iso);
        }
    }

    /** A YAML single-quoted scalar: the one escape is a doubled quote. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String json(Object value) {
        try {
            return BundleJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = MlflowModelFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("netsec-onnx is built without its resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
