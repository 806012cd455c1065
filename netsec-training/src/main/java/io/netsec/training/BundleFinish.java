package io.netsec.training;

import io.netsec.core.bundle.ModelBundle;
import java.util.function.Consumer;

/**
 * What a caller adds to a trained bundle before it is written: the command line and the API
 * attach the MLflow Model files (netsec-onnx's {@code MlflowModelFiles::attach}), so training
 * itself depends on no exporter.
 */
@FunctionalInterface
public interface BundleFinish {

    /** Adds nothing. */
    BundleFinish NONE = (bundle, progress) -> bundle;

    /**
     * The bundle to write.
     *
     * @param bundle   the trained bundle
     * @param progress where a line of warning goes (a file that cannot be made, say)
     */
    ModelBundle apply(ModelBundle bundle, Consumer<String> progress);
}
