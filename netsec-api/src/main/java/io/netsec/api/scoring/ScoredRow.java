package io.netsec.api.scoring;

import io.netsec.core.Prediction;
import java.util.List;

/**
 * One scored row of an upload, as it was scored.
 *
 * @param number     1-based position among the scored rows (blank lines are no rows)
 * @param prediction the model's answer when the upload was scored
 * @param family     the row's family, for a model that tells attack families apart; else null
 * @param cells      the row's cells as uploaded, in the header's order
 */
public record ScoredRow(long number, Prediction prediction, String family, List<String> cells) {
}
