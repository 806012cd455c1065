package io.netsec.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;

/**
 * One candidate of the Spark search: an MLlib learner with fixed hyper-parameters. The families
 * are those that export exactly to netsec-core's portable models ({@link MllibExport}): random
 * forest and gradient-boosted trees to a tree ensemble, logistic regression to a linear model.
 *
 * @param family     {@code random_forest}, {@code gbt} or {@code logistic}
 * @param parameters its hyper-parameters, as the manifest lists them
 */
record MllibCandidate(String family, Map<String, Object> parameters) {

    static final List<String> FAMILIES = List.of("random_forest", "gbt", "logistic");

    MllibCandidate {
        parameters = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(parameters));
    }

    /** Each family's settings and their defaults' grid (the first value of each is the first candidate's). */
    private static final Map<String, Map<String, List<Number>>> GRID = Map.of(
            "random_forest", ordered("trees", List.of(100), "max_depth", List.of(10, 20)),
            "gbt", ordered("rounds", List.of(100), "max_depth", List.of(3, 5), "step_size", List.of(0.1)),
            "logistic", ordered("l2_penalty", List.of(0.0, 0.001)));

    /**
     * The candidates {@code --models} names, in its order: a family alone stands for its small
     * default grid (random forest: 100 trees of depth 10 or 20; gradient-boosted trees: 100 rounds
     * of depth 3 or 5 at step 0.1; logistic regression: no or light L2 penalty), a family with
     * settings ({@code random_forest:trees=30:max_depth=15}) for one candidate, the settings it
     * does not name at their first default. All families when {@code families} is empty.
     *
     * @throws IllegalArgumentException for an unknown family or setting, or a value that is no number
     */
    static List<MllibCandidate> grid(List<String> families) {
        List<String> wanted = families.isEmpty() ? FAMILIES : families;
        List<MllibCandidate> grid = new ArrayList<>();
        for (String entry : wanted) {
            String[] parts = entry.trim().toLowerCase(Locale.ROOT).split(":");
            Map<String, List<Number>> settings = GRID.get(parts[0]);
            if (settings == null) {
                throw new IllegalArgumentException("--models: unknown model family '" + parts[0] + "' (netsec-spark trains "
                        + String.join(", ", FAMILIES) + ")");
            }
            if (parts.length == 1) {
                List<Map<String, Object>> combinations = new ArrayList<>(List.of(Map.of()));
                for (var setting : settings.entrySet()) {
                    List<Map<String, Object>> next = new ArrayList<>();
                    for (Map<String, Object> partial : combinations) {
                        for (Number value : setting.getValue()) {
                            Map<String, Object> more = new LinkedHashMap<>(partial);
                            more.put(setting.getKey(), value);
                            next.add(more);
                        }
                    }
                    combinations = next;
                }
                combinations.forEach(parameters -> grid.add(new MllibCandidate(parts[0], parameters)));
                continue;
            }
            Map<String, Object> parameters = new LinkedHashMap<>();
            settings.forEach((name, values) -> parameters.put(name, values.get(0)));
            for (int i = 1; i < parts.length; i++) {
                String[] pair = parts[i].split("=", 2);
                if (pair.length != 2 || !settings.containsKey(pair[0])) {
                    throw new IllegalArgumentException("--models: " + parts[0] + " has the settings " + settings.keySet()
                            + ", not '" + parts[i] + "'");
                }
                try {
                    Number first = settings.get(pair[0]).get(0);
                    parameters.put(pair[0], first instanceof Integer ? (Number) Integer.parseInt(pair[1].trim())
                            : (Number) Double.parseDouble(pair[1].trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--models: " + parts[0] + "'s " + pair[0] + " must be a number, not '"
                            + pair[1] + "'");
                }
            }
            grid.add(new MllibCandidate(parts[0], parameters));
        }
        return grid;
    }

    private static Map<String, List<Number>> ordered(Object... namesAndValues) {
        Map<String, List<Number>> settings = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<Number> values = (List<Number>) namesAndValues[i + 1];
            settings.put((String) namesAndValues[i], values);
        }
        return settings;
    }

    /** The MLlib estimator, seeded, reading {@code features} and {@code label}. */
    Predictor<?, ?, ?> estimator(long seed) {
        return switch (family) {
            case "random_forest" -> new RandomForestClassifier()
                    .setNumTrees(integer("trees"))
                    .setMaxDepth(integer("max_depth"))
                    .setCacheNodeIds(true) // deep trees: each row's node is kept, not found again per level
                    .setSeed(seed);
            case "gbt" -> new GBTClassifier()
                    .setMaxIter(integer("rounds"))
                    .setMaxDepth(integer("max_depth"))
                    .setStepSize(((Number) parameters.get("step_size")).doubleValue())
                    .setSeed(seed);
            case "logistic" -> new LogisticRegression()
                    .setRegParam(((Number) parameters.get("l2_penalty")).doubleValue())
                    .setElasticNetParam(0)
                    .setMaxIter(100)
                    .setFamily("binomial");
            default -> throw new IllegalStateException("no estimator for " + family);
        };
    }

    private int integer(String name) {
        return ((Number) parameters.get(name)).intValue();
    }

    /** "family{p=v, ...}", for progress lines. */
    String describe() {
        return family + parameters;
    }
}
