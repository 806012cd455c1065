package io.netsec.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.DataException;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.testing.TinyModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorTest {

    @TempDir
    Path dir;

    private Detector detector() throws Exception {
        TinyModels.bundle().writeTo(dir.resolve("model"));
        return Detector.load(dir.resolve("model"));
    }

    @Test
    void scoresARecordGivenAsAMap() throws Exception {
        Detector detector = detector();
        Prediction threat = detector.score(Map.of("bytes", 900, "proto", "icmp", "service", "ftp"));
        assertEquals(new Prediction("threat", 0.9, true), threat);
        Prediction benign = detector.score(Map.of("BYTES", "12.5", "proto", "tcp", "service", "http", "label", "x"));
        assertEquals(new Prediction("normal", 0.1, false), benign);
    }

    @Test
    void handlesMissingValuesAndUnknownCategoriesAsTheTransformSays() throws Exception {
        Map<String, Object> record = new HashMap<>();
        record.put("bytes", null);
        record.put("service", "gopher");
        // bytes missing -> training median 700 -> threat side of the stump
        assertTrue(detector().score(record).threat());
    }

    @Test
    void rejectsAValueOutsideTheSchemaNamingTheColumn() throws Exception {
        DataException e = assertThrows(DataException.class,
                () -> detector().score(Map.of("bytes", "lots", "service", "http")));
        assertEquals("bytes", e.column());
        assertTrue(e.getMessage().contains("not a number: 'lots'"), e.getMessage());
        DataException notAllowed = assertThrows(DataException.class,
                () -> detector().score(Map.of("bytes", 1, "proto", "sctp", "service", "http")));
        assertEquals("proto", notAllowed.column());
    }

    @Test
    void explainsAPredictionByModelInput() throws Exception {
        Detector.ExplainedPrediction explained = detector().explain(Map.of("bytes", 900, "service", "ftp", "proto", "tcp"));
        double sum = explained.bias() + explained.contributions().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(explained.rawScore(), sum, 1e-12);
        assertEquals(0.4, explained.contributions().get("bytes"), 1e-12);
    }

    @Test
    void scoresFromManyThreadsAtOnce() throws Exception {
        Detector detector = detector();
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Boolean> threats = pool.submit(() -> IntStream.range(0, 2000).parallel()
                    .mapToObj(i -> detector.score(Map.of("bytes", i, "service", "http")).threat()).toList()).get();
            for (int i = 0; i < 2000; i++) {
                assertEquals(i >= 500, threats.get(i), "record " + i);
            }
        }
        assertFalse(detector.scoreAll(List.of(Map.of("bytes", 1, "service", "dns"))).get(0).threat());
    }

    @Test
    void findsColumnsByNameOrAliasTrimmedAndIgnoringCase() throws Exception {
        ModelBundle tiny = TinyModels.bundle();
        var aliased = SchemaLoader.parse("flows.yaml", TinyModels.SCHEMA_YAML
                .replace("{name: bytes, type: number,", "{name: bytes, aliases: [octets, Size], type: number,")
                .getBytes(StandardCharsets.UTF_8));
        Detector detector = Detector.of(new ModelBundle(tiny.manifest(), aliased, tiny.model()));
        assertTrue(detector.score(Map.of(" Bytes ", 900, "service", "ftp")).threat());
        assertTrue(detector.score(Map.of("OCTETS", 900, "service", "ftp")).threat());
        assertTrue(detector.score(Map.of("size", 900, "service", "ftp")).threat());
        // The name wins over an alias; an alias fills in when the name's value is null.
        assertFalse(detector.score(Map.of("octets", 900, "bytes", 10, "service", "ftp")).threat());
        Map<String, Object> nullName = new LinkedHashMap<>();
        nullName.put("bytes", null);
        nullName.put("size", 10);
        nullName.put("service", "ftp");
        assertFalse(detector.score(nullName).threat());
        // Of two keys that differ only in case, the last one counts.
        Map<String, Object> twice = new LinkedHashMap<>();
        twice.put("bytes", 900);
        twice.put("BYTES", 10);
        twice.put("service", "ftp");
        assertFalse(detector.score(twice).threat());
    }
}
