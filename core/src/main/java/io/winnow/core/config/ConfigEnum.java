package io.winnow.core.config;

/** An enum whose values are written in config files as kebab-case names. */
public interface ConfigEnum {
    /** The name as written in YAML and on the command line, e.g. {@code lowest-doc-id}. */
    String configName();
}
