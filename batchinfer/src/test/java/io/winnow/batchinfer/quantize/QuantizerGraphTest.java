package io.winnow.batchinfer.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl;
import io.winnow.batchinfer.graph.GraphEditor;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph rewrites on tiny models, checked against ONNX Runtime itself. */
class QuantizerGraphTest {
    private static final int ROWS = 3;
    private static final int K = 64;
    private static final int N = 8;
    private static final int VOCAB = 100;
    private static final int DIM = 256; // 25,600 elements: above the Gather threshold

    @TempDir
    Path work;

    private final Random random = new Random(42);
    private final float[] weight = randoms(K * N);
    private final float[] input = randoms(ROWS * K);
    private final float[] table = randoms(VOCAB * DIM);

    @Test
    void int8MatMulFollowsDynamicQuantizeLinearAndMatMulIntegerSemanticsInOnnxRuntime() throws Exception {
        Path model = quantized(matMulModel(), QuantizationVariant.INT8);
        float[] actual = runMatMul(model);

        // DynamicQuantizeLinear: uint8, range always includes 0, scale (max - min) / 255, zero point round(-min / scale)
        float min = 0;
        float max = 0;
        for (float v : input) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float scale = (max - min) / 255f;
        int zeroPoint = (int) Math.max(0, Math.min(255, Math.rint(-min / scale)));
        WeightQuantization.Int8 w = WeightQuantization.int8PerColumn(weight, K, N);
        for (int r = 0; r < ROWS; r++) {
            for (int n = 0; n < N; n++) {
                long sum = 0;
                double exact = 0;
                for (int k = 0; k < K; k++) {
                    int q = (int) Math.max(0, Math.min(255, Math.rint(input[r * K + k] / scale) + zeroPoint));
                    sum += (long) (q - zeroPoint) * w.values()[k * N + n];
                    exact += input[r * K + k] * weight[k * N + n];
                }
                float expected = sum * (scale * w.scales()[n]);
                assertThat(actual[r * N + n]).isCloseTo(expected, within(1e-4f * Math.max(1f, Math.abs(expected))));
                assertThat((double) actual[r * N + n]).isCloseTo(exact, within(0.05));
            }
        }
    }

    @Test
    void int4MatMulNBitsDecodesThePackedBlocksAsOnnxRuntimeDoes() throws Exception {
        Path model = quantized(matMulModel(), QuantizationVariant.INT4);
        float[] actual = runMatMul(model);
        WeightQuantization.Int4Blocks q = WeightQuantization.int4Blocks(weight, K, N, OnnxQuantizer.INT4_BLOCK_SIZE);
        int blob = OnnxQuantizer.INT4_BLOCK_SIZE / 2;
        int zeroPointBytes = (q.blocks() + 1) / 2;
        for (int r = 0; r < ROWS; r++) {
            for (int n = 0; n < N; n++) {
                double expected = 0;
                for (int k = 0; k < K; k++) {
                    int b = k / OnnxQuantizer.INT4_BLOCK_SIZE;
                    int i = k % OnnxQuantizer.INT4_BLOCK_SIZE;
                    int value = (q.packed()[(n * q.blocks() + b) * blob + i / 2] >> (4 * (i % 2))) & 0x0F;
                    int zeroPoint = (q.zeroPoints()[n * zeroPointBytes + b / 2] >> (4 * (b % 2))) & 0x0F;
                    expected += input[r * K + k] * (value - zeroPoint) * q.scales()[n * q.blocks() + b];
                }
                assertThat((double) actual[r * N + n]).isCloseTo(expected, within(1e-4 * Math.max(1, Math.abs(expected))));
            }
        }
    }

