package io.netsec.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.testing.TinyModels;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A data set read with a label that has families carries each row's class, for stratified splits and training. */
class DatasetFamiliesTest {

    // TinyModels.CSV labels: normal, normal, normal, neptune, smurf, neptune.
    private static Dataset read(String label) throws Exception {
        String yaml = TinyModels.SCHEMA_YAML.replace("label: {column: label, benign: [normal]}", label);
        LoadedSchema schema = SchemaLoader.parse("flows.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        try (CsvRecordSource source = CsvRecordSource.open("flows.csv",
                new ByteArrayInputStream(TinyModels.CSV.getBytes(StandardCharsets.UTF_8)), schema.schema())) {
            return DatasetReader.read(source, schema.schema(), null, null);
        }
    }

    @Test
    void listedFamiliesGiveEachRowItsFamilyIndex() throws Exception {
        Dataset data = read("""
                label:
                  column: label
                  benign: [normal]
                  families:
                    probe: [satan]
                    dos: [neptune]
                """);
        assertTrue(data.hasFamilies());
        assertEquals(List.of("normal", "probe", "dos", "other"), data.classNames());
        assertArrayEquals(new int[] {0, 0, 0, 2, 3, 2}, data.classes(), "smurf is in no family: other");
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, data.labels(), "the threat labels stay");
        Dataset subset = data.subset(new int[] {4, 0});
        assertArrayEquals(new int[] {3, 0}, subset.classes());
        assertEquals(data.classNames(), subset.classNames());
    }

    @Test
    void familiesEachMakesAClassOfEveryThreatValueSeenInTextOrder() throws Exception {
        Dataset data = read("""
                label:
                  column: label
                  benign: [normal]
                  families: each
                """);
        assertEquals(List.of("normal", "neptune", "smurf"), data.classNames());
        assertArrayEquals(new int[] {0, 0, 0, 1, 2, 1}, data.classes());
    }

    @Test
    void aLabelWithoutFamiliesHasNoClasses() throws Exception {
        Dataset data = TinyModels.dataset();
        assertFalse(data.hasFamilies());
        assertEquals(List.of(), data.classNames());
        assertNull(data.classes());
        assertNull(data.subset(new int[] {1}).classes());
    }
}
