package io.netsec.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsec.core.Detector;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.LabelClasses;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.testing.CsvDifferential;
import io.netsec.core.testing.TestData;
import io.netsec.core.testing.TinyModels;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.TransformFitter;
import io.netsec.core.transform.TransformOptions;
import io.netsec.core.validate.ValidationOptions;
import io.netsec.core.validate.ValidationReport;
import io.netsec.core.validate.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Files without a header line ({@code header: false}): columns by position, in every reader of files. */
class HeaderlessFileTest {

    private static final LoadedSchema HEADERLESS = SchemaLoader.parse("flows.yaml",
            ("header: false\n" + TinyModels.SCHEMA_YAML).getBytes(StandardCharsets.UTF_8));
    /** The tiny data without its header line. */
    private static final String ROWS = TinyModels.CSV.substring(TinyModels.CSV.indexOf('\n') + 1);

    private static CsvRecordSource open(String csv, DataSchema schema) throws IOException {
        return CsvRecordSource.open("rows.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), schema);
    }

    @Test
    void readsTheSameDataAsTheFileWithAHeader() throws Exception {
        Dataset withHeader = TinyModels.dataset();
        Dataset headerless;
        try (CsvRecordSource source = open(ROWS, HEADERLESS.schema())) {
            assertEquals(List.of("id", "bytes", "proto", "service", "label"), source.header().sourceColumns());
            headerless = DatasetReader.read(source, HEADERLESS.schema(), null, null);
        }
        assertEquals(withHeader.size(), headerless.size());
        assertTrue(Arrays.deepEquals(withHeader.rows(), headerless.rows()));
        assertEquals(Arrays.toString(withHeader.labels()), Arrays.toString(headerless.labels()));
        assertEquals(Arrays.toString(new long[] {1, 2, 3, 4, 5, 6}), Arrays.toString(headerless.rowNumbers()),
                "the first line is row 1");
    }

    @Test
    void aFirstLineThatLooksLikeAHeaderIsNamed() throws Exception {
        DataException named = assertThrows(DataException.class, () -> open(TinyModels.CSV, HEADERLESS.schema()));
        assertEquals(1, named.row());
        assertTrue(named.getMessage().contains("the first line names the columns, but the schema says 'header: false'"),
                named.getMessage());
        // a header with other names: the first cell of a numeric column that is not a number, at row 1
        String renamed = "key,size,protocol,svc,class\n" + ROWS;
        try (CsvRecordSource source = open(renamed, HEADERLESS.schema())) {
            DataException e = assertThrows(DataException.class,
                    () -> DatasetReader.read(source, HEADERLESS.schema(), null, null));
            assertEquals(1, e.row());
            assertEquals("bytes", e.column());
        }
        try (CsvRecordSource source = open(renamed, HEADERLESS.schema())) {
            ValidationReport report = new Validator().validate(source, HEADERLESS.schema(), ValidationOptions.DEFAULTS);
            assertEquals(false, report.valid());
            assertEquals(1, report.problems().get(0).row());
            assertEquals("bytes", report.problems().get(0).column());
        }
    }

    @Test
    void extraTrailingCellsAreRefusedAndMissingTrailingColumnsAreMissing() throws Exception {
        DataException wide = assertThrows(DataException.class, () -> open(ROWS.replace("\n", ",7\n"), HEADERLESS.schema()));
        assertEquals(1, wide.row());
        assertTrue(wide.getMessage().contains("the row has 6 cells but the schema names 5 columns by position"),
                wide.getMessage());
        // unlabelled rows (the label is the last column): scored, not trained on
        String unlabelled = "a,10,tcp,http\nd,900,icmp,ftp\n";
        try (CsvRecordSource source = open(unlabelled, HEADERLESS.schema())) {
            assertEquals(List.of("label"), source.header().missingColumns());
            source.header().requireColumns(HEADERLESS.schema(), true);
            DataException e = assertThrows(DataException.class,
                    () -> DatasetReader.read(source, HEADERLESS.schema(), null, null));
            assertEquals("rows.csv, header, column 'label': missing column [label] (the first row has 4 columns)",
                    e.getMessage(), "training needs the label");
        }
    }

    @Test
    void scoresAHeaderlessCsvAsTheSameFileWithAHeader() throws Exception {
        Dataset data;
        try (CsvRecordSource source = open(ROWS, HEADERLESS.schema())) {
            data = DatasetReader.read(source, HEADERLESS.schema(), null, null);
        }
        int[] all = new int[data.size()];
        Arrays.setAll(all, i -> i);
        FittedTransform transform = TransformFitter.fit(data, all, TransformOptions.DEFAULTS);
        Detector headerless = Detector.of(TinyModels.bundleOf(HEADERLESS, data, transform,
                TinyModels.bytesStump(transform.outputWidth())));
        Detector withHeader = Detector.of(TinyModels.bundle());
        byte[] rows = ROWS.getBytes(StandardCharsets.UTF_8);
        List<String> expected = CsvDifferential.blocks(withHeader, TinyModels.CSV.getBytes(StandardCharsets.UTF_8), 1);
        assertEquals(6, expected.size());
        assertEquals(expected, CsvDifferential.blocks(headerless, rows, 1), "the CSV driver");
        assertEquals(expected, CsvDifferential.blocks(headerless, rows, 2), "the CSV driver on two threads");
        assertEquals(CsvDifferential.reference(withHeader, TinyModels.CSV.getBytes(StandardCharsets.UTF_8)),
                CsvDifferential.reference(headerless, rows), "the record path");
        DataException named = assertThrows(DataException.class, () -> CsvDifferential.blocks(headerless,
                TinyModels.CSV.getBytes(StandardCharsets.UTF_8), 1));
        assertEquals(1, named.row());
    }

    @Test
    void unknownThreatRejectRefusesALabelledRowOfNoFamily() throws Exception {
        String yaml = TinyModels.SCHEMA_YAML.replace("label: {column: label, benign: [normal]}",
                "label: {column: label, benign: [normal], families: {dos: [neptune]}, unknown_threat: reject}");
        DataSchema schema = SchemaLoader.parse("flows.yaml", yaml.getBytes(StandardCharsets.UTF_8)).schema();
        try (CsvRecordSource source = open(TinyModels.CSV, schema)) {
            DataException e = assertThrows(DataException.class, () -> DatasetReader.read(source, schema, null, null));
            assertEquals(5, e.row());
            assertEquals("label", e.column());
            assertTrue(e.getMessage().startsWith("rows.csv, row 5, column 'label': threat 'smurf' is in none of the"
                    + " families [dos] and the schema says 'unknown_threat: reject'"), e.getMessage());
        }
        DataSchema other = SchemaLoader.parse("flows.yaml", yaml.replace(", unknown_threat: reject", "")
                .getBytes(StandardCharsets.UTF_8)).schema();
        try (CsvRecordSource source = open(TinyModels.CSV, other)) {
            assertEquals(6, DatasetReader.read(source, other, null, null).size(), "'other' takes it");
        }
    }

    @Test
    void readsTheNslKddHeadWithItsSchema() throws Exception {
        Path file = TestData.dataDir().resolve("nslkdd_train_head.txt");
        assumeTrue(Files.isRegularFile(file), "the NSL-KDD head is not at " + file.toAbsolutePath());
        DataSchema schema = SchemaLoader.load(TestData.repoDir().resolve("data_schema/nslkdd.yaml")).schema();
        Map<String, Integer> labels = new HashMap<>();
        Map<String, Integer> families = new TreeMap<>();
        LabelClasses classes = schema.label().classes();
        try (CsvRecordSource source = CsvRecordSource.open(file, schema)) {
            assertEquals(43, source.header().sourceColumns().size());
            int label = source.header().sourceIndex(schema.labelIndex());
            for (RawRecord record; (record = source.next()) != null; ) {
                labels.merge(record.cell(label), 1, Integer::sum);
                families.merge(classes.familyOf(record.cell(label)).orElseThrow(), 1, Integer::sum);
            }
        }
        assertEquals(10_781, labels.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(19, labels.size());
        assertEquals(5_714, labels.get("normal"));
        assertEquals(3_593, labels.get("neptune"));
        assertEquals(291, labels.get("ipsweep"));
        assertEquals(3, labels.get("buffer_overflow"));
        assertEquals(1, labels.get("phf"));
        // DoS 3,593+229+89+73+13, Probe 291+291+258+138, R2L 77+4+3+1+1+1+1, U2R 3+1
        assertEquals(Map.of("normal", 5_714, "dos", 3_997, "probe", 978, "r2l", 88, "u2r", 4), families);
        try (CsvRecordSource source = CsvRecordSource.open(file, schema)) {
            Dataset data = DatasetReader.read(source, schema, null, null);
            assertEquals(10_781, data.size());
            assertEquals(10_781 - 5_714, data.threatCount());
            assertEquals(41, data.featureCount());
        }
        try (CsvRecordSource source = CsvRecordSource.open(file, schema)) {
            ValidationReport report = new Validator().validate(source, schema, ValidationOptions.DEFAULTS);
            assertTrue(report.valid(), report.problems().toString());
            assertEquals(10_781, report.rowsRead());
        }
    }
}