    @Test
    void fp16KeepsTheOutputWithinHalfPrecision() throws Exception {
        Path model = quantized(matMulModel(), QuantizationVariant.FP16);
        float[] actual = runMatMul(model);
        for (int r = 0; r < ROWS; r++) {
            for (int n = 0; n < N; n++) {
                double exact = 0;
                for (int k = 0; k < K; k++) {
                    exact += input[r * K + k] * weight[k * N + n];
                }
                assertThat((double) actual[r * N + n]).isCloseTo(exact, within(5e-3));
            }
        }
        OnnxMl.ModelProto written = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(model));
        assertThat(written.getGraph().getInitializerList()).allMatch(t -> t.getDataType() == Tensors.FLOAT16);
    }

    @Test
    void embeddingTablesBecomeInt8PerRowAndLookUpTheSameVectors() throws Exception {
        Path model = quantized(gatherMatMulModel(), QuantizationVariant.INT8);
        OnnxMl.ModelProto written = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(model));
        assertThat(written.getGraph().getNodeList()).extracting(OnnxMl.NodeProto::getOpType)
                .containsExactly("Gather", "Cast", "Gather", "Mul",
                        "DynamicQuantizeLinear", "MatMulInteger", "Cast", "Mul", "Mul");
        assertThat(written.getGraph().getInitializerList()).extracting(OnnxMl.TensorProto::getName)
                .doesNotContain("table", "weight");
        long[] ids = {0, 7, 99};
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(model.toString());
                OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), LongBuffer.wrap(ids), new long[] {3});
                OrtSession.Result result = session.run(Map.of("ids", tensor), Set.of("embedded"))) {
            FloatBuffer embedded = ((OnnxTensor) result.get("embedded").orElseThrow()).getFloatBuffer();
            for (int r = 0; r < ids.length; r++) {
                for (int d = 0; d < DIM; d++) {
                    assertThat(embedded.get(r * DIM + d)).isCloseTo(table[(int) ids[r] * DIM + d], within(1.0f / 127));
                }
            }
        }
    }

    @Test
    void rewrittenGraphsKeepEveryTensorProducedBeforeItIsReadAndNamesUnique() throws Exception {
        for (QuantizationVariant variant : QuantizationVariant.values()) {
            OnnxMl.ModelProto model = OnnxQuantizer.compress(gatherMatMulModel(), variant, Path.of("tiny.onnx")).model();
            Set<String> available = new HashSet<>();
            model.getGraph().getInputList().forEach(v -> available.add(v.getName()));
            model.getGraph().getInitializerList().forEach(t -> available.add(t.getName()));
            Set<String> nodeNames = new HashSet<>();
            for (OnnxMl.NodeProto node : model.getGraph().getNodeList()) {
                assertThat(available).as("%s inputs of %s", variant, node.getName()).containsAll(node.getInputList());
                assertThat(nodeNames.add(node.getName())).as("unique node name %s", node.getName()).isTrue();
                for (String output : node.getOutputList()) {
                    assertThat(available.add(output)).as("%s written once", output).isTrue();
                }
            }
        }
    }

    @Test
    void aFileThatIsNotAnOnnxModelIsRejectedWithItsNameAndTheFix() throws Exception {
        Path text = Files.writeString(work.resolve("notes.onnx"), "this is a text file, not a model\n");
        assertThatThrownBy(() -> OnnxQuantizer.quantize(QuantizeRequest.int8(text, work.resolve("out.onnx"))))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("notes.onnx")
                .hasMessageContaining("is not an ONNX model")
                .hasMessageContaining("Pass an .onnx file")
                .satisfies(e -> assertThat(((WinnowException) e).errorCode()).isEqualTo(ErrorCode.INPUT_INVALID));
        assertThat(work.resolve("out.onnx")).doesNotExist();
    }

    @Test
    void aMissingModelFileIsReportedAsInputNotFound() {
        Path missing = work.resolve("missing.onnx");
        assertThatThrownBy(() -> OnnxQuantizer.quantize(QuantizeRequest.int8(missing, work.resolve("out.onnx"))))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("missing.onnx")
                .hasMessageContaining("does not exist")
                .satisfies(e -> assertThat(((WinnowException) e).errorCode()).isEqualTo(ErrorCode.INPUT_NOT_FOUND));
    }

    @Test
    void aModelWithoutFloatMatMulWeightsSaysItIsProbablyAlreadyQuantized() throws Exception {
        OnnxMl.ModelProto.Builder model = matMulModel().toBuilder();
        model.getGraphBuilder().clearInitializer().addInput(valueInfo("weight", K, N));
        Path file = work.resolve("weights-as-inputs.onnx");
        Files.write(file, model.build().toByteArray());
        assertThatThrownBy(() -> OnnxQuantizer.quantize(QuantizeRequest.int8(file, work.resolve("out.onnx"))))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("weights-as-inputs.onnx")
                .hasMessageContaining("no MatMul whose weight is a 2-D float initializer")
                .hasMessageContaining("pass the fp32 model");
    }

    @Test
    void unknownVariantNamesListTheAllowedOnes() {
        assertThat(QuantizationVariant.parse("INT8")).isEqualTo(QuantizationVariant.INT8);
        assertThatThrownBy(() -> QuantizationVariant.parse("int2"))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("int2")
                .hasMessageContaining("int8, int4, fp16");
    }

    private Path quantized(OnnxMl.ModelProto model, QuantizationVariant variant) throws Exception {
        Path source = work.resolve("source-" + variant + ".onnx");
        Files.write(source, model.toByteArray());
        Path output = work.resolve("out-" + variant + ".onnx");
        QuantizationResult result = OnnxQuantizer.quantize(QuantizeRequest.int8(source, output).withVariant(variant));
        assertThat(result.outputBytes()).isLessThan(result.inputBytes());
        return output;
    }

    private float[] runMatMul(Path model) throws Exception {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(model.toString());
                OnnxTensor a = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input), new long[] {ROWS, K});
                OrtSession.Result result = session.run(Map.of("a", a))) {
            FloatBuffer y = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] out = new float[y.remaining()];
            y.get(out);
            return out;
        }
    }

    private OnnxMl.ModelProto matMulModel() {
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("tiny")
                .addInput(valueInfo("a", ROWS, K))
                .addOutput(valueInfo("y", ROWS, N))
                .addInitializer(Tensors.floats(weight, K, N).setName("weight"))
                .addNode(GraphEditor.node("MatMul", "matmul", List.of("a", "weight"), List.of("y")))
                .build();
        return model(graph);
    }

    /** ids -> Gather(table) -> embedded (an output) -> MatMul(weight[DIM, N]) -> y. */
    private OnnxMl.ModelProto gatherMatMulModel() {
        float[] w = randoms(DIM * N);
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("tiny")
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("ids").setType(tensorType(OnnxMl.TensorProto.DataType.INT64_VALUE, 3)))
                .addOutput(valueInfo("embedded", 3, DIM))
                .addOutput(valueInfo("y", 3, N))
                .addInitializer(Tensors.floats(table, VOCAB, DIM).setName("table"))
                .addInitializer(Tensors.floats(w, DIM, N).setName("weight"))
                .addNode(GraphEditor.node("Gather", "embed", List.of("table", "ids"), List.of("embedded")))
                .addNode(GraphEditor.node("MatMul", "project", List.of("embedded", "weight"), List.of("y")))
                .build();
        return model(graph);
    }

    private static OnnxMl.ModelProto model(OnnxMl.GraphProto graph) {
        return OnnxMl.ModelProto.newBuilder().setIrVersion(7).setProducerName("test")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(11))
                .setGraph(graph).build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, long... dims) {
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(tensorType(Tensors.FLOAT, dims)).build();
    }

    private static OnnxMl.TypeProto tensorType(int elementType, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long dim : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return OnnxMl.TypeProto.newBuilder().setTensorType(
                OnnxMl.TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape)).build();
    }

    private float[] randoms(int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian() * 0.5f;
        }
        return values;
    }
}
