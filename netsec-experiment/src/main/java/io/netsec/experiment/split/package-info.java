/**
 * How rows are divided for an honest evaluation: the stratified (optionally duplicate-aware)
 * hold-out split of data into a training and a test part, and the stratified folds of
 * cross-validation. Every way of training uses these, so a model's test rows are chosen the same
 * way whatever learned it.
 */
package io.netsec.experiment.split;
