package io.netsec.cli;

import io.netsec.ingestion.DataInput;
import io.netsec.ingestion.file.OutputFile;
import io.netsec.ingestion.file.OutputFileRefusedException;
import io.netsec.ingestion.file.RecordSources;
import com.fasterxml.jackson.databind.SequenceWriter;
import io.netsec.core.Detector;
import io.netsec.core.FamilyScore;
import io.netsec.core.Prediction;
import io.netsec.core.data.CsvOutput;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RecordSource;
import io.netsec.core.engine.RecordScorer;
import io.netsec.core.stream.CsvScoring;
import io.netsec.core.stream.StreamScoring;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netsec predict}: streams a file through a model bundle, constant memory whatever its size. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {
                "Scores every row of a CSV file with a model bundle.",
                "The output has every input column plus 'prediction' (the label as the schema spells it) and",
                "'probability' (of the threat class). The label column may be absent from the input.",
                "A bundle that tells attack families apart adds 'family': for a threat, its most probable",
                "family; for a benign row, the benign class's name. The summary counts the rows per family.",
        },
        footerHeading = "%nExample:%n",
        footer = {
                "  netsec predict --model-dir final_model --input network_data/phishing.csv --output prediction_output/scored.csv",
                "  netsec predict --model-dir final_model --database netsec --collection phishing --query '{\"_row\": {\"$lte\": 100}}' \\",
                "      --output prediction_output/scored.csv   (URI from MONGODB_URI)",
        })
public final class PredictCommand implements Callable<Integer> {


    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    /** Where the model bundle is when {@code --model-dir} is not given. */
    static final String DEFAULT_MODEL_DIR = "final_model";

