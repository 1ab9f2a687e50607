package io.winnow.batchinfer.quantize;

import ai.onnx.proto.OnnxMl;
import io.winnow.batchinfer.graph.GraphEditor;
import io.winnow.batchinfer.graph.OnnxFiles;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.InvalidProtocolBufferException;
import io.winnow.core.error.WinnowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a compressed variant of an fp32 ONNX model (see {@link QuantizationVariant}).
 *
 * <p>int8 follows ONNX Runtime's {@code quantize_dynamic}: each {@code MatMul(A, W)} with W a 2-D
 * float initializer [K, N] becomes
 * <pre>
 *   DynamicQuantizeLinear(A)            -> A_q (uint8), A_scale, A_zero_point
 *   MatMulInteger(A_q, W_q, A_zero_point) -> int32     (W_q int8, symmetric: zero point 0)
 *   Cast(to float), Mul(A_scale * W_scale)            (W_scale: one per output column)
 * </pre>
 * (ONNX Runtime fuses this chain into its DynamicQuantizeMatMul kernel), and each embedding lookup
 * {@code Gather(table, ids)} on a large 2-D float table becomes {@code Gather(table_q, ids)},
 * Cast to float, times {@code Gather(row_scales, ids)}: the table is int8 with one scale per row.
 * All ops are in the default domain at opset 10/11. int4 replaces the MatMuls with ONNX Runtime's
 * {@code com.microsoft:MatMulNBits} (4-bit blocks of 32, scale and zero point per block) and keeps
 * the int8 embeddings. fp16 stores every float initializer as float16 behind a Cast back to float.
 * New nodes take the place of the node they replace, so the graph stays topologically sorted.
 */
public final class OnnxQuantizer {
    /** Embedding tables smaller than this (token-type tables) are left in float. */
    static final long MIN_GATHER_ELEMENTS = 16_384;
    static final int INT4_BLOCK_SIZE = 32;
    static final String MS_DOMAIN = "com.microsoft";

    private OnnxQuantizer() {}

    /** The compressed graph and what was changed. */
    record Compressed(OnnxMl.ModelProto model, int matMuls, int gathers, int fp16Initializers) {}

    /**
     * Reads {@code request.model()}, writes the compressed variant to {@code request.output()},
     * checks that ONNX Runtime loads it and, if asked, measures its quality and speed against the
     * fp32 model.
     *
     * @throws WinnowException for a missing or non-ONNX input, a model with nothing to compress,
     *     an unwritable output, or a written model ONNX Runtime rejects
     */
    public static QuantizationResult quantize(QuantizeRequest request) {
        Path input = request.model();
        if (request.evaluate() && !Files.isRegularFile(request.tokenizer())) {
            throw QuantizeErrors.tokenizerNotFound(request.tokenizer());
        }
        OnnxMl.ModelProto model = load(input);
        Compressed compressed = compress(model, request.variant(), input);
        write(compressed.model(), request.output());
        checkLoads(request.output());
        QuantizationReport report = request.evaluate()
                ? QuantizationReport.measure(input, request.output(), request.tokenizer(), request.pooling(),
                        request.stsDevCsv(), request.maxStsPairs())
                : null;
        return new QuantizationResult(input, request.output(), request.variant(), size(input),
                size(request.output()), compressed.matMuls(), compressed.gathers(), compressed.fp16Initializers(),
                report);
    }

    /** Reads an ONNX model, with a clear error when the file is missing or is not one. */
    static OnnxMl.ModelProto load(Path path) {
        if (!Files.isRegularFile(path)) {
            throw QuantizeErrors.modelNotFound(path);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException | OutOfMemoryError e) {
            throw QuantizeErrors.unreadable(path, "ONNX model", e);
        }
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw QuantizeErrors.notAnOnnxModel(path, "it does not parse as an ONNX protobuf (" + e.getMessage() + ")", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0 || model.getOpsetImportCount() == 0) {
            throw QuantizeErrors.notAnOnnxModel(path, "it holds no graph with nodes and no operator set imports", null);
        }
        for (OnnxMl.TensorProto tensor : model.getGraph().getInitializerList()) {
            if (Tensors.isExternal(tensor)) {
                throw QuantizeErrors.externalData(path, tensor.getName());
            }
        }
        return model;
    }

