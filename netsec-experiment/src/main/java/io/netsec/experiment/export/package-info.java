/**
 * What exporters of trained models into netsec-core's portable models share, whatever library
 * trained them: the flat-array builder of a {@link io.netsec.core.model.TreeEnsemble}.
 */
package io.netsec.experiment.export;
