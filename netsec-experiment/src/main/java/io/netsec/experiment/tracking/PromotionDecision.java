package io.netsec.experiment.tracking;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Which alias a newly registered version gets, and why, with both figures. The alias
 * {@value #CHAMPION} moves only to a version that beats the current champion on the same
 * evaluation (the same test rows: equal {@link RunRecord.Evaluation#key()}); a version that does
 * not, or that was tested on other rows and so cannot be compared, becomes the {@value #CHALLENGER}.
 *
 * @param alias            {@value #CHAMPION} or {@value #CHALLENGER}
 * @param version          the new version
 * @param metric           the compared metric
 * @param value            the new version's figure
 * @param championVersion  the champion it was compared with, or null when there was none
 * @param championValue    the champion's figure, or null
 * @param reason           the decision in words
 */
public record PromotionDecision(String alias, String version, String metric, double value,
                                @JsonProperty("champion_version") String championVersion,
                                @JsonProperty("champion_value") Double championValue, String reason) {

    public static final String CHAMPION = "champion";
    public static final String CHALLENGER = "challenger";

    /** Version tags that let a later run compare itself with this version. */
    static final String TAG_EVALUATION_KEY = "netsec.evaluation_key";
    static final String TAG_METRIC = "netsec.compared_metric";
    static final String TAG_VALUE = "netsec.compared_value";

    /** Decides for {@code version} evaluated as {@code evaluation}, against the current champion if any. */
    public static PromotionDecision decide(String version, RunRecord.Evaluation evaluation,
                                           Optional<ModelRegistry.ModelVersion> champion) {
        String metric = evaluation.metric();
        double value = evaluation.value();
        if (champion.isEmpty()) {
            return new PromotionDecision(CHAMPION, version, metric, value, null, null,
                    String.format("champion: first version with a figure (%s %.4f)", metric, value));
        }
        ModelRegistry.ModelVersion current = champion.get();
        String currentValueText = current.tags().get(TAG_VALUE);
        Double currentValue = currentValueText == null ? null : Double.valueOf(currentValueText);
        boolean sameEvaluation = evaluation.key().equals(current.tags().get(TAG_EVALUATION_KEY))
                && metric.equals(current.tags().get(TAG_METRIC)) && currentValue != null;
        if (!sameEvaluation) {
            return new PromotionDecision(CHALLENGER, version, metric, value, current.version(), currentValue,
                    String.format("challenger: %s %.4f cannot be compared with champion version %s (%s), which was"
                                    + " tested on other rows (other data, schema, split or seed)", metric, value,
                            current.version(), currentValue == null ? "no figure" : String.format("%.4f", currentValue)));
        }
        if (value > currentValue) {
            return new PromotionDecision(CHAMPION, version, metric, value, current.version(), currentValue,
                    String.format("champion: %s %.4f beats champion version %s (%.4f) on the same test rows", metric,
                            value, current.version(), currentValue));
        }
        return new PromotionDecision(CHALLENGER, version, metric, value, current.version(), currentValue,
                String.format("challenger: %s %.4f does not beat champion version %s (%.4f) on the same test rows",
                        metric, value, current.version(), currentValue));
    }
}
