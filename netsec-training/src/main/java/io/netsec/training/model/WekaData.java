package io.netsec.training.model;

import java.util.ArrayList;
import java.util.List;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * Turns a {@link TrainingMatrix} into Weka {@link Instances}: one numeric attribute per feature,
 * in the same order, then a nominal class attribute. Without families the class values are
 * {@code benign, threat}, so Weka's class index {@link #THREAT} is our label 1 and {@link #BENIGN}
 * our label 0; with families they are the matrix's classes in their order (class 0 benign), so
 * Weka's class index is ours and its distributions need no reordering.
 */
final class WekaData {

    /** Weka's index of the threat class value. */
    static final int THREAT = 1;
    /** Weka's index of the benign class value. */
    static final int BENIGN = 0;

    private WekaData() {
    }

    /** An empty data set with the attributes for {@code featureNames} and the class last. */
    static Instances header(List<String> featureNames) {
        return header(featureNames, List.of());
    }

    /** As {@link #header(List)}, the class values {@code classes} (empty: benign and threat). */
    static Instances header(List<String> featureNames, List<String> classes) {
        ArrayList<Attribute> attributes = new ArrayList<>(featureNames.size() + 1);
        for (String name : featureNames) {
            attributes.add(new Attribute(name));
        }
        attributes.add(new Attribute("class", classes.isEmpty() ? List.of("benign", "threat") : classes));
        Instances header = new Instances("netsec", attributes, 0);
        header.setClassIndex(featureNames.size());
        return header;
    }

    /** All rows of {@code data}, with their weights (1 when the matrix has none). */
    static Instances instances(TrainingMatrix data) {
        Instances instances = header(data.featureNames(), data.classes());
        int width = data.featureCount();
        double[][] x = data.x();
        int[] y = data.y();
        for (int i = 0; i < x.length; i++) {
            double[] values = new double[width + 1];
            System.arraycopy(x[i], 0, values, 0, width);
            values[width] = data.hasFamilies() ? y[i] : y[i] == 1 ? THREAT : BENIGN;
            instances.add(new DenseInstance(data.weight(i), values));
        }
        return instances;
    }
}
