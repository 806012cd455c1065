package io.netsec.core.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netsec.core.model.LinearModel;
import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import io.netsec.core.transform.FittedColumn;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.KnnImputer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code manifest.json} and {@code model.json} field by field with Jackson's streaming
 * parser. {@link BundleJson#MAPPER} writes them from the records; reading them back through the
 * mapper cost a cold JVM about 0.2 s of CPU (building the mapper, introspecting a dozen record
 * types, linking their constructors by reflection), on the path of every command-line start and
 * of the API's, where these readers take a few milliseconds. {@code BundleFilesTest} checks that
 * they read every field as the mapper does.
 *
 * <p>As with the mapper: unknown fields are skipped, a missing field reads as null (0 or false
 * for a primitive, which the records' own checks then refuse), a null primitive is an error,
 * and {@code "NaN"} and {@code "Infinity"} strings are doubles (the mapper writes them so).
 * Stricter than the mapper, for files edited by hand: a number is not read from a string (nor
 * a whole number from {@code 4.0}), text is not read from a number, nothing may follow the
 * object, and the fields that loading and scoring read must be there. Every refusal names the
 * field and the line.
 */
final class BundleFiles {

    private static final JsonFactory JSON = JsonFactory.builder()
            // a model file is mostly numbers of 17 digits, which the JDK's parser reads slowly
            // (BigInteger on a cold JVM); Jackson's own parser gives the same doubles
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    /** The fields of each kind of model; the other kind's are skipped when the kind comes first. */
    private static final java.util.Set<String> TREE_FIELDS = java.util.Set.of("kind", "feature_count", "aggregation",
            "float32", "base_score", "tree_roots", "tree_weights", "feature", "threshold", "left", "right",
            "missing_left", "threat_value", "benign_value");
    private static final java.util.Set<String> LINEAR_FIELDS = java.util.Set.of("kind", "weights", "bias");

    private BundleFiles() {
    }

    /** A field of the wrong kind, or a value a reader refuses; the loader names the file. */
    static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message);
        }
    }

    static BundleManifest manifest(byte[] json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            return new Fields(parser).manifest();
        }
    }

    static PortableModel model(byte[] json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            return new Fields(parser).model();
        }
    }

    /** The readers, over one parser: each takes the value at the current token and leaves its last token current. */
    private static final class Fields {
        private final JsonParser parser;

        Fields(JsonParser parser) {
            this.parser = parser;
        }

        BundleManifest manifest() throws IOException {
            try {
                return readManifest();
            } catch (IllegalArgumentException e) {
                throw malformed(e.getMessage()); // a record's own checks, where its object ends
            }
        }

        private BundleManifest readManifest() throws IOException {
            first();
            String format = null;
            int formatVersion = 0;
            String createdAt = null;
            String schemaName = null;
            String schemaSha256 = null;
            List<List<String>> vocabularies = null;
            FittedTransform transform = null;
            BundleManifest.ModelInfo model = null;
            BundleManifest.Threshold threshold = null;
            JsonNode metrics = null;
            JsonNode training = null;
            Map<String, String> files = null;
            for (String field = firstField(); field != null; field = nextField()) {
                switch (field) {
                    case "format" -> format = text(field);
                    case "format_version" -> formatVersion = intValue(field);
                    case "created_at" -> createdAt = text(field);
                    case "schema_name" -> schemaName = text(field);
                    case "schema_sha256" -> schemaSha256 = text(field);
                    case "vocabularies" -> vocabularies = vocabularies(field);
                    case "transform" -> transform = transform(field);
                    case "model" -> model = modelInfo(field);
                    case "threshold" -> threshold = threshold(field);
                    case "metrics" -> metrics = tree();
                    case "training" -> training = tree();
                    case "files" -> files = textMap(field);
                    default -> parser.skipChildren();
                }
            }
            // what loading and scoring read: required here, where the error can say so
            String manifest = "manifest";
            BundleManifest read = new BundleManifest(format, formatVersion, createdAt, schemaName, schemaSha256,
                    required(vocabularies, "vocabularies", manifest), required(transform, "transform", manifest),
                    required(model, "model", manifest), required(threshold, "threshold", manifest), metrics, training,
                    files);
            end();
            return read;
        }

        PortableModel model() throws IOException {
            first();
            String kind = null;
            int featureCount = 0;
            String aggregation = null;
            boolean float32 = false;
            double baseScore = 0;
            int[] treeRoots = null;
            double[] treeWeights = null;
            int[] feature = null;
            double[] threshold = null;
            int[] left = null;
            int[] right = null;
            boolean[] missingLeft = null;
            double[] threatValue = null;
            double[] benignValue = null;
            double[] weights = null;
            double bias = 0;
            // The kind comes first as written; when it does, the other kind's fields are skipped
            // as unknown (as the mapper did). Read later, every field is read and checked.
            for (String field = firstField(); field != null; field = nextField()) {
                if (kind != null && !(kind.equals("linear") ? LINEAR_FIELDS : TREE_FIELDS).contains(field)) {
                    parser.skipChildren();
                    continue;
                }
                switch (field) {
                    case "kind" -> kind = text(field);
                    case "feature_count" -> featureCount = intValue(field);
                    case "aggregation" -> aggregation = text(field);
                    case "float32" -> float32 = bool(field);
                    case "base_score" -> baseScore = doubleValue(field);
                    case "tree_roots" -> treeRoots = ints(field);
                    case "tree_weights" -> treeWeights = doubles(field);
                    case "feature" -> feature = ints(field);
                    case "threshold" -> threshold = doubles(field);
                    case "left" -> left = ints(field);
                    case "right" -> right = ints(field);
                    case "missing_left" -> missingLeft = bools(field);
                    case "threat_value" -> threatValue = doubles(field);
                    case "benign_value" -> benignValue = doubles(field);
                    case "weights" -> weights = doubles(field);
                    case "bias" -> bias = doubleValue(field);
                    default -> parser.skipChildren();
                }
            }
            if (kind == null) {
                throw malformed("no 'kind' (tree_ensemble or linear)");
            }
            PortableModel model;
            try {
                model = switch (kind) {
                    case "tree_ensemble" -> new TreeEnsemble(featureCount, aggregation(aggregation), float32, baseScore,
                            treeRoots, treeWeights, feature, threshold, left, right, missingLeft, threatValue, benignValue);
                    case "linear" -> new LinearModel(weights, bias);
                    default -> throw malformed("unknown model kind '" + kind
                            + "' (this version of netsec reads tree_ensemble and linear)");
                };
            } catch (IllegalArgumentException e) {
                throw malformed(e.getMessage()); // the model's own checks, at the end of its object
            }
            end();
            return model;
        }

        private TreeEnsemble.Aggregation aggregation(String text) throws MalformedException {
            if (text == null) {
                return null;
            }
            try {
                return TreeEnsemble.Aggregation.fromJson(text);
            } catch (IllegalArgumentException e) {
                throw malformed("'aggregation' is " + text + ", not one of "
                        + Arrays.toString(TreeEnsemble.Aggregation.values()).toLowerCase(java.util.Locale.ROOT));
            }
        }

        private FittedTransform transform(String name) throws IOException {
            if (isNull(name)) {
                return null;
            }
            List<FittedColumn> columns = null;
            KnnImputer knnReference = null;
            for (String field = firstField(); field != null; field = nextField()) {
                switch (field) {
                    case "columns" -> columns = columns(field);
                    case "knn_reference" -> knnReference = knnImputer(field);
                    default -> parser.skipChildren();
                }
            }
            return new FittedTransform(required(columns, "columns", name), knnReference);
        }

        private List<FittedColumn> columns(String name) throws IOException {
            if (!startArray(name)) {
                return null;
            }
            List<FittedColumn> columns = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                columns.add(column(name));
            }
            return columns;
        }

        private FittedColumn column(String name) throws IOException {
            if (isNull(name)) {
                throw expected("an object", name);
            }
            String column = null;
            FittedColumn.ColumnEncoding encoding = null;
            double fill = 0;
            List<String> categories = null;
            double center = 0;
            double scale = 0;
            for (String field = firstField(); field != null; field = nextField()) {
                switch (field) {
                    case "name" -> column = text(field);
                    case "encoding" -> encoding = encoding(field);
                    case "fill" -> fill = doubleValue(field);
                    case "categories" -> categories = texts(field);
                    case "center" -> center = doubleValue(field);
                    case "scale" -> scale = doubleValue(field);
                    default -> parser.skipChildren();
                }
            }
            return new FittedColumn(required(column, "name", name), required(encoding, "encoding", name), fill,
                    required(categories, "categories", name), center, scale);
        }

        private FittedColumn.ColumnEncoding encoding(String name) throws IOException {
            String text = text(name);
            if (text == null) {
                return null;
            }
            try {
                return FittedColumn.ColumnEncoding.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw malformed("'" + name + "' is " + text + ", not one of "
                        + Arrays.toString(FittedColumn.ColumnEncoding.values()));
            }
        }

        private KnnImputer knnImputer(String name) throws IOException {
            if (isNull(name)) {
                return null;
            }
            int neighbours = 0;
            double[][] reference = null;
            boolean[] categorical = null;
            for (String field = firstField(); field != null; field = nextField()) {
                switch (field) {
                    case "neighbours" -> neighbours = intValue(field);
                    case "reference" -> reference = doubleRows(field);
                    case "categorical" -> categorical = bools(field);
                    default -> parser.skipChildren();
                }
            }
            return new KnnImputer(neighbours, required(reference, "reference", name),
                    required(categorical, "categorical", name));
        }

        private BundleManifest.ModelInfo modelInfo(String name) throws IOException {
            if (isNull(name)) {
                return null;
            }
            String file = null;
            String family = null;
            JsonNode parameters = null;
            List<String> featureNames = null;
            for (String field = firstField(); field != null; field = nextField()) {
                switch (field) {
                    case "file" -> file = text(field);
                    case "family" -> family = text(field);
                    case "parameters" -> parameters = tree();
                    case "feature_names" -> featureNames = texts(field);
                    default -> parser.skipChildren();
                }
            }
            return new BundleManifest.ModelInfo(required(file, "file", name), family, parameters,
                    required(featureNames, "feature_names", name));
        }

        private BundleManifest.Threshold threshold(String name) throws IOException {
            if (isNull(name)) {
                return null;
            }
            double value = 0;
            String rule = null;
            Double targetFalsePositiveRate = null;
            for (String field = firstField(); field != null; field = nextField()) {
                switch (field) {
                    case "value" -> value = doubleValue(field);
                    case "rule" -> rule = text(field);
                    case "target_false_positive_rate" ->
                            targetFalsePositiveRate = parser.currentToken() == JsonToken.VALUE_NULL ? null : doubleValue(field);
                    default -> parser.skipChildren();
                }
            }
            return new BundleManifest.Threshold(value, rule, targetFalsePositiveRate);
        }

        private List<List<String>> vocabularies(String name) throws IOException {
            if (!startArray(name)) {
                return null;
            }
            List<List<String>> lists = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                lists.add(element(texts(name), "an array", name));
            }
            return lists;
        }

        private Map<String, String> textMap(String name) throws IOException {
            if (isNull(name)) {
                return null;
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (String field = firstField(); field != null; field = nextField()) {
                map.put(field, text(field));
            }
            return map;
        }

        private List<String> texts(String name) throws IOException {
            if (!startArray(name)) {
                return null;
            }
            List<String> texts = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                texts.add(element(text(name), "a string", name));
            }
            return texts;
        }

        private int[] ints(String name) throws IOException {
            if (!startArray(name)) {
                return null;
            }
            int[] values = new int[16];
            int n = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, 2 * n);
                }
                values[n++] = intValue(name);
            }
            return Arrays.copyOf(values, n);
        }

        private double[] doubles(String name) throws IOException {
            if (!startArray(name)) {
                return null;
            }
            double[] values = new double[16];
            int n = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, 2 * n);
                }
                values[n++] = doubleValue(name);
            }
            return Arrays.copyOf(values, n);
        }

        private boolean[] bools(String name) throws IOException {
            if (!startArray(name)) {
                return null;
            }
            boolean[] values = new boolean[16];
            int n = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, 2 * n);
                }
                values[n++] = bool(name);
            }
            return Arrays.copyOf(values, n);
        }

        private double[][] doubleRows(String name) throws IOException {
            if (!startArray(name)) {
                return null;
            }
            List<double[]> rows = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                rows.add(element(doubles(name), "an array", name));
            }
            return rows.toArray(double[][]::new);
        }

        private String text(String name) throws IOException {
            return switch (parser.currentToken()) {
                case VALUE_STRING -> parser.getText();
                case VALUE_NULL -> null;
                default -> throw expected("a string", name);
            };
        }

        private int intValue(String name) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw expected("a whole number", name);
            }
            if (parser.getNumberType() != JsonParser.NumberType.INT) {
                throw malformed("'" + name + "' is " + parser.getText() + ", too large");
            }
            return parser.getIntValue();
        }

        private double doubleValue(String name) throws IOException {
            return switch (parser.currentToken()) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_STRING -> switch (parser.getText()) {
                    case "NaN" -> Double.NaN;
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> throw expected("a number", name);
                };
                default -> throw expected("a number", name);
            };
        }

        private boolean bool(String name) throws IOException {
            return switch (parser.currentToken()) {
                case VALUE_TRUE -> true;
                case VALUE_FALSE -> false;
                default -> throw expected("true or false", name);
            };
        }

        /**
         * The value as a tree, built here rather than by a mapper (whose construction is most of
         * what these readers save); numbers as the mapper makes them: int, long, big integer, double.
         */
        private JsonNode tree() throws IOException {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            return switch (parser.currentToken()) {
                case START_OBJECT -> {
                    ObjectNode object = nodes.objectNode();
                    for (String field = firstField(); field != null; field = nextField()) {
                        object.set(field, tree());
                    }
                    yield object;
                }
                case START_ARRAY -> {
                    ArrayNode array = nodes.arrayNode();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        array.add(tree());
                    }
                    yield array;
                }
                case VALUE_STRING -> nodes.textNode(parser.getText());
                case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
                case VALUE_TRUE -> nodes.booleanNode(true);
                case VALUE_FALSE -> nodes.booleanNode(false);
                case VALUE_NULL -> nodes.nullNode();
                default -> throw malformed("unexpected " + parser.currentToken());
            };
        }

        /** Moves to the document's first token, which must open an object. */
        private void first() throws IOException {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new MalformedException("the file is empty");
            }
            if (token != JsonToken.START_OBJECT) {
                throw malformed("expected an object, found " + describe(token));
            }
        }

        /** Nothing may follow the document's object. */
        private void end() throws IOException {
            JsonToken token = parser.nextToken();
            if (token != null) {
                throw malformed("more after the object: " + describe(token));
            }
        }

        /** At an object's START_OBJECT: its first field's name, with its value current; null when it has none. */
        private String firstField() throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw malformed("expected an object, found " + describe(parser.currentToken()));
            }
            return nextField();
        }

        /** The next field's name, with its value current; null at the object's end. */
        private String nextField() throws IOException {
            String name = parser.nextFieldName();
            if (name == null) {
                return null; // END_OBJECT
            }
            parser.nextToken();
            return name;
        }

        /** True at the START_ARRAY of field {@code name}; false at a null; an error otherwise. */
        private boolean startArray(String name) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return false;
            }
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw expected("an array", name);
            }
            return true;
        }

        private boolean isNull(String name) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                return true;
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw expected("an object", name);
            }
            return false;
        }

        /** A field the records cannot do without (they would fail on null with no word of where). */
        private <T> T required(T value, String field, String owner) throws MalformedException {
            if (value == null) {
                throw malformed("'" + owner + "' has no '" + field + "'");
            }
            return value;
        }

        /** An element of array {@code name}, which may not be null. */
        private <T> T element(T value, String what, String name) throws MalformedException {
            if (value == null) {
                throw malformed("'" + name + "' holds null where " + what + " belongs");
            }
            return value;
        }

        private MalformedException expected(String what, String name) {
            return malformed("'" + name + "' holds " + describe(parser.currentToken()) + " where " + what + " belongs");
        }

        private MalformedException malformed(String message) {
            var location = parser.currentTokenLocation();
            return new MalformedException(message + " (line " + location.getLineNr() + ", column "
                    + location.getColumnNr() + ")");
        }

        private static String describe(JsonToken token) {
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> token.asString() == null ? token.name() : token.asString();
            };
        }
    }
}
