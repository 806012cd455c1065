/**
 * Fitted transformations as values: what fills a missing value, how a category is encoded, how
 * a number is scaled ({@link io.netsec.core.transform.FittedTransform}), fitted on training rows
 * only ({@link io.netsec.core.transform.TransformFitter}) and stored in a bundle's manifest.
 */
package io.netsec.core.transform;
