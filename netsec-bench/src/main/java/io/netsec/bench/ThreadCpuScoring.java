package io.netsec.bench;

import io.netsec.core.engine.CompiledModel;
import io.netsec.core.model.PortableModel;
import io.netsec.training.model.TrainedModel;
import io.netsec.training.model.TrainingMatrix;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Per-record scoring cost in thread CPU time rather than wall time: on a shared machine the
 * scheduler's share moves wall-clock JMH results by several times, CPU time much less. Used to
 * compare variants of the tree walk run side by side (two jars, started together), never for
 * the figures of a target, which come from JMH.
 *
 * <pre>
 * java -Dnetsec.data=../shared/data/phisingData.csv -cp netsec-bench/target/benchmarks.jar io.netsec.bench.ThreadCpuScoring xgboost
 * </pre>
 */
public final class ThreadCpuScoring {

    private ThreadCpuScoring() {
    }

    public static void main(String[] args) {
        String family = args.length > 0 ? args[0] : "xgboost";
        TrainingMatrix data = BenchModels.phishing();
        try (TrainedModel trained = BenchModels.trainer(family).fit(data, 1)) {
            PortableModel model = trained.export();
            CompiledModel compiled = CompiledModel.of(model);
            CompiledModel.Scratch scratch = compiled.newScratch();
            double[][] rows = BenchModels.randomRows(data, ScoringBenchmark.ROWS, 42);
            BenchModels.requireIdentical(model, trained, rows, family);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int calls = 200_000;
            double sink = 0;
            for (int round = 1; round <= 12; round++) { // the first rounds are the JIT's warm-up
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    double[] row = rows[i & (ScoringBenchmark.ROWS - 1)];
                    sink += compiled.probability(row, scratch);
                }
                long cpu = threads.getCurrentThreadCpuTime() - start;
                System.out.printf("%s round %d: %.0f ns CPU per record%n", family, round, (double) cpu / calls);
            }
            System.out.println("checksum " + sink);
        }
    }
}
