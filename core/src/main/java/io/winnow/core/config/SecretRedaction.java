package io.winnow.core.config;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides the values of settings whose names say they hold a secret (an s3a secret key, a password,
 * a token, a credential) wherever Winnow prints or records settings: {@code show-config}, logs and
 * the run report. Spark hides the same names in its own UI and event logs through
 * {@code spark.redaction.regex}, whose default this pattern matches.
 */
public final class SecretRedaction {
    /** Setting names that hold secrets, e.g. {@code spark.hadoop.fs.s3a.secret.key}, {@code db.password}. */
    public static final Pattern SECRET_KEY = Pattern.compile("(?i)secret|password|passwd|token|credential|access[._-]?key|account[._-]?key|private[._-]?key");
    public static final String REDACTED = "*********(redacted)";

    private SecretRedaction() {}

    public static boolean isSecret(String key) {
        return SECRET_KEY.matcher(requireNonNull(key, "key is null")).find();
    }

    /** A copy of the settings, in the same order, with every secret's value replaced by {@link #REDACTED}. */
    public static Map<String, String> redact(Map<String, String> settings) {
        Map<String, String> redacted = new LinkedHashMap<>();
        requireNonNull(settings, "settings is null").forEach((key, value) -> redacted.put(key, isSecret(key) ? REDACTED : value));
        return redacted;
    }
}
