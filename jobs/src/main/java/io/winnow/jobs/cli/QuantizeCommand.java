package io.winnow.jobs.cli;

import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.model.ModelFetcher;
import org.apache.hadoop.conf.Configuration;
import io.winnow.batchinfer.Pooling;
import io.winnow.batchinfer.quantize.OnnxQuantizer;
import io.winnow.batchinfer.quantize.QuantizationResult;
import io.winnow.batchinfer.quantize.QuantizationVariant;
import io.winnow.batchinfer.quantize.QuantizeRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "quantize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Write a compressed variant of an fp32 ONNX encoder and report what it costs: int8 (dynamic quantization as",
            "ONNX Runtime's quantize_dynamic: int8 weights per column, activations quantized at run time), fp16 (half-size",
            "weights, fp32 speed) or int4 (block-wise MatMulNBits; experimental, below the quality bar). The report gives",
            "cosine to the fp32 embeddings, STS-B dev Spearman of fp32 and the variant, and texts/s of both.",
            "No Spark needed; runs in this JVM."
        })
public final class QuantizeCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "NAME|PATH", defaultValue = "all-minilm-l6-v2",
            description = "fp32 model: built-in name or a directory/.onnx with its tokenizer.json. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where to write the compressed .onnx.")
    Path output;

    @Option(names = "--variant", paramLabel = "V", defaultValue = "int8", description = "int8 (default), fp16 or int4 (experimental).")
    String variant;

    @Option(names = "--pooling", paramLabel = "P", description = "mean or cls for the evaluation. Default: the model's.")
    String pooling;

    @Option(names = "--no-evaluate", description = "Only write the file; skip the quality and speed report.")
    boolean noEvaluate;

    @Option(names = "--sts-pairs", paramLabel = "N", defaultValue = "1500", description = "STS-B dev pairs to evaluate (at most 1,500).")
    int stsPairs;

    @Option(names = "--sts", paramLabel = "CSV", description = "STS-B dev CSV. Default: ../shared/data/sts/stsb_multi_mt/stsb-en-dev.csv.")
    Path sts;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelSpec spec = ModelSpec.of(model);
        // quantization edits a local file: bring the model (built-in, HDFS, S3 ...) into the model cache first
        Path onnx = ModelFetcher.fetch(spec.onnxUri(), null, new Configuration()).path();
        Path tokenizerJson = ModelFetcher.fetch(spec.tokenizerUri(), null, new Configuration()).path();
        Pooling evaluationPooling = pooling == null ? spec.pooling() : Pooling.valueOf(pooling.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        QuantizeRequest request = QuantizeRequest.int8(onnx, output)
                .withVariant(QuantizationVariant.parse(variant));
        if (!noEvaluate) {
            request = request.withEvaluation(tokenizerJson, evaluationPooling, stsPairs,
                    sts != null ? sts : QuantizeRequest.DEFAULT_STS_DEV);
        }
        QuantizationResult result = OnnxQuantizer.quantize(request);
        Path tokenizer = copyTokenizerBeside(tokenizerJson, output);
        PrintWriter out = this.spec.commandLine().getOut();
        out.println(result.summary());
        out.println("Tokenizer copied to " + tokenizer + "; run it with: winnow infer --model " + output);
        out.flush();
        return 0;
    }

    /** {@code <stem>-tokenizer.json} next to the model, where the model catalog looks for it. */
    private static Path copyTokenizerBeside(Path tokenizer, Path model) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
        Path target = model.toAbsolutePath().resolveSibling(stem + "-tokenizer.json");
        try {
            java.nio.file.Files.copy(tokenizer, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot copy the tokenizer " + tokenizer + " to " + target, e);
        }
        return target;
    }
}