    /** Compresses {@code model}; {@code source} only names the model in errors. */
    static Compressed compress(OnnxMl.ModelProto model, QuantizationVariant variant, Path source) {
        OnnxMl.ModelProto.Builder builder = model.toBuilder();
        GraphEditor editor = new GraphEditor(builder.getGraphBuilder());
        int matMuls = 0;
        int gathers = 0;
        int halfs = 0;
        switch (variant) {
            case INT8 -> {
                requireOpset11(model, source);
                matMuls = editor.replaceNodes(node -> isWeightMatMul(node, editor) ? int8MatMul(node, editor) : null);
                if (matMuls == 0) {
                    throw QuantizeErrors.nothingToQuantize(source, variant);
                }
                gathers = editor.replaceNodes(node -> isLargeGather(node, editor) ? int8Gather(node, editor) : null);
            }
            case INT4 -> {
                matMuls = editor.replaceNodes(node -> isWeightMatMul(node, editor) ? int4MatMul(node, editor) : null);
                if (matMuls == 0) {
                    throw QuantizeErrors.nothingToQuantize(source, variant);
                }
                gathers = editor.replaceNodes(node -> isLargeGather(node, editor) ? int8Gather(node, editor) : null);
                ensureOpset(builder, MS_DOMAIN, 1);
            }
            case FP16 -> {
                halfs = toFloat16(editor);
                if (halfs == 0) {
                    throw QuantizeErrors.nothingToConvert(source);
                }
            }
        }
        editor.commit();
        builder.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder()
                .setKey("winnow.quantization").setValue(variant.cliName()).build());
        return new Compressed(builder.build(), matMuls, gathers, halfs);
    }

    static boolean isWeightMatMul(OnnxMl.NodeProto node, GraphEditor editor) {
        return node.getOpType().equals("MatMul") && node.getDomain().isEmpty() && node.getInputCount() == 2
                && Tensors.isFloatMatrix(editor.initializer(node.getInput(1)))
                && editor.initializer(node.getInput(0)) == null;
    }

    static boolean isLargeGather(OnnxMl.NodeProto node, GraphEditor editor) {
        if (!node.getOpType().equals("Gather") || !node.getDomain().isEmpty() || node.getInputCount() != 2) {
            return false;
        }
        OnnxMl.TensorProto table = editor.initializer(node.getInput(0));
        return GraphEditor.intAttribute(node, "axis", 0) == 0
                && Tensors.isFloatMatrix(table) && Tensors.elementCount(table) >= MIN_GATHER_ELEMENTS;
    }

    private static String base(OnnxMl.NodeProto node) {
        return node.getName().isEmpty() ? node.getOutput(0) : node.getName();
    }

    private static List<OnnxMl.NodeProto> int8MatMul(OnnxMl.NodeProto node, GraphEditor editor) {
        OnnxMl.TensorProto weight = editor.initializer(node.getInput(1));
        int k = Math.toIntExact(weight.getDims(0));
        int n = Math.toIntExact(weight.getDims(1));
        WeightQuantization.Int8 q = WeightQuantization.int8PerColumn(Tensors.floats(weight), k, n);
        String weightQ = editor.addInitializer(weight.getName() + "_quantized",
                Tensors.bytes(Tensors.INT8, q.values(), k, n));
        String weightScale = editor.addInitializer(weight.getName() + "_scale", Tensors.floats(q.scales(), n));
        String base = base(node);
        String a = node.getInput(0);
        String aQ = editor.fresh(a + "_quantized");
        String aScale = editor.fresh(a + "_scale");
        String aZeroPoint = editor.fresh(a + "_zero_point");
        String product = editor.fresh(base + "_output_int32");
        String productFloat = editor.fresh(base + "_output_float");
        String scale = editor.fresh(base + "_scale");
        return List.of(
                GraphEditor.node("DynamicQuantizeLinear", editor.fresh(base + "_quantize_input"), List.of(a),
                        List.of(aQ, aScale, aZeroPoint)),
                GraphEditor.node("MatMulInteger", editor.fresh(base + "_MatMulInteger"),
                        List.of(aQ, weightQ, aZeroPoint), List.of(product)),
                GraphEditor.node("Cast", editor.fresh(base + "_cast"), List.of(product), List.of(productFloat),
                        GraphEditor.intAttribute("to", Tensors.FLOAT)),
                GraphEditor.node("Mul", editor.fresh(base + "_scales_mul"), List.of(aScale, weightScale), List.of(scale)),
                GraphEditor.node("Mul", editor.fresh(base + "_rescale"), List.of(productFloat, scale),
                        List.of(node.getOutput(0))));
    }

    private static List<OnnxMl.NodeProto> int8Gather(OnnxMl.NodeProto node, GraphEditor editor) {
        OnnxMl.TensorProto table = editor.initializer(node.getInput(0));
        int rows = Math.toIntExact(table.getDims(0));
        int cols = Math.toIntExact(table.getDims(1));
        WeightQuantization.Int8 q = WeightQuantization.int8PerRow(Tensors.floats(table), rows, cols);
        String tableQ = editor.addInitializer(table.getName() + "_quantized", Tensors.bytes(Tensors.INT8, q.values(), rows, cols));
        String rowScales = editor.addInitializer(table.getName() + "_row_scale", Tensors.floats(q.scales(), rows, 1));
        String base = base(node);
        String ids = node.getInput(1);
        String gathered = editor.fresh(base + "_int8");
        String gatheredFloat = editor.fresh(base + "_int8_float");
        String scales = editor.fresh(base + "_row_scale");
        return List.of(
                GraphEditor.node("Gather", editor.fresh(base + "_quantized"), List.of(tableQ, ids), List.of(gathered),
                        GraphEditor.intAttribute("axis", 0)),
                GraphEditor.node("Cast", editor.fresh(base + "_cast"), List.of(gathered), List.of(gatheredFloat),
                        GraphEditor.intAttribute("to", Tensors.FLOAT)),
                GraphEditor.node("Gather", editor.fresh(base + "_scales"), List.of(rowScales, ids), List.of(scales),
                        GraphEditor.intAttribute("axis", 0)),
                GraphEditor.node("Mul", editor.fresh(base + "_rescale"), List.of(gatheredFloat, scales),
                        List.of(node.getOutput(0))));
    }

    private static List<OnnxMl.NodeProto> int4MatMul(OnnxMl.NodeProto node, GraphEditor editor) {
        OnnxMl.TensorProto weight = editor.initializer(node.getInput(1));
        int k = Math.toIntExact(weight.getDims(0));
        int n = Math.toIntExact(weight.getDims(1));
        WeightQuantization.Int4Blocks q = WeightQuantization.int4Blocks(Tensors.floats(weight), k, n, INT4_BLOCK_SIZE);
        String packed = editor.addInitializer(weight.getName() + "_q4",
                Tensors.bytes(Tensors.UINT8, q.packed(), n, q.blocks(), INT4_BLOCK_SIZE / 2));
        String scales = editor.addInitializer(weight.getName() + "_q4_scales", Tensors.floats(q.scales(), (long) n * q.blocks()));
        String zeroPoints = editor.addInitializer(weight.getName() + "_q4_zero_points",
                Tensors.bytes(Tensors.UINT8, q.zeroPoints(), q.zeroPoints().length));
        OnnxMl.NodeProto matMul = GraphEditor.node("MatMulNBits", editor.fresh(base(node) + "_MatMulNBits"),
                List.of(node.getInput(0), packed, scales, zeroPoints), List.of(node.getOutput(0)),
                GraphEditor.intAttribute("K", k), GraphEditor.intAttribute("N", n),
                GraphEditor.intAttribute("bits", 4), GraphEditor.intAttribute("block_size", INT4_BLOCK_SIZE));
        return List.of(matMul.toBuilder().setDomain(MS_DOMAIN).build());
    }

    private static int toFloat16(GraphEditor editor) {
        List<OnnxMl.NodeProto> casts = new ArrayList<>();
        for (OnnxMl.TensorProto tensor : editor.initializers()) {
            if (tensor.getDataType() != Tensors.FLOAT || Tensors.elementCount(tensor) < 16) {
                continue;
            }
            float[] values = Tensors.floats(tensor);
            short[] halfs = new short[values.length];
            for (int i = 0; i < values.length; i++) {
                halfs[i] = WeightQuantization.toHalf(values[i]);
            }
            String name = tensor.getName();
            editor.removeInitializer(name);
            String half = editor.addInitializer(name + "_fp16", Tensors.halfs(halfs, tensor.getDimsList()));
            casts.add(GraphEditor.node("Cast", editor.fresh(name + "_to_float"), List.of(half), List.of(name),
                    GraphEditor.intAttribute("to", Tensors.FLOAT)));
        }
        editor.prependNodes(casts);
        return casts.size();
    }

    private static void requireOpset11(OnnxMl.ModelProto model, Path source) {
        long version = opsets(model).getOrDefault("", opsets(model).getOrDefault("ai.onnx", 0L));
        if (version < 11) {
            throw QuantizeErrors.opsetTooOld(source, version);
        }
    }

    private static void ensureOpset(OnnxMl.ModelProto.Builder model, String domain, long minimum) {
        for (OnnxMl.OperatorSetIdProto.Builder opset : model.getOpsetImportBuilderList()) {
            String d = opset.getDomain().equals("ai.onnx") ? "" : opset.getDomain();
            if (d.equals(domain)) {
                if (opset.getVersion() < minimum) {
                    opset.setVersion(minimum);
                }
                return;
            }
        }
        model.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(minimum).build());
    }

    /** Written through the one graph-file writer (temporary file, atomic rename). */
    static void write(OnnxMl.ModelProto model, Path output) {
        OnnxFiles.write(model, output);
    }

    /** Opens the written model in ONNX Runtime, so a broken graph fails here and not in a later job. */
    static void checkLoads(Path model) {
        var environment = io.winnow.batchinfer.internal.SessionCache.environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            try (OrtSession session = environment.createSession(model.toString(), options)) {
                Set<String> inputs = session.getInputNames();
                if (inputs.isEmpty()) {
                    throw new OrtException("the model has no inputs");
                }
            }
        } catch (OrtException e) {
            throw QuantizeErrors.runtimeRejected(model, e);
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw QuantizeErrors.unreadable(path, "file", e);
        }
    }

    /** Opset imports of a model, domain to version ("" is the default ONNX domain). */
    static Map<String, Long> opsets(OnnxMl.ModelProto model) {
        Map<String, Long> opsets = new LinkedHashMap<>();
        model.getOpsetImportList().forEach(o -> opsets.put(o.getDomain(), o.getVersion()));
        return opsets;
    }
}
