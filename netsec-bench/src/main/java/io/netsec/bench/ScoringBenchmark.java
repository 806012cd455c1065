package io.netsec.bench;

import io.netsec.core.engine.CompiledModel;
import io.netsec.core.model.PortableModel;
import io.netsec.training.model.TrainedModel;
import io.netsec.training.model.TrainingMatrix;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * In-process scoring, single-threaded: the core's compiled model against the training
 * library's own call (Weka's {@code distributionForInstance}, XGBoost4J's {@code predict}) on
 * the same model and the same random rows, per record and per batch. Times are per row.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -jar netsec-bench/target/benchmarks.jar ScoringBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScoringBenchmark {

    /** Rows scored per batch call, and the size of the random row pool the per-record calls cycle through. */
    static final int ROWS = 4096;

    @Param({"xgboost", "random_forest", "logistic", "j48"})
    public String family;

    private TrainedModel trained;
    private PortableModel model;
    private CompiledModel compiled;
    private CompiledModel.Scratch scratch;
    private double[][] rows;
    private double[][][] single;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        TrainingMatrix data = BenchModels.phishing();
        trained = BenchModels.trainer(family).fit(data, 1);
        model = trained.export();
        compiled = CompiledModel.of(model);
        scratch = compiled.newScratch();
        rows = BenchModels.randomRows(data, ROWS, 42);
        single = new double[ROWS][][];
        for (int i = 0; i < ROWS; i++) {
            single[i] = new double[][] {rows[i]};
        }
        BenchModels.requireIdentical(model, trained, rows, family);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trained.close();
    }

    private double core(double[] row) {
        return compiled.probability(row, scratch);
    }

    /** One record through the core's compiled model (the embedding API's and the CLI's scorer). */
    @Benchmark
    public double coreRecord() {
        next = (next + 1) & (ROWS - 1);
        return core(rows[next]);
    }

    /** One record through the library's own call (a DMatrix per call for XGBoost4J, an Instance for Weka). */
    @Benchmark
    public double libraryRecord() {
        next = (next + 1) & (ROWS - 1);
        return trained.libraryThreatProbabilities(single[next])[0];
    }

    /** A batch of rows through the core, per row. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void coreBatch(Blackhole sink) {
        for (double[] row : rows) {
            sink.consume(core(row));
        }
    }

    /** A batch of rows through the library's batch call, per row. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double[] libraryBatch() {
        return trained.libraryThreatProbabilities(rows);
    }
}
