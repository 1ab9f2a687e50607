package io.winnow.core.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.winnow.core.error.WinnowErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a YAML file into a {@link ConfigSection} rooted at the top of the document. */
public final class YamlConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlConfigLoader() {}

    public static ConfigSection load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw WinnowErrors.configNotFound(file.toString());
        }
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw WinnowErrors.configUnreadable(file.toString(), e);
        }
    }

    public static ConfigSection parse(String sourceName, String yaml) {
        try {
            Map<String, Object> values = yaml.isBlank()
                    ? new LinkedHashMap<>()
                    : YAML.readValue(yaml, new TypeReference<LinkedHashMap<String, Object>>() {});
            return new ConfigSection(sourceName, "", values == null ? Map.of() : values);
        } catch (IOException e) {
            throw WinnowErrors.configUnreadable(sourceName, e);
        }
    }
}
