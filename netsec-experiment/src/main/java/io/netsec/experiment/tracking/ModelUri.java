package io.netsec.experiment.tracking;

/**
 * A registry address: {@code models:/<name>@<alias>} or {@code models:/<name>/<version>}, as
 * MLflow writes them.
 *
 * @param name    the registered model
 * @param alias   the alias, or null
 * @param version the version, or null
 */
public record ModelUri(String name, String alias, String version) {

    private static final String PREFIX = "models:/";

    /** Parses {@code text}; throws {@link IllegalArgumentException} with the accepted forms otherwise. */
    public static ModelUri parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a model URI: '" + text + "' (expected models:/NAME@ALIAS or models:/NAME/VERSION)");
        }
        String rest = text.substring(PREFIX.length());
        int at = rest.lastIndexOf('@');
        if (at > 0 && at < rest.length() - 1 && !rest.contains("/")) {
            return new ModelUri(rest.substring(0, at), rest.substring(at + 1), null);
        }
        int slash = rest.lastIndexOf('/');
        if (slash > 0 && rest.substring(slash + 1).matches("\\d+")) {
            return new ModelUri(rest.substring(0, slash), null, rest.substring(slash + 1));
        }
        throw new IllegalArgumentException("not a model URI: '" + text + "' (expected models:/NAME@ALIAS or models:/NAME/VERSION)");
    }

    @Override
    public String toString() {
        return PREFIX + name + (alias != null ? "@" + alias : "/" + version);
    }
}