    @Option(names = "--model-dir", defaultValue = DEFAULT_MODEL_DIR, description = "The model bundle (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ScoringInput input;

    /** What to score: {@code --input FILE} or a collection, exactly one. */
    static final class ScoringInput {
        @Option(names = "--input", required = true, description = "The CSV file to score.")
        Path file;

        @ArgGroup(exclusive = false, heading = "Or score the documents of a MongoDB collection:%n")
        CollectionSourceOptions collection;
    }

    @Option(names = "--output", description = "Where the scored CSV goes (default: prediction_output/<input name>-predictions.csv;"
            + " <collection>-predictions.csv for a collection); '-' for standard output. A file there is replaced once"
            + " the run is complete; a device or FIFO is written as a stream; the input, a folder or a link is refused.")
    Path output;

    @Option(names = "--skip-invalid", description = "Write rows that break the schema to a reject file with the reason, instead of stopping.")
    boolean skipInvalid;

    @Option(names = "--threads", description = "Threads that score (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    /** Which probabilities the output has. */
    enum Probabilities { THREAT, ALL }

    @Option(names = "--probabilities", defaultValue = "THREAT", paramLabel = "threat|all", description = "'threat' (default):"
            + " the threat probability only, in 'probability'. 'all' (a bundle with attack families only; refused with"
            + " exit 64 otherwise): also one column 'probability_<class>' per class after 'family', the probability of"
            + " that class (the benign class first, then each family; they add up to 1, and 'probability' is one minus"
            + " the benign class's).")
    Probabilities probabilities;

    @Option(names = "--rejects", description = "The reject file with --skip-invalid (default: <output>.rejects.csv;"
            + " needed when the output is not a file).")
    Path rejects;

    @Override
    public Integer call() throws Exception {
        common.verbose();
        if (threads < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        if (input.file != null) {
            InputFiles.requireFile(input.file);
        }
        InputFiles.requireFolderIfPresent(modelDir);
        DataInput data = DataSourceOptions.inputOf(input.file, input.collection);
        String inputName = input.file != null ? input.file.getFileName().toString().replaceFirst("\\.[^.]*$", "")
                : input.collection.collection;
        Path target = output != null ? output : Path.of("prediction_output", inputName + "-predictions.csv");
        // Looked at before the model is taken or a row read: nothing read may be written over.
        List<Path> reads = input.file != null ? List.of(input.file, modelDir) : List.of(modelDir);
        OutputFile.Kind kind = OutputFile.check(target, reads);
        Path rejectFile = skipInvalid ? rejectFile(target, kind, reads) : null;
        Detector detector = BundleReadAhead.load(modelDir);
        if (probabilities == Probabilities.ALL && !detector.hasFamilies()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--probabilities all needs a bundle that"
                    + " tells attack families apart; " + modelDir + " scores threat or benign only (its one probability is"
                    + " the 'probability' column)");
        }
        long started = System.nanoTime();
        var err = spec.commandLine().getErr();
        Counts counts = new Counts();
        try (OutputFile scoredOut = OutputFile.open(target, reads);
             OutputFile rejectsOut = rejectFile == null ? null : OutputFile.open(rejectFile, withOutput(reads, target))) {
            if (input.file != null && !RecordSources.isArff(input.file)) {
                scoreCsvFile(detector, scoredOut, rejectsOut, counts, err);
            } else {
                scoreRecords(data, detector, scoredOut, rejectsOut, counts, err);
            }
            scoredOut.commit();
            if (rejectsOut != null && counts.rejected > 0) {
                rejectsOut.commit();
            } // else closing drops the partial reject file: no reject, no file
        }
        long scored = counts.scored;
        long threats = counts.threats;
        long rejected = counts.rejected;
        double seconds = (System.nanoTime() - started) / 1e9;
        // with the rows on standard output, the summary goes to stderr
        boolean rowsOnStdout = kind == OutputFile.Kind.STDOUT || rejectFile != null && rejectFile.toString().equals(OutputFile.STDOUT);
        var out = rowsOnStdout ? err : spec.commandLine().getOut();
        // built without java.util.Formatter, whose first use loads the locale data: some 20 ms
        // at the end of a run that may take a second
        var label = detector.schema().label();
        out.println("Scored " + grouped(scored) + " rows (" + grouped(threats) + " " + threatsWord(label) + ", "
                + oneDecimal(scored == 0 ? 0.0 : 100.0 * threats / scored) + "%; " + grouped(scored - threats) + " "
                + benignWord(label) + ") in " + oneDecimal(seconds) + " s: " + target);
        if (!counts.families.isEmpty()) {
            out.println(familiesLine(counts.families));
        }
        if (skipInvalid) {
            out.println("Rejected " + grouped(rejected) + " rows" + (rejected > 0 ? ": " + rejectFile : ""));
        }
        out.flush();
        if (Boolean.getBoolean(AOT_TRAINING) && input.file != null && !RecordSources.isArff(input.file)) {
            trainTheAheadOfTimeCache(detector, scored);
        }
        return ExitCodes.OK;
    }

    /**
     * The reject file of {@code --skip-invalid}: {@code --rejects}, or the output's name with
     * {@code .rejects.csv} when the output is a file. Neither an input nor the output.
     */
    private Path rejectFile(Path target, OutputFile.Kind kind, List<Path> reads) throws java.io.IOException {
        if (rejects == null && kind != OutputFile.Kind.FILE) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--skip-invalid with --output " + target
                    + " (standard output, a device or a FIFO) needs --rejects FILE: the reject file is named after a file output only");
        }
        Path file = rejects != null ? rejects : Path.of(target + ".rejects.csv");
        if (OutputFile.sameFile(file, target)) {
            throw new OutputFileRefusedException(file, "is the output file too; choose another --rejects file");
        }
        OutputFile.check(file, withOutput(reads, target));
        return file;
    }

    private static List<Path> withOutput(List<Path> reads, Path target) {
        List<Path> all = new java.util.ArrayList<>(reads);
        if (!target.toString().equals(OutputFile.STDOUT)) {
            all.add(target);
        }
        return all;
    }

    /**
     * Set by the netsec launcher on the run that records predict's ahead-of-time cache. The cache
     * keeps how often each method ran, and a first run on a small file (the README's 11,055 rows)
     * ends before the JIT has compiled the scoring loops: later runs would start from profiles
     * barely begun. A million-row run took 1.03 s with a cache recorded over 276,000 rows and
     * 1.14 s with one recorded over 11,055 (BENCHMARKS.md).
     */
    static final String AOT_TRAINING = "netsec.aot.training";
    /** Rows the recording run scores in all, at most, and for how long at most. */
    private static final long TRAINING_ROWS = 250_000;
    private static final long TRAINING_NANOS = 1_000_000_000L;

