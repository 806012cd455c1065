package io.netsec.core;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secrets of connection strings and URLs before anything prints them: the password in
 * the user information ({@code mongodb://alice:****@db/}), the whole user information when it
 * has no password (a token: {@code https://****@host/}), and the values of query parameters that
 * carry secrets ({@code ?password=****}, {@code token}, {@code secret}, {@code key},
 * {@code signature}, {@code authMechanismProperties}; {@code authSource} and the like stay).
 *
 * <p>It reads the text as it is, never through a URI parser, so a string no parser accepts is
 * masked too: a mistyped scheme ({@code mongdb://}, {@code http://} given as a MongoDB string), no
 * scheme ({@code user:pass@host}), an unencoded {@code @} in the password (the user information
 * runs to the last {@code @}, so more is masked rather than less), several hosts, percent-encoding.
 * {@link #text} masks the secrets of given connection strings wherever a message quotes them
 * (whole, or the password alone, raw or percent-decoded, as a driver may), and any
 * {@code scheme://} URI it finds.
 *
 * <pre>{@code
 * CredentialMask.uri("mongodb://alice:s3cret@db:27017/?authSource=admin")  // mongodb://alice:****@db:27017/?authSource=admin
 * CredentialMask.text(driverMessage, List.of(connectionString))
 * }</pre>
 *
 * Written by hand: {@link java.net.URI} and the drivers' parsers refuse exactly the mistyped
 * strings that must be masked, and no library in the build masks text.
 */
public final class CredentialMask {

    /** What a secret is replaced by. */
    public static final String MASK = "****";

    /**
     * Secrets shorter than this are masked only where their URI appears whole: replacing every
     * {@code p} of a message would garble it and hide nothing worth hiding.
     */
    static final int MIN_SECRET_LENGTH = 3;

    private static final Pattern SCHEME = Pattern.compile("\\s*[A-Za-z][A-Za-z0-9+.-]*");
    /**
     * {@code scheme:/path} up to an {@code @}, no second colon: a path and no authority, so no user
     * information ({@code models:/m@alias}, {@code file:/a@b}; but {@code mongodb:/u:p@h} has one).
     */
    private static final Pattern NO_AUTHORITY = Pattern.compile("\\s*[A-Za-z][A-Za-z0-9+.-]*:/(?!/)[^:]*");
    /** A URI with a scheme inside free text; it runs to the next white space. */
    private static final Pattern URI_IN_TEXT = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://\\S*");
    /** user:password@ without a scheme, as a command-line argument may be. */
    private static final Pattern BARE_CREDENTIALS = Pattern.compile("\\s*[A-Za-z0-9._~%+-]+:[^\\s@/]*@\\S+");
    private static final Pattern PARAMETER = Pattern.compile("([?&;])([^=&;#?]+)=([^&;#]*)");
    private static final Pattern SECRET_KEY =
            Pattern.compile(".*(pass|pwd|secret|token|key|credential|signature|authmechanismproperties).*|sig");

    private CredentialMask() {
    }

    /**
     * {@code uri} with its secrets masked; null stays null. Idempotent: a masked URI masks to
     * itself.
     */
    public static String uri(String uri) {
        if (uri == null) {
            return null;
        }
        String text = maskParameters(uri);
        int start = authorityStart(text);
        int at = text.lastIndexOf('@');
        if (!hasUserInformation(text, start, at)) {
            return text;
        }
        int colon = text.indexOf(':', start);
        StringBuilder masked = new StringBuilder(text.length()).append(text, 0, start);
        if (colon >= 0 && colon < at) {
            masked.append(text, start, colon + 1); // the user name stays: it says which account
        }
        return masked.append(MASK).append(text, at, text.length()).toString();
    }

    /**
     * Whether {@code text} looks like a URI or connection string that may hold a secret: it has a
     * {@code scheme://}, or starts with {@code user:password@}. For callers that mask what users
     * typed without knowing which arguments are connection strings.
     */
    public static boolean looksLikeUri(String text) {
        return text != null && (text.contains("://") || BARE_CREDENTIALS.matcher(text).matches());
    }

    /**
     * {@code text} with every secret of {@code uris} masked (each URI where it appears whole, and
     * its password and secret parameter values alone, raw and percent-decoded), and the secrets
     * of any other {@code scheme://} URI in it. Null stays null; null or blank URIs are skipped.
     */
    public static String text(String text, Collection<String> uris) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String uri : uris) {
            if (uri == null || uri.isBlank()) {
                continue;
            }
            for (String form : new LinkedHashSet<>(java.util.List.of(uri, uri.strip()))) {
                masked = masked.replace(form, uri(form));
            }
            for (String secret : secretsOf(uri)) {
                masked = masked.replace(secret, MASK);
            }
        }
        return urisIn(masked);
    }

    /** {@link #text(String, Collection)} of the stack trace {@code failure} prints, causes included. */
    public static String stackTrace(Throwable failure, Collection<String> uris) {
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace, true));
        return text(trace.toString(), uris);
    }

    /** The secrets of {@code uri} worth looking for alone: long enough, raw and percent-decoded. */
    static Set<String> secretsOf(String uri) {
        Set<String> secrets = new LinkedHashSet<>();
        int start = authorityStart(uri);
        int at = uri.lastIndexOf('@');
        if (hasUserInformation(uri, start, at)) {
            String userInformation = uri.substring(start, at);
            int colon = userInformation.indexOf(':');
            // A user name alone is a secret only in a URI that says it is one (https://TOKEN@host).
            if (colon >= 0) {
                addSecret(secrets, userInformation.substring(colon + 1));
            } else if (uri.contains("://")) {
                addSecret(secrets, userInformation);
            }
        }
        Matcher parameter = PARAMETER.matcher(uri);
        while (parameter.find()) {
            if (isSecretKey(parameter.group(2))) {
                addSecret(secrets, parameter.group(3));
            }
        }
        return secrets;
    }

    private static void addSecret(Set<String> secrets, String secret) {
        for (String form : new String[] {secret, decoded(secret)}) {
            if (form != null && form.length() >= MIN_SECRET_LENGTH && !form.equals(MASK)) {
                secrets.add(form);
            }
        }
    }

    /** Whether the text up to its last {@code @} (at {@code at}) is user information. */
    private static boolean hasUserInformation(String uri, int start, int at) {
        return at >= start && !NO_AUTHORITY.matcher(uri.substring(0, at)).matches();
    }

    /** Where the user information would start: after {@code scheme://}, else at the start. */
    private static int authorityStart(String uri) {
        int separator = uri.indexOf("://");
        if (separator > 0 && SCHEME.matcher(uri.substring(0, separator)).matches()) {
            return separator + 3;
        }
        int leading = 0;
        while (leading < uri.length() && Character.isWhitespace(uri.charAt(leading))) {
            leading++;
        }
        return uri.startsWith("//", leading) ? leading + 2 : 0;
    }

    private static String maskParameters(String uri) {
        if (uri.indexOf('=') < 0) {
            return uri;
        }
        Matcher parameter = PARAMETER.matcher(uri);
        StringBuilder masked = new StringBuilder(uri.length());
        while (parameter.find()) {
            String replacement = isSecretKey(parameter.group(2))
                    ? parameter.group(1) + parameter.group(2) + "=" + MASK
                    : parameter.group();
            parameter.appendReplacement(masked, Matcher.quoteReplacement(replacement));
        }
        return parameter.appendTail(masked).toString();
    }

    private static boolean isSecretKey(String key) {
        String name = decoded(key);
        return SECRET_KEY.matcher((name == null ? key : name).strip().toLowerCase(Locale.ROOT)).matches();
    }

    private static String urisIn(String text) {
        if (!text.contains("://")) {
            return text;
        }
        Matcher uri = URI_IN_TEXT.matcher(text);
        StringBuilder masked = new StringBuilder(text.length());
        while (uri.find()) {
            // Punctuation that ends a sentence or closes a bracket after the URI is not part of it.
            String found = uri.group();
            int end = found.length();
            while (end > 0 && ")]}>.,;:'\"".indexOf(found.charAt(end - 1)) >= 0) {
                end--;
            }
            uri.appendReplacement(masked, Matcher.quoteReplacement(uri(found.substring(0, end)) + found.substring(end)));
        }
        return uri.appendTail(masked).toString();
    }

    /** Percent-decoded as a connection string's parser reads it ('+' stays '+'), or null when malformed. */
    private static String decoded(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
