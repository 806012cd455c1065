package io.netsec.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.netsec.core.data.Dataset;
import io.netsec.core.engine.CompiledModel;
import io.netsec.core.model.PortableModel;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.ColumnType;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.TransformFitter;
import io.netsec.core.transform.TransformOptions;
import io.netsec.onnx.OnnxExport;
import io.netsec.training.model.TrainedModel;
import io.netsec.training.model.TrainingMatrix;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * The whole pipeline (the fitted transformation and the model) per record and per batch of
 * 1,000 records, single-threaded, three ways on the same phishing model and rows: netsec-core,
 * the exported ONNX model in ONNX Runtime's Java API (one intra-op thread, as exactness needs;
 * the int64 input tensors are made per call, as a caller has to), and the training library's own
 * call (XGBoost4J's {@code predict}, Weka's {@code distributionForInstance}; on the transformed
 * rows, which for the phishing data are the raw ones). Times are per record.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -jar netsec-bench/target/benchmarks.jar OnnxRuntimeScoringBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OnnxRuntimeScoringBenchmark {

    /** Records per batch call, and the pool the per-record calls cycle through. */
    static final int BATCH = 1000;

    @Param({"xgboost", "random_forest"})
    public String family;

    private FittedTransform transform;
    private PortableModel model;
    private CompiledModel compiled;
    private CompiledModel.Scratch scratch;
    private TrainedModel trained;
    private double[][] raw;
    private double[][] vectors;
    private double[][][] single;
    private double[] input;
    private List<String> inputs;
    private long[][] columns;
    private OrtEnvironment environment;
    private OrtSession session;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        Dataset data = BenchModels.phishingData();
        int[] all = IntStream.range(0, data.size()).toArray();
        transform = TransformFitter.fit(data, all, TransformOptions.DEFAULTS);
        double[][] x = new double[data.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = transform.apply(data.rows()[i]);
        }
        TrainingMatrix matrix = new TrainingMatrix(x, data.labels(), transform.outputNames());
        trained = BenchModels.trainer(family).fit(matrix, 1);
        model = trained.export();
        compiled = CompiledModel.of(model);
        scratch = compiled.newScratch();
        input = new double[transform.outputWidth()];
        // rows of raw values: every cell drawn from the values its column takes (all integers here)
        raw = BenchModels.randomRows(TrainingMatrix.of(data), BATCH, 42);
        vectors = new double[BATCH][];
        single = new double[BATCH][][];
        for (int i = 0; i < BATCH; i++) {
            vectors[i] = transform.apply(raw[i]);
            single[i] = new double[][] {vectors[i]};
        }
        List<ColumnSpec> features = data.features();
        for (ColumnSpec column : features) {
            if (column.type() != ColumnType.INTEGER) {
                throw new IllegalStateException("the benchmark feeds int64 inputs; column " + column.name() + " is " + column.type());
            }
        }
        inputs = features.stream().map(ColumnSpec::name).toList();
        columns = new long[inputs.size()][BATCH];
        for (int f = 0; f < inputs.size(); f++) {
            for (int i = 0; i < BATCH; i++) {
                columns[f][i] = (long) raw[i][f];
            }
        }
        environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = environment.createSession(OnnxExport.of(new OnnxExport.Pipeline(data.schema(), data.vocabularies(),
                    transform, model, 0.5, Map.of())).bytes(), options);
        }
        requireSameAnswers();
    }

    /** A fast wrong answer must not win: ONNX Runtime's probabilities are the core's (XGBoost: bit for bit here). */
    private void requireSameAnswers() throws OrtException {
        double[] onnx = onnxBatch();
        for (int i = 0; i < BATCH; i++) {
            double core = core(raw[i]);
            if (Math.abs(core - onnx[i]) > 4 * Math.ulp(core)) {
                throw new IllegalStateException(family + ": row " + i + " scores " + core + " in the core, " + onnx[i]
                        + " in ONNX Runtime");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        session.close();
        trained.close();
    }

    private double core(double[] row) {
        transform.apply(row, input);
        return compiled.probability(input, scratch);
    }

    /** One record through netsec-core: the transformation, then the model. */
    @Benchmark
    public double coreRecord() {
        next = (next + 1) % BATCH;
        return core(raw[next]);
    }

    /** A batch through netsec-core, per record. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void coreBatch(Blackhole sink) {
        for (double[] row : raw) {
            sink.consume(core(row));
        }
    }

    /** One record through ONNX Runtime: an int64 tensor of one value per input, one run. */
    @Benchmark
    public double onnxRuntimeRecord() throws OrtException {
        next = (next + 1) % BATCH;
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (int f = 0; f < inputs.size(); f++) {
                feed.put(inputs.get(f), OnnxTensor.createTensor(environment, new long[] {columns[f][next]}));
            }
            try (OrtSession.Result result = session.run(feed)) {
                return ((double[]) result.get(0).getValue())[0];
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** A batch through ONNX Runtime (a tensor of 1,000 values per input, one run), per record. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double[] onnxRuntimeBatch() throws OrtException {
        return onnxBatch();
    }

    private double[] onnxBatch() throws OrtException {
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (int f = 0; f < inputs.size(); f++) {
                feed.put(inputs.get(f), OnnxTensor.createTensor(environment, columns[f]));
            }
            try (OrtSession.Result result = session.run(feed)) {
                return (double[]) result.get(0).getValue();
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** One record through the library's own call (on the transformed row). */
    @Benchmark
    public double libraryRecord() {
        next = (next + 1) % BATCH;
        return trained.libraryThreatProbabilities(single[next])[0];
    }

    /** A batch through the library's batch call, per record. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double[] libraryBatch() {
        return trained.libraryThreatProbabilities(vectors);
    }
}