    /**
     * The schema's name of the threat class (phishing, attack); "threats" when it is a number (a
     * schema that names none, e.g. an older bundle's -1), which says nothing in a summary.
     */
    static String threatsWord(io.netsec.core.schema.LabelSpec label) {
        return isNumber(label.threatName()) ? "threats" : label.threatName();
    }

    /** The schema's name of the benign class (legitimate, normal); "benign" when it is a number. */
    static String benignWord(io.netsec.core.schema.LabelSpec label) {
        return isNumber(label.benignName()) ? "benign" : label.benignName();
    }

    private static boolean isNumber(String name) {
        return name.matches("[-+]?[0-9]+(\\.[0-9]+)?");
    }

    /**
     * After the output is written, scores the input again into nothing (its own bundle and rows,
     * so the recorded profile is this workload's) until about {@value #TRAINING_ROWS} rows have
     * gone through or a second has passed. Rows that break the schema were reported by the run
     * itself; here they are passed over.
     */
    private void trainTheAheadOfTimeCache(Detector detector, long alreadyScored) throws java.io.IOException {
        long deadline = System.nanoTime() + TRAINING_NANOS;
        long total = alreadyScored;
        while (total > 0 && total < TRAINING_ROWS && System.nanoTime() < deadline) {
            try (CsvScoring scoring = CsvScoring.open(detector, input.file.toString(), Files.newInputStream(input.file))) {
                long scored = scoring.scoreTo(OutputStream.nullOutputStream(), threads, (record, problem) -> { },
                        rows -> { }).scored();
                if (scored == 0) {
                    return;
                }
                total += scored;
            }
        }
    }

    /**
     * A CSV file: cut into blocks that worker threads parse, score and format (the fast path;
     * the output keeps each input row's bytes as they were).
     */
    private void scoreCsvFile(Detector detector, OutputFile scoredOut, OutputFile rejectsOut, Counts counts,
                              java.io.PrintWriter err) throws Exception {
        try (CsvScoring scoring = CsvScoring.open(detector, input.file.toString(), Files.newInputStream(input.file),
                probabilities == Probabilities.ALL);
             OutputStream out = new BufferedOutputStream(scoredOut.stream(), 1 << 16);
             RejectWriter rejectWriter = rejectsOut != null
                     ? new RejectWriter(rejectsOut.stream(), scoring.header().sourceColumns(), false) : null) {
            long[] reported = {0};
            CsvScoring.Totals totals = scoring.scoreTo(out, threads,
                    rejectWriter == null ? null : (record, problem) -> rejectWriter.write(record, problem.getMessage()),
                    scored -> {
                        if (scored / 1_000_000 > reported[0]) {
                            reported[0] = scored / 1_000_000;
                            common.progress(err, "scored %,d rows", scored);
                        }
                    });
            counts.scored = totals.scored();
            counts.threats = totals.threats();
            counts.rejected = totals.rejected();
            counts.families.putAll(totals.families());
        }
    }

