package io.winnow.batchinfer.quantize;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@link OnnxQuantizer#quantize(QuantizeRequest)} wrote and, if asked, what it costs.
 *
 * @param input the fp32 model read
 * @param output the compressed model written
 * @param variant the compression applied
 * @param inputBytes size of the input file
 * @param outputBytes size of the written file
 * @param quantizedMatMuls MatMul nodes whose weight was compressed
 * @param quantizedGathers embedding lookups (Gather) whose table was compressed to int8
 * @param convertedInitializers float initializers stored as float16 (fp16 only)
 * @param report quality and speed against the fp32 model; null when evaluation was not requested
 */
public record QuantizationResult(
        Path input,
        Path output,
        QuantizationVariant variant,
        long inputBytes,
        long outputBytes,
        int quantizedMatMuls,
        int quantizedGathers,
        int convertedInitializers,
        QuantizationReport report) {

    public QuantizationResult {
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
        requireNonNull(variant, "variant is null");
    }

    /** Output size / input size. */
    public double sizeRatio() {
        return inputBytes == 0 ? Double.NaN : (double) outputBytes / inputBytes;
    }

    public String summary() {
        String sizes = String.format(Locale.ROOT, "%s: %s (%.1f MB) -> %s (%.1f MB, %.1f%% of the input); %d MatMul, %d Gather, %d fp16 initializers",
                variant.cliName(), input, inputBytes / 1e6, output, outputBytes / 1e6, 100 * sizeRatio(),
                quantizedMatMuls, quantizedGathers, convertedInitializers);
        return report == null ? sizes : sizes + "\n" + report.summary();
    }
}
