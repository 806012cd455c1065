package io.netsec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.netsec.core.engine.CompiledModel;
import io.netsec.core.model.Explanation;
import io.netsec.core.model.PortableModel;

/** Checks every exported model must pass, whatever its family. */
final class PortableModelAssertions {

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PortableModelAssertions() {
    }

    /**
     * The portable score of every row equals the library's, bit for bit: by the model's reference
     * walk, and by the plan the core's engine compiles from it.
     */
    static void assertScoresIdentical(PortableModel model, double[][] x, double[] library) {
        CompiledModel compiled = CompiledModel.of(model);
        CompiledModel.Scratch scratch = compiled.newScratch();
        int mismatches = 0;
        String first = null;
        for (int i = 0; i < x.length; i++) {
            double portable = model.threatProbability(x[i]);
            double fast = compiled.probability(x[i], scratch);
            if (Double.doubleToLongBits(portable) != Double.doubleToLongBits(library[i])
                    || Double.doubleToLongBits(fast) != Double.doubleToLongBits(library[i])) {
                if (first == null) {
                    first = "row " + i + ": portable " + portable + ", compiled " + fast + ", library " + library[i];
                }
                mismatches++;
            }
        }
        if (mismatches > 0) {
            fail(mismatches + " of " + x.length + " rows differ from the library (tolerance 0), first " + first);
        }
    }

    /** bias + sum(contributions) equals the raw score within {@code tolerance} on every row. */
    static void assertExplanationsAddUp(PortableModel model, double[][] x, double tolerance) {
        for (int i = 0; i < x.length; i++) {
            Explanation explanation = model.explain(x[i]);
            double sum = explanation.bias();
            for (double contribution : explanation.contributions()) {
                sum += contribution;
            }
            double error = Math.abs(sum - explanation.rawScore());
            if (!(error <= tolerance)) {
                fail("row " + i + ": bias + contributions = " + sum + " but raw score " + explanation.rawScore()
                        + " (tolerance " + tolerance + ")");
            }
        }
    }

    /** Writes the model as snake_case JSON, reads it back strictly, and checks it scores the same. */
    static PortableModel assertJsonRoundTrip(PortableModel model, double[][] x) {
        PortableModel copy;
        String json;
        try {
            json = JSON.writerFor(PortableModel.class).writeValueAsString(model);
            copy = JSON.readValue(json, PortableModel.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("JSON round trip failed: " + e.getMessage(), e);
        }
        assertEquals(model.getClass(), copy.getClass());
        assertTrue(json.contains("\"kind\""), "the JSON names the model kind: " + json.substring(0, Math.min(200, json.length())));
        for (int i = 0; i < x.length; i++) {
            assertEquals(model.threatProbability(x[i]), copy.threatProbability(x[i]), 0.0,
                    "row " + i + " scores differently after the JSON round trip (tolerance 0)");
        }
        return copy;
    }
}
