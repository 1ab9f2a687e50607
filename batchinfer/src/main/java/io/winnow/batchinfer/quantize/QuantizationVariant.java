package io.winnow.batchinfer.quantize;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The compressed forms {@link OnnxQuantizer} can write. */
public enum QuantizationVariant {
    /**
     * Dynamic int8 quantization like ONNX Runtime's {@code quantize_dynamic}: MatMul weights int8
     * (symmetric, one scale per output column), activations quantized at run time
     * ({@code DynamicQuantizeLinear} + {@code MatMulInteger}); large embedding tables (Gather) int8 per row.
     */
    INT8,
    /**
     * Block-wise 4-bit weights through ONNX Runtime's contrib op {@code com.microsoft:MatMulNBits}
     * (asymmetric, block size 32, one scale and zero point per block); embedding tables int8 per row.
     * Runs in ONNX Runtime only. Experimental: smaller than int8 but less faithful (all-MiniLM-L6-v2:
     * mean cosine to fp32 0.975, worst 0.90 on STS-B dev sentences, though the STS-B Spearman is
     * unchanged) and not faster on CPU in ONNX Runtime 1.21.1. Prefer int8.
     */
    INT4,
    /** Float initializers stored as float16, cast back to float when the model loads. */
    FP16;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> cliNames() {
        return Arrays.stream(values()).map(QuantizationVariant::cliName).toList();
    }

    /** Parses {@code int8}, {@code int4} or {@code fp16} (any case). */
    public static QuantizationVariant parse(String value) {
        for (QuantizationVariant variant : values()) {
            if (variant.cliName().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return variant;
            }
        }
        throw new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "Unknown quantization variant '%s'. Allowed values: %s. Pass one of those (int8 is the default).",
                value, String.join(", ", cliNames())));
    }
}
