package io.netsec.training;

import io.netsec.core.model.PortableModel;
import io.netsec.training.model.TrainedModel;
import io.netsec.training.model.Trainer;
import io.netsec.training.model.TrainingMatrix;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps a trainer and records the row ids (feature 0) of every row it is fitted on or asked to
 * score, and the size of each fit; optionally with a {@link #fitRowLimit()}.
 */
final class RecordingTrainer implements Trainer {

    final Trainer delegate;
    final Set<Integer> fittedOn = ConcurrentHashMap.newKeySet();
    final Set<Integer> scoredByLibrary = ConcurrentHashMap.newKeySet();
    final List<Integer> fitSizes = new CopyOnWriteArrayList<>();
    private final int rowLimit;

    RecordingTrainer(Trainer delegate) {
        this(delegate, Integer.MAX_VALUE);
    }

    RecordingTrainer(Trainer delegate, int rowLimit) {
        this.delegate = delegate;
        this.rowLimit = rowLimit;
    }

    @Override
    public int fitRowLimit() {
        return rowLimit;
    }

    @Override
    public String family() {
        return delegate.family();
    }

    @Override
    public Map<String, Object> parameters() {
        return delegate.parameters();
    }

    @Override
    public TrainedModel fit(TrainingMatrix data, long seed) {
        fitSizes.add(data.rowCount());
        for (double[] row : data.x()) {
            fittedOn.add((int) row[0]);
        }
        TrainedModel trained = delegate.fit(data, seed);
        return new TrainedModel() {
            @Override
            public double[] libraryThreatProbabilities(double[][] x) {
                for (double[] row : x) {
                    scoredByLibrary.add((int) row[0]);
                }
                return trained.libraryThreatProbabilities(x);
            }

            @Override
            public PortableModel export() {
                return trained.export();
            }

            @Override
            public void close() {
                trained.close();
            }
        };
    }
}
