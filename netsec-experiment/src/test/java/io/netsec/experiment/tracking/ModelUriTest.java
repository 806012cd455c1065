package io.netsec.experiment.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModelUriTest {

    @Test
    void parsesAliasesAndVersions() {
        assertEquals(new ModelUri("netsec-detector", "champion", null), ModelUri.parse("models:/netsec-detector@champion"));
        assertEquals(new ModelUri("netsec-detector", null, "7"), ModelUri.parse("models:/netsec-detector/7"));
        assertEquals("models:/netsec-detector@champion", ModelUri.parse("models:/netsec-detector@champion").toString());
    }

    @Test
    void rejectsOtherForms() {
        for (String text : new String[] {"netsec-detector", "models:/", "models:/x@", "models:/x/latest", "runs:/abc/model"}) {
            assertThrows(IllegalArgumentException.class, () -> ModelUri.parse(text), text);
        }
    }
}
