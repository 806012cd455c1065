/**
 * The record of a finished run, whatever trained it: the run folder's record
 * ({@link io.netsec.experiment.tracking.RunFolderRecord}, always written), its replay to an
 * MLflow tracking server with nested candidate runs and artifacts
 * ({@link io.netsec.experiment.tracking.RunTracking}), the registry version and the
 * champion/challenger promotion, and pulling a registered bundle back
 * ({@link io.netsec.experiment.tracking.ModelPull}). A trainer describes its run as a
 * {@link io.netsec.experiment.tracking.TrackedRun}, with its pictures as PNG bytes.
 */
package io.netsec.experiment.tracking;
