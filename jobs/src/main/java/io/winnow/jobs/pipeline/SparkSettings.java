package io.winnow.jobs.pipeline;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.config.SecretRedaction;
import java.util.Map;
import java.util.TreeMap;

/**
 * YAML section {@code spark}: which profile from {@code conf/spark/} to load ({@code none} for
 * spark-submit, where the cluster's settings come from the command line), an optional master and
 * extra settings.
 */
public record SparkSettings(String profile, String master, Map<String, String> conf) {
    public static final String NO_PROFILE = "none";

    public SparkSettings {
        requireNonNull(profile, "profile is null");
        conf = Map.copyOf(requireNonNull(conf, "conf is null"));
    }

    public static SparkSettings fromConfig(ConfigSection section) {
        SparkSettings settings = new SparkSettings(
                section.string("profile", "local"),
                section.string("master", null),
                section.stringMap("conf"));
        section.finish();
        return settings;
    }

    /** Secret values (s3a keys, passwords, tokens) never reach show-config, logs or reports. */
    @Override
    public String toString() {
        return "SparkSettings[profile=" + profile + ", master=" + master + ", conf=" + SecretRedaction.redact(new TreeMap<>(conf)) + "]";
    }
}
