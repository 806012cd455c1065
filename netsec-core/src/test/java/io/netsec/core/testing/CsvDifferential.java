package io.netsec.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.netsec.core.Detector;
import io.netsec.core.data.CellProblem;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RowEncoder;
import io.netsec.core.data.TableHeader;
import io.netsec.core.stream.CsvScoring;
import io.netsec.core.stream.StreamScoring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The same CSV bytes scored two ways, for differential tests: record by record (Jackson's
 * cells, {@link StreamScoring}, each scored row also checked against the model's reference walk
 * on the same cells) and by blocks ({@link CsvScoring}: the engine's byte-level plans).
 */
public final class CsvDifferential {

    private static final CsvMapper JACKSON = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private CsvDifferential() {
    }

    /**
     * Every scored row as "cells|prediction|probability", then every reject, by the record-by-record
     * path; each probability is asserted equal, bit for bit, to {@link #referenceProbability}.
     */
    public static List<String> reference(Detector detector, byte[] csv) throws Exception {
        List<String> rows = new ArrayList<>();
        List<String> rejects = new ArrayList<>();
        try (CsvRecordSource source = CsvRecordSource.open("in.csv", new ByteArrayInputStream(csv), detector.schema())) {
            TableHeader header = source.header();
            StreamScoring.run(detector, source, 1, new StreamScoring.Sink() {
                @Override
                public void scored(RawRecord record, double probability) {
                    assertEquals(referenceProbability(detector, header, record), probability, 0,
                            "row " + record.row() + ": the engine against the reference walk");
                    rows.add(String.join("|", record.cells()) + "|" + detector.predictionOf(probability).label()
                            + "|" + probability);
                }

                @Override
                public void rejected(RawRecord record, DataException problem) {
                    rejects.add(record.row() + "!" + problem.getMessage());
                }
            });
        }
        rows.addAll(rejects); // as blocks() lists them: scored rows, then rejects in row order
        return rows;
    }

    /**
     * The probability of a valid record by the definitions alone: each feature cell through
     * {@link RowEncoder#encodeCell}, the fitted transformation, and the model's reference walk.
     */
    public static double referenceProbability(Detector detector, TableHeader header, RawRecord record) {
        RowEncoder encoder = RowEncoder.frozen(detector.schema(), detector.bundle().manifest().vocabularies());
        double[] raw = new double[encoder.features().size()];
        for (int f = 0; f < raw.length; f++) {
            String cell = record.cell(header.sourceIndex(encoder.schemaIndexOfFeature(f)));
            assertEquals(CellProblem.NONE, encoder.encodeCell(f, cell, raw), "a scored row's cell '" + cell + "'");
        }
        return detector.bundle().model().threatProbability(detector.bundle().manifest().transform().apply(raw));
    }

    /**
     * The same, by the block path, reading its output back with Jackson; a family bundle's
     * {@code family} column (checked by FamilyCsvScoringTest) is left out, so that the rows
     * compare with the reference's.
     */
    public static List<String> blocks(Detector detector, byte[] csv, int threads) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> rejects = new ArrayList<>();
        CsvScoring.Totals totals;
        try (CsvScoring scoring = CsvScoring.open(detector, "in.csv", new ByteArrayInputStream(csv))) {
            totals = scoring.scoreTo(out, threads, (record, problem) -> rejects.add(record.row() + "!" + problem.getMessage()),
                    scored -> { });
        }
        List<String> rows = new ArrayList<>();
        try (MappingIterator<String[]> read = JACKSON.readerFor(String[].class).readValues(out.toByteArray())) {
            String[] header = read.nextValue();
            int family = detector.hasFamilies() ? 1 : 0;
            assertEquals("prediction", header[header.length - 2 - family]);
            if (family == 1) {
                assertEquals("family", header[header.length - 1]);
            }
            while (read.hasNextValue()) {
                String[] cells = read.nextValue();
                rows.add(String.join("|", java.util.Arrays.copyOf(cells, cells.length - family)));
            }
        }
        assertEquals(rows.size(), totals.scored());
        assertEquals(rejects.size(), totals.rejected());
        rows.addAll(rejects);
        return rows;
    }

    /** Whether {@code text} holds a digit of another script than ASCII (Arabic-Indic, full-width, ...). */
    public static boolean hasOtherDigit(String text) {
        return text.codePoints().anyMatch(c -> c > 127 && Character.isDigit(c));
    }

    /** Names the first row that differs (the lists are too long to read whole). */
    public static void assertSameRows(List<String> expected, List<String> actual, String label) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), label + ", row " + i);
        }
        assertEquals(expected.size(), actual.size(), label + ": rows");
    }
}
