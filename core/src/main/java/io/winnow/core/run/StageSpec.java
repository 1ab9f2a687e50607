package io.winnow.core.run;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The identity of one stage execution, used to decide whether it can be skipped: the same stage,
 * config hash and input versions, with every output still at the version the last success wrote.
 */
public record StageSpec(String stage, String configHash, Map<String, String> inputVersions, List<String> outputPaths) {
    public StageSpec {
        requireNonNull(stage, "stage is null");
        requireNonNull(configHash, "configHash is null");
        inputVersions = Map.copyOf(requireNonNull(inputVersions, "inputVersions is null"));
        outputPaths = List.copyOf(requireNonNull(outputPaths, "outputPaths is null"));
    }
}
