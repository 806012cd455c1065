package io.netsec.training;

import java.util.LinkedHashMap;
import java.util.Map;

/** Versions of the libraries a model was trained with, for the manifest's provenance. */
public final class LibraryVersions {

    private LibraryVersions() {
    }

    public static Map<String, String> all() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("netsec", versionOf(LibraryVersions.class, "development"));
        versions.put("weka", weka.core.Version.VERSION);
        versions.put("xgboost4j", versionOf(ml.dmlc.xgboost4j.java.XGBoost.class, "unknown"));
        versions.put("java", Runtime.version().toString());
        return versions;
    }

    private static String versionOf(Class<?> type, String fallback) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? fallback : version;
    }
}
