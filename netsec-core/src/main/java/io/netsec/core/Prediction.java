package io.netsec.core;

/**
 * The detector's answer for one record.
 *
 * @param label       the label value as the schema spells it (e.g. {@code -1} for a phishing site)
 * @param probability the probability that the record is a threat
 * @param threat      whether the probability reaches the bundle's decision threshold
 */
public record Prediction(String label, double probability, boolean threat) {
}
