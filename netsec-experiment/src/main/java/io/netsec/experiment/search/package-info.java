/**
 * How candidates are compared once cross-validated, whatever library fitted them: each
 * candidate's fold scores summarised ({@link io.netsec.experiment.search.CandidateResult}) and the
 * one-standard-error rule that selects one ({@link io.netsec.experiment.search.CandidateSelection}).
 * {@code netsec train} (Weka, XGBoost) and {@code netsec-spark train} (MLlib) both select here.
 */
package io.netsec.experiment.search;
