package io.winnow.batchinfer;

import io.winnow.core.config.ConfigEnum;
import java.util.Locale;

/**
 * The numeric variant of a model's weights. Informational: it does not change how the model runs,
 * ONNX Runtime reads the graph as it is; it is recorded in every output row so that embeddings of
 * different variants are never mixed up.
 */
public enum Precision implements ConfigEnum {
    FP32,
    FP16,
    INT8,
    INT4;

    @Override
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
