package io.netsec.experiment.split;

import io.netsec.core.data.Dataset;

/**
 * What a split stratifies by: each row's family class when the data has families, else its
 * threat-or-benign label. A group of duplicate rows counts as its most frequent class, ties going
 * to the higher class index (for two classes: a tie is a threat, as the binary split always did).
 *
 * @param classOf each data row's stratum
 * @param count   the number of strata
 */
record Strata(int[] classOf, int count) {

    static Strata of(Dataset data) {
        return data.hasFamilies()
                ? new Strata(data.classes(), data.classNames().size())
                : new Strata(data.labels(), 2);
    }

    int majority(int[] group) {
        if (group.length == 1) {
            return classOf[group[0]];
        }
        int[] counts = new int[count];
        for (int row : group) {
            counts[classOf[row]]++;
        }
        int best = 0;
        for (int c = 1; c < count; c++) {
            if (counts[c] >= counts[best]) {
                best = c;
            }
        }
        return best;
    }
}
