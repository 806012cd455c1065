package io.netsec.core.bundle;

import java.nio.file.Path;

/**
 * A separate process for {@link BundleCrashTest}: writes bundles A and B in turn into one folder
 * and prints a line after each, until it is killed or has written {@code max} bundles.
 *
 * <pre>java -cp ... io.netsec.core.bundle.BundleWriterLoop FOLDER MAX</pre>
 */
public final class BundleWriterLoop {

    private BundleWriterLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int max = Integer.parseInt(args[1]);
        ModelBundle[] bundles = {BundleCrashTest.bundle(0.1, 0.9), BundleCrashTest.bundle(0.2, 0.8)};
        for (int i = 0; i < max; i++) {
            bundles[i % 2].writeTo(folder);
            System.out.println("written " + (i + 1));
            System.out.flush();
        }
    }
}
