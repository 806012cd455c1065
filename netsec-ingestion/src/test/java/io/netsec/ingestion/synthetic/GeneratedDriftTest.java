package io.netsec.ingestion.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.DriftSettings;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.validate.ColumnDrift;
import io.netsec.core.validate.DataProfile;
import io.netsec.core.validate.DriftDetector;
import io.netsec.core.validate.DriftReport;
import io.netsec.core.validate.ValidationOptions;
import io.netsec.core.validate.ValidationReport;
import io.netsec.core.validate.Validator;
import io.netsec.ingestion.testing.RepoSchemas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Drift detection (netsec-core's {@link DriftDetector}) on data sets generated for a schema:
 * samples of one distribution, and samples shifted towards the high end of every feature.
 */
class GeneratedDriftTest {

    private static final DataSchema TRAFFIC = SchemaLoader.load(RepoSchemas.networkTraffic()).schema();

    private static DataProfile profile(DataSchema schema, SyntheticData generator, long rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.write(rows, out, null);
        try (CsvRecordSource source = CsvRecordSource.open("seed" + generator.seed(),
                new ByteArrayInputStream(out.toByteArray()), schema)) {
            return DataProfile.of(source, schema);
        }
    }

    private static DriftReport compare(SyntheticData reference, long referenceRows, SyntheticData current, long rows)
            throws IOException {
        return new DriftDetector().compare(profile(TRAFFIC, reference, referenceRows),
                profile(TRAFFIC, current, rows), TRAFFIC.drift());
    }

    @Test
    void detectsDriftBetweenShiftedAndUnshiftedDataWithDistances() throws IOException {
        DriftReport report = compare(SyntheticData.of(TRAFFIC, 1), 5_000,
                SyntheticData.of(TRAFFIC, 2).withShift(0.5), 5_000);
        assertEquals("distances", report.regime());
        assertTrue(report.datasetDrift(), report.toString());
        assertEquals(7, report.columns().size(), "one verdict per feature column");
        assertTrue(report.column("duration").drift());
        assertEquals(DriftDetector.WASSERSTEIN, report.column("duration").method());
        assertEquals(DriftDetector.JENSEN_SHANNON, report.column("protocol_type").method());
        assertTrue(report.column("protocol_type").drift());
        assertTrue(report.column("src_bytes").psiShift(), "PSI sees the shift too");
    }

    @Test
    void findsNoDriftBetweenTwoSamplesOfTheSameDistribution() throws IOException {
        DriftReport large = compare(SyntheticData.of(TRAFFIC, 1), 5_000, SyntheticData.of(TRAFFIC, 2), 5_000);
        assertFalse(large.datasetDrift(), large.toString());
        assertEquals(0, large.driftedColumns(), large.toString());
        assertTrue(large.columns().stream().allMatch(c -> c.psi() < 0.1), large.toString());

        DriftReport small = compare(SyntheticData.of(TRAFFIC, 3), 800, SyntheticData.of(TRAFFIC, 4), 800);
        assertEquals("statistical_tests", small.regime());
        assertFalse(small.datasetDrift(), small.toString());
    }

    @Test
    void detectsDriftWithTestsWhenTheReferenceIsSmall() throws IOException {
        DriftReport report = compare(SyntheticData.of(TRAFFIC, 1), 800,
                SyntheticData.of(TRAFFIC, 2).withShift(0.5), 800);
        assertEquals("statistical_tests", report.regime());
        assertTrue(report.datasetDrift(), report.toString());
        ColumnDrift duration = report.column("duration");
        assertEquals(DriftDetector.KS, duration.method());
        assertTrue(duration.pValue() < 0.05 && duration.drift());
    }

    @Test
    void choosesKolmogorovSmirnovAndChiSquaredUpToSmallReferenceRows() throws IOException {
        DataProfile reference = profile(TRAFFIC, SyntheticData.of(TRAFFIC, 1), 1_000);
        DataProfile current = profile(TRAFFIC, SyntheticData.of(TRAFFIC, 2), 1_000);
        DriftReport tests = new DriftDetector().compare(reference, current, TRAFFIC.drift());
        assertEquals(DriftDetector.KS, tests.column("src_bytes").method());
        assertEquals(DriftDetector.CHI_SQUARED, tests.column("protocol_type").method());
        assertEquals(DriftDetector.CHI_SQUARED, tests.column("service").method());
        assertNotNull(tests.column("src_bytes").pValue());

        DriftSettings lower = new DriftSettings(0.05, 0.1, 0.1, 0.2, 999, 0.5);
        DriftReport distances = new DriftDetector().compare(reference, current, lower);
        assertEquals(DriftDetector.WASSERSTEIN, distances.column("src_bytes").method());
        assertEquals(DriftDetector.JENSEN_SHANNON, distances.column("protocol_type").method());
        assertNull(distances.column("src_bytes").pValue(), "a distance has no p-value");
    }

    @Test
    void comparesFewValuedNumericColumnsAsCategories() throws IOException {
        DataSchema phishing = SchemaLoader.load(RepoSchemas.phishing()).schema();
        DataProfile reference = profile(phishing, SyntheticData.of(phishing, 1), 500);
        DataProfile current = profile(phishing, SyntheticData.of(phishing, 2), 500);
        DriftReport report = new DriftDetector().compare(reference, current, phishing.drift());
        assertTrue(report.columns().stream().allMatch(c -> c.method().equals(DriftDetector.CHI_SQUARED)));
        assertFalse(report.datasetDrift());
    }

    @Test
    void givesNoVerdictOnASingleCurrentValueInsteadOfFailing() throws IOException {
        DataProfile reference = profile(TRAFFIC, SyntheticData.of(TRAFFIC, 1), 300);
        DataProfile current = profile(TRAFFIC, SyntheticData.of(TRAFFIC, 2).withMissingRate(0), 1);
        DriftReport report = new DriftDetector().compare(reference, current, TRAFFIC.drift());
        assertEquals(DriftDetector.NONE, report.column("duration").method());
        assertFalse(report.column("duration").drift());
        assertEquals(DriftDetector.CHI_SQUARED, report.column("protocol_type").method());
    }

    @Test
    void attachesDriftToTheValidationReportInTheSamePass() throws IOException {
        DataProfile reference = profile(TRAFFIC, SyntheticData.of(TRAFFIC, 1), 3_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticData.of(TRAFFIC, 2).withShift(0.6).write(3_000, out, null);
        try (CsvRecordSource source = CsvRecordSource.open("shifted.csv",
                new ByteArrayInputStream(out.toByteArray()), TRAFFIC)) {
            ValidationReport report = new Validator().validate(source, TRAFFIC,
                    ValidationOptions.DEFAULTS.withReference(reference, null));
            assertTrue(report.valid());
            assertTrue(report.drift().datasetDrift());
            assertTrue(report.toJson().contains("\"dataset_drift\" : true"), report.toJson());
        }
    }
}
