package io.netsec.core.validate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How the labelled rows split into the two classes. Ragged rows (see {@link ProblemKind#RAGGED_ROW})
 * are in none of the counts, since their cells cannot be matched to columns.
 *
 * @param threat       rows whose label is a threat value
 * @param benign       rows whose label is a benign value
 * @param unlabelled   rows whose label is missing or maps to neither class (not in the shares)
 * @param threatShare  threat / (threat + benign), 0 when no row is labelled
 * @param benignShare  benign / (threat + benign), 0 when no row is labelled
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ClassBalance(long threat, long benign, long unlabelled, double threatShare, double benignShare) {

    /** The balance of the given counts, with shares of the labelled rows. */
    public static ClassBalance of(long threat, long benign, long unlabelled) {
        long labelled = threat + benign;
        return new ClassBalance(threat, benign, unlabelled,
                labelled == 0 ? 0 : (double) threat / labelled,
                labelled == 0 ? 0 : (double) benign / labelled);
    }
}
