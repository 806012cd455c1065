package io.netsec.core;

/**
 * The detector's answer for one record.
 *
 * @param label       the class's name as the schema gives it ({@code threat_name} or {@code benign_name}, e.g.
 *                    {@code phishing}; without names, the class's first label value, e.g. {@code -1})
 * @param probability the probability that the record is a threat
 * @param threat      whether the probability reaches the bundle's decision threshold
 */
public record Prediction(String label, double probability, boolean threat) {
}