    /**
     * Any other source (ARFF, a collection): records one by one through {@link StreamScoring}; with
     * a bundle of attack families, on the calling thread through the class model's reference walk.
     */
    private void scoreRecords(DataInput data, Detector detector, OutputFile scoredOut, OutputFile rejectsOut, Counts counts,
                              java.io.PrintWriter err) throws Exception {
        NetsecCommand.quietLogs(); // an ARFF file goes through Weka's loader
        try (RecordSource source = data.open(detector.schema());
             Writer writer = new BufferedWriter(new OutputStreamWriter(scoredOut.stream(), StandardCharsets.UTF_8), 1 << 16);
             SequenceWriter rows = CsvOutput.rows(writer, withScoreColumns(source.header().sourceColumns(), detector));
             RejectWriter rejectWriter = rejectsOut != null
                     ? new RejectWriter(rejectsOut.stream(), source.header().sourceColumns(), input.collection != null) : null) {
            StreamScoring.Sink sink = new StreamScoring.Sink() {
                @Override
                public void scored(RawRecord record, double probability) throws java.io.IOException {
                    write(record, detector.predictionOf(probability), null, rows, counts, err);
                }

                @Override
                public void rejected(RawRecord record, DataException problem) throws java.io.IOException {
                    if (rejectWriter == null) {
                        throw problem;
                    }
                    rejectWriter.write(record, problem.getMessage());
                    counts.rejected++;
                }
            };
            if (!detector.hasFamilies()) {
                StreamScoring.run(detector, source, threads, sink);
                return;
            }
            detector.classNames().forEach(name -> counts.families.put(name, 0L));
            RecordScorer scorer = detector.recordScorer(source.header());
            for (RawRecord record; (record = source.next()) != null; ) {
                FamilyScore score;
                try {
                    score = detector.familyScoreOf(scorer.classProbabilities(record));
                } catch (DataException problem) {
                    sink.rejected(record, problem);
                    continue;
                }
                write(record, detector.predictionOf(score.threatProbability()), score, rows, counts, err);
            }
        }
    }

    /** One scored row: its cells, the prediction and probability, and a family bundle's family (and probabilities). */
    private void write(RawRecord record, Prediction prediction, FamilyScore family, SequenceWriter rows, Counts counts,
                       java.io.PrintWriter err) throws java.io.IOException {
        int extra = family == null ? 2 : probabilities == Probabilities.ALL ? 3 + family.classes().size() : 3;
        String[] cells = Arrays.copyOf(record.cells(), record.cells().length + extra);
        int at = record.cells().length;
        cells[at++] = prediction.label();
        cells[at++] = Double.toString(prediction.probability());
        if (family != null) {
            cells[at++] = family.family();
            counts.families.merge(family.family(), 1L, Long::sum);
            if (probabilities == Probabilities.ALL) {
                for (double p : family.probabilities()) {
                    cells[at++] = Double.toString(p);
                }
            }
        }
        rows.write(cells);
        counts.scored++;
        if (prediction.threat()) {
            counts.threats++;
        }
        if (counts.scored % 1_000_000 == 0) {
            common.progress(err, "scored %,d rows", counts.scored);
        }
    }

    /** The summary's rows per family: {@code By family: normal 9,120, dos 1,533, probe 128}. */
    static String familiesLine(java.util.Map<String, Long> families) {
        StringBuilder line = new StringBuilder("By family:");
        String separator = " ";
        for (var family : families.entrySet()) {
            line.append(separator).append(family.getKey()).append(' ').append(grouped(family.getValue()));
            separator = ", ";
        }
        return line.toString();
    }

    /** {@code 1234567} as {@code 1,234,567}. */
    static String grouped(long count) {
        String digits = Long.toString(count);
        StringBuilder text = new StringBuilder();
        int first = count < 0 ? 1 : 0;
        for (int i = 0; i < digits.length(); i++) {
            if (i > first && (digits.length() - i) % 3 == 0) {
                text.append(',');
            }
            text.append(digits.charAt(i));
        }
        return text.toString();
    }

    /** {@code x} rounded to one decimal, as {@code %.1f} writes it in an English locale. */
    static String oneDecimal(double x) {
        long tenths = Math.round(Math.abs(x) * 10);
        return (x < 0 && tenths != 0 ? "-" : "") + tenths / 10 + "." + tenths % 10;
    }

    /** What was written, counted on the thread that writes; a family bundle's rows per family, in class order. */
    private static final class Counts {
        long scored;
        long threats;
        long rejected;
        final java.util.Map<String, Long> families = new java.util.LinkedHashMap<>();
    }

    private List<String> withScoreColumns(List<String> columns, Detector detector) {
        List<String> header = new java.util.ArrayList<>(columns);
        header.add("prediction");
        header.add("probability");
        if (detector.hasFamilies()) {
            header.add("family");
            if (probabilities == Probabilities.ALL) {
                detector.classNames().forEach(name -> header.add("probability_" + name));
            }
        }
        return header;
    }
}
