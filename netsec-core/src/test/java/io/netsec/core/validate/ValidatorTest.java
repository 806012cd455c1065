package io.netsec.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.DataException;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RecordSource;
import io.netsec.core.data.TableHeader;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static final DataSchema SMALL = SchemaLoader.parse("small.yaml", """
            name: small
            columns:
              - {name: id, type: string, role: id}
              - {name: n, type: integer, min: 0, max: 100}
              - {name: x, type: number, nullable: true}
              - {name: kind, type: categorical, allowed: [a, b]}
              - {name: y, type: string, role: label}
            label: {column: y, threat: [bad], benign: [good]}
            """.getBytes(StandardCharsets.UTF_8)).schema();

    private static ValidationReport phishing;

    @BeforeAll
    static void validatePhishingData() throws IOException {
        DataSchema schema = SchemaLoader.load(TestData.phishingSchema()).schema();
        try (CsvRecordSource source = CsvRecordSource.open(TestData.phishingCsv(), schema)) {
            phishing = new Validator().validate(source, schema, ValidationOptions.DEFAULTS);
        }
    }

    private static ValidationReport validate(String csv, ValidationOptions options) throws IOException {
        try (CsvRecordSource source = CsvRecordSource.open("t.csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), SMALL)) {
            return new Validator().validate(source, SMALL, options);
        }
    }

    private static ValidationReport validate(String csv) throws IOException {
        return validate(csv, ValidationOptions.DEFAULTS);
    }

    @Test
    void readsEveryPhishingRowAndFindsItValid() {
        assertEquals(11_055, phishing.rowsRead());
        assertTrue(phishing.valid());
        assertEquals(0, phishing.problemCount());
        assertTrue(phishing.missingColumns().isEmpty());
        assertTrue(phishing.unexpectedColumns().isEmpty());
        assertEquals("phishing", phishing.schema());
        assertEquals(31, phishing.missingValues().size());
        assertTrue(phishing.missingValues().values().stream().allMatch(n -> n == 0));
    }

    @Test
    void countsExactDuplicateRowsInPhishingData() {
        // 5,785 distinct feature vectors, 64 of them with both labels: 5,849 distinct rows.
        assertEquals(5_849, phishing.duplicates().distinctRows());
        assertEquals(5_206, phishing.duplicates().duplicateRows());
    }

    @Test
    void reportsSixtyFourConflictingVectorsInPhishingData() {
        assertEquals(5_785, phishing.conflicts().distinctFeatureVectors());
        assertEquals(64, phishing.conflicts().conflictingVectors());
        assertEquals(357, phishing.conflicts().rowsCovered());
    }

    @Test
    void reportsPhishingClassBalance() {
        assertEquals(4_898, phishing.classBalance().threat());
        assertEquals(6_157, phishing.classBalance().benign());
        assertEquals(0, phishing.classBalance().unlabelled());
        assertEquals(4_898 / 11_055.0, phishing.classBalance().threatShare(), 1e-12);
    }

    @Test
    void serialisesToJsonWithSnakeCaseKeys() throws IOException {
        JsonNode json = new ObjectMapper().readTree(phishing.toJson());
        assertEquals(11_055, json.get("rows_read").asLong());
        assertEquals(64, json.at("/conflicts/conflicting_vectors").asLong());
        assertEquals(5_206, json.at("/duplicates/duplicate_rows").asLong());
        assertEquals(4_898, json.at("/class_balance/threat").asLong());
        assertTrue(json.get("valid").asBoolean());
        assertFalse(json.has("drift"), "no reference, no drift section");
    }

    @Test
    void namesRowAndColumnOfEachKindOfCellProblem() throws IOException {
        ValidationReport report = validate("""
                id,n,x,kind,y
                r1,5,0.5,a,good
                r2,seven,0.5,a,good
                r3,5,abc,a,bad
                r4,500,1,a,bad
                r5,5,1,c,good
                r6,,1,a,good
                r7,5,1,a,ugly
                r8,5,1
                r9,5,,b,
                """);
        assertFalse(report.valid());
        List<String> found = new ArrayList<>();
        for (CellIssue issue : report.problems()) {
            found.add(issue.row() + ":" + issue.column() + ":" + issue.kind() + ":" + issue.value());
        }
        assertEquals(List.of(
                "2:n:WRONG_TYPE:seven",
                "3:x:WRONG_TYPE:abc",
                "4:n:OUT_OF_RANGE:500",
                "5:kind:NOT_ALLOWED:c",
                "6:n:MISSING:",
                "7:y:UNKNOWN_LABEL:ugly",
                "8:null:RAGGED_ROW:3 cells, the header has 5",
                "9:y:MISSING:"), found);
        assertEquals(8, report.problemCount());
        assertEquals(1, report.count("n", ProblemKind.WRONG_TYPE));
        assertEquals(1, report.count(null, ProblemKind.RAGGED_ROW));
        assertEquals(1, report.missingValues().get("x"), "x is nullable: its empty cell is counted, not a fault");
        assertEquals(1, report.missingValues().get("y"));
        assertEquals(ClassBalance.of(2, 4, 2), report.classBalance(), "r7 and r9 have no class; ragged r8 is not counted");
    }

    /** The rows of {@code csv} as a collection's documents would come: each with its {@code _id}. */
    private static RecordSource asDocuments(String csv) throws IOException {
        CsvRecordSource file = CsvRecordSource.open("db.c", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), SMALL);
        return new RecordSource() {
            @Override
            public TableHeader header() {
                return file.header();
            }

            @Override
            public RawRecord next() throws IOException {
                RawRecord record = file.next();
                return record == null ? null : new RawRecord(record.row(), record.cells(), "'doc-" + record.cell(0) + "'");
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    @Test
    void namesTheDocumentOfEachProblemWhenTheRowsAreDocuments() throws IOException {
        String csv = """
                id,n,x,kind,y
                r1,5,0.5,a,good
                r2,seven,0.5,a,good
                """;
        ValidationReport report;
        try (RecordSource documents = asDocuments(csv)) {
            report = new Validator().validate(documents, SMALL, ValidationOptions.DEFAULTS);
        }
        CellIssue issue = report.problems().get(0);
        assertEquals("'doc-r2'", issue.documentId());
        assertEquals(2, issue.row());
        assertEquals("'doc-r2'", new ObjectMapper().readTree(report.toJson()).at("/problems/0/document_id").asText());
        JsonNode fromFile = new ObjectMapper().readTree(validate(csv).toJson()).at("/problems/0");
        assertFalse(fromFile.has("document_id"), "a file's rows are found by their number: " + fromFile);

        try (RecordSource documents = asDocuments(csv)) {
            DataException problem = assertThrows(DataException.class, () -> DatasetReader.read(documents, SMALL, null, null));
            assertEquals("db.c, row 2, column 'n': document _id 'doc-r2': not an integer: 'seven'", problem.getMessage());
        }
    }

    @Test
    void listsOnlyTheFirstProblemsButCountsThemAll() throws IOException {
        StringBuilder csv = new StringBuilder("id,n,x,kind,y\n");
        for (int i = 0; i < 50; i++) {
            csv.append("r").append(i).append(",-1,1,a,good\n");
        }
        ValidationReport report = validate(csv.toString(), ValidationOptions.DEFAULTS.withMaxProblems(3));
        assertEquals(3, report.problems().size());
        assertEquals(50, report.problemCount());
        assertEquals(List.of(new ProblemCount("n", ProblemKind.OUT_OF_RANGE, 50)), report.problemCounts());
        assertEquals(3, report.problems().get(2).row());
    }

    @Test
    void reportsMissingAndUnexpectedColumns() throws IOException {
        ValidationReport report = validate("id,n,kind,y,extra\nr1,5,a,good,zzz\n");
        assertEquals(List.of("x"), report.missingColumns());
        assertEquals(List.of("extra"), report.unexpectedColumns());
        assertFalse(report.valid(), "a missing column makes the data invalid");
        assertEquals(0, report.problemCount());
        assertNull(report.missingValues().get("x"));
    }

    @Test
    void ignoresIdsWhenComparingRowsAndFindsConflicts() throws IOException {
        ValidationReport report = validate("""
                id,n,x,kind,y
                r1,5,1,a,good
                r2,5,1,a,good
                r3,5,1.0,a,good
                r4,5,1,a,bad
                r5,6,,b,bad
                r6,6,NA,b,bad
                """);
        assertTrue(report.valid());
        assertEquals(2, report.duplicates().duplicateRows(), "r2 repeats r1 and r6 repeats r5 (both missing)");
        assertEquals(4, report.duplicates().distinctRows());
        assertEquals(1, report.conflicts().conflictingVectors());
        assertEquals(3, report.conflicts().rowsCovered(), "r1, r2 and r4; r3 spells 1.0");
        assertEquals(ClassBalance.of(3, 3, 0), report.classBalance());
    }

    @Test
    void reportsProgressWhileStreaming() throws IOException {
        List<Long> calls = new ArrayList<>();
        validate("id,n,x,kind,y\nr1,5,1,a,good\nr2,5,1,a,good\n", ValidationOptions.DEFAULTS.withProgress(calls::add));
        assertEquals(List.of(2L), calls);
    }
}
