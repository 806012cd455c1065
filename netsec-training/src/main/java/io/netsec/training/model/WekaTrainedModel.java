package io.netsec.training.model;

import io.netsec.core.model.PortableModel;
import java.util.function.Function;
import weka.classifiers.Classifier;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/** A trained Weka classifier and the exporter that knows its internals. */
final class WekaTrainedModel<C extends Classifier> implements TrainedModel {

    private final C classifier;
    private final Instances header;
    private final boolean families;
    private final Function<C, PortableModel> exporter;

    /** {@code families}: the header's class values are the families (class 0 benign), not benign and threat. */
    WekaTrainedModel(C classifier, Instances header, boolean families, Function<C, PortableModel> exporter) {
        this.classifier = classifier;
        this.header = new Instances(header, 0);
        this.families = families;
        this.exporter = exporter;
    }

    @Override
    public double[] libraryThreatProbabilities(double[][] x) {
        double[][] distributions = libraryClassProbabilities(x);
        double[] probabilities = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            // a model of families: threat is any family, as the core's ClassModel.threatProbability
            probabilities[i] = families ? 1 - distributions[i][0] : distributions[i][WekaData.THREAT];
        }
        return probabilities;
    }

    @Override
    public double[][] libraryClassProbabilities(double[][] x) {
        int width = header.numAttributes() - 1;
        double[][] probabilities = new double[x.length][];
        try {
            for (int i = 0; i < x.length; i++) {
                double[] row = x[i];
                if (row.length != width) {
                    throw new IllegalArgumentException("row " + i + " has " + row.length + " values, the model " + width);
                }
                // A fresh array per row: DenseInstance.setValue copies the whole vector on every call.
                double[] values = new double[width + 1];
                System.arraycopy(row, 0, values, 0, width);
                values[width] = Utils.missingValue();
                DenseInstance instance = new DenseInstance(1.0, values);
                instance.setDataset(header);
                probabilities[i] = classifier.distributionForInstance(instance);
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Weka failed to score row: " + e.getMessage(), e);
        }
        return probabilities;
    }

    @Override
    public PortableModel export() {
        return exporter.apply(classifier);
    }

    @Override
    public void close() {
        // Weka models hold only Java heap.
    }
}
