/**
 * Checks of data against its schema (every bad cell, duplicates, conflicting labels, class
 * balance: {@link io.netsec.core.validate.Validator}) and drift between a reference profile and
 * new data ({@link io.netsec.core.validate.DriftDetector}).
 */
package io.netsec.core.validate;
