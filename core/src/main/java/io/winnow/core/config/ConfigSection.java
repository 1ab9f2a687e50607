package io.winnow.core.config;

import static java.util.Objects.requireNonNull;

import io.winnow.core.error.WinnowErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A typed, validating view of one YAML mapping. Stage configs read their keys through it, each
 * with its default, then call {@link #finish()}: any key nobody asked for is an error that names
 * the key, the allowed keys and the nearest spelling. Bad values name the key and what is allowed.
 */
public final class ConfigSection {
    private final String source;
    private final String prefix;
    private final Map<String, Object> values;
    private final Set<String> known = new LinkedHashSet<>();

    public ConfigSection(String source, String prefix, Map<String, ?> values) {
        this.source = requireNonNull(source, "source is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.values = new LinkedHashMap<>(values == null ? Map.of() : values);
    }

    /** A section with no keys: every read returns its default. */
    public static ConfigSection empty(String source, String prefix) {
        return new ConfigSection(source, prefix, Map.of());
    }

    public String source() {
        return source;
    }

    public String qualified(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    public boolean has(String key) {
        known.add(key);
        return values.get(key) != null;
    }

    public String string(String key, String defaultValue) {
        Object value = take(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Map || value instanceof List) {
            throw WinnowErrors.badConfigValue(source, qualified(key), value, "a single text value");
        }
        return value.toString();
    }

    public String requiredString(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            throw WinnowErrors.badConfigValue(source, qualified(key), value, "a non-empty text value (this key is required)");
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        Object value = take(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim().toLowerCase(java.util.Locale.ROOT);
        if (text.equals("true") || text.equals("yes") || text.equals("on")) {
            return true;
        }
        if (text.equals("false") || text.equals("no") || text.equals("off")) {
            return false;
        }
        throw WinnowErrors.badConfigValue(source, qualified(key), value, "true or false");
    }

    public long integer(String key, long defaultValue, long min, long max) {
        Object value = take(key);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        if (value instanceof Number number && !(value instanceof Double) && !(value instanceof Float)) {
            parsed = number.longValue();
        } else {
            try {
                parsed = Long.parseLong(value.toString().trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw WinnowErrors.badConfigValue(source, qualified(key), value, rangeText("a whole number", min, max));
            }
        }
        if (parsed < min || parsed > max) {
            throw WinnowErrors.badConfigValue(source, qualified(key), value, rangeText("a whole number", min, max));
        }
        return parsed;
    }

    public double decimal(String key, double defaultValue, double min, double max) {
        Object value = take(key);
        if (value == null) {
            return defaultValue;
        }
        double parsed;
        try {
            parsed = value instanceof Number number ? number.doubleValue() : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw WinnowErrors.badConfigValue(source, qualified(key), value, "a number between " + min + " and " + max);
        }
        if (Double.isNaN(parsed) || parsed < min || parsed > max) {
            throw WinnowErrors.badConfigValue(source, qualified(key), value, "a number between " + min + " and " + max);
        }
        return parsed;
    }

    /**
     * A threshold that can be switched off: {@code off} (or {@code false}) disables it, an absent
     * key keeps the default (itself possibly off).
     */
    public java.util.OptionalDouble optionalDecimal(String key, java.util.OptionalDouble defaultValue, double min, double max) {
        Object value = take(key);
        if (value == null) {
            return defaultValue;
        }
        if (Boolean.FALSE.equals(value) || value.toString().trim().equalsIgnoreCase("off")) {
            return java.util.OptionalDouble.empty();
        }
        double parsed;
        try {
            parsed = value instanceof Number number ? number.doubleValue() : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw WinnowErrors.badConfigValue(source, qualified(key), value,
                    "a number between " + min + " and " + max + ", or off to disable the rule");
        }
        if (Double.isNaN(parsed) || parsed < min || parsed > max) {
            throw WinnowErrors.badConfigValue(source, qualified(key), value,
                    "a number between " + min + " and " + max + ", or off to disable the rule");
        }
        return java.util.OptionalDouble.of(parsed);
    }

    public <E extends Enum<E> & ConfigEnum> E enumValue(String key, Class<E> type, E defaultValue) {
        Object value = take(key);
        if (value == null) {
            return defaultValue;
        }
        return parseEnum(qualified(key), value, type);
    }

    public <E extends Enum<E> & ConfigEnum> E parseEnum(String qualifiedKey, Object value, Class<E> type) {
        // YAML 1.1 reads a bare off/no as false and on/yes as true; map them back to the words.
        String text = value instanceof Boolean b ? (b ? "on" : "off") : value.toString().trim();
        for (E constant : type.getEnumConstants()) {
            if (constant.configName().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw WinnowErrors.badConfigEnum(source, qualifiedKey, value, allowedNames(type));
    }

    public List<String> stringList(String key, List<String> defaultValue) {
        Object value = take(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (item == null || item instanceof Map || item instanceof List) {
                    throw WinnowErrors.badConfigValue(source, qualified(key), value, "a list of text values");
                }
                out.add(item.toString());
            }
            return List.copyOf(out);
        }
        if (value instanceof Map) {
            throw WinnowErrors.badConfigValue(source, qualified(key), value, "a list of text values");
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A nested mapping; an absent key gives an empty section. */
    public ConfigSection section(String key) {
        Object value = take(key);
        if (value == null) {
            return new ConfigSection(source, qualified(key), Map.of());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw WinnowErrors.badConfigValue(source, qualified(key), value, "a mapping of keys to values");
        }
        Map<String, Object> children = new LinkedHashMap<>();
        map.forEach((k, v) -> children.put(String.valueOf(k), v));
        return new ConfigSection(source, qualified(key), children);
    }

    /** A free-form map of text values (e.g. extra Spark settings). */
    public Map<String, String> stringMap(String key) {
        Object value = take(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw WinnowErrors.badConfigValue(source, qualified(key), value, "a mapping of keys to text values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : v.toString()));
        return Map.copyOf(out);
    }

    /**
     * A copy with values set at dotted keys (e.g. {@code ingest.input}), used for command-line
     * options that override the file. Intermediate mappings are created as needed.
     */
    public ConfigSection withOverrides(Map<String, ?> dottedOverrides) {
        Map<String, Object> copy = deepCopy(values);
        for (Map.Entry<String, ?> override : dottedOverrides.entrySet()) {
            if (override.getValue() == null) {
                continue;
            }
            String[] parts = override.getKey().split("\\.");
            Map<String, Object> node = copy;
            for (int i = 0; i < parts.length - 1; i++) {
                Object child = node.get(parts[i]);
                if (!(child instanceof Map)) {
                    child = new LinkedHashMap<String, Object>();
                    node.put(parts[i], child);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) child;
                node = next;
            }
            node.put(parts[parts.length - 1], override.getValue());
        }
        return new ConfigSection(source, prefix, copy);
    }

    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> child) {
                Map<String, Object> typed = new LinkedHashMap<>();
                child.forEach((ck, cv) -> typed.put(String.valueOf(ck), cv));
                copy.put(k, deepCopy(typed));
            } else {
                copy.put(k, v);
            }
        });
        return copy;
    }

    /** Fails on the first key that no reader asked for. */
    public void finish() {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw WinnowErrors.unknownConfigKey(source, qualified(key), known.stream().map(this::qualified).toList(),
                        nearest(key, known));
            }
        }
    }

    private Object take(String key) {
        known.add(key);
        return values.get(key);
    }

    private static String rangeText(String what, long min, long max) {
        if (max == Long.MAX_VALUE) {
            return what + " >= " + min;
        }
        return what + " between " + min + " and " + max;
    }

    public static <E extends Enum<E> & ConfigEnum> List<String> allowedNames(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigEnum::configName).toList();
    }

    private String nearest(String key, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(key.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? qualified(best) : null;
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
