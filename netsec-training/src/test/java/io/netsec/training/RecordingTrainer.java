package io.netsec.training;

import io.netsec.core.model.PortableModel;
import io.netsec.training.model.TrainedModel;
import io.netsec.training.model.Trainer;
import io.netsec.training.model.TrainingMatrix;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Wraps a trainer and records the row ids (feature 0) of every row it is fitted on or asked to score. */
final class RecordingTrainer implements Trainer {

    final Trainer delegate;
    final Set<Integer> fittedOn = ConcurrentHashMap.newKeySet();
    final Set<Integer> scoredByLibrary = ConcurrentHashMap.newKeySet();

    RecordingTrainer(Trainer delegate) {
        this.delegate = delegate;
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
