package io.winnow.batchinfer.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.OrtRunner;
import io.winnow.batchinfer.internal.TokenBatch;
import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LayerGraphTest {
    private static final String LAYER_3 = "/encoder/layer.2/output/LayerNorm/Add_1_output_0";

    @Test
    void layerNamesFollowTheHuggingFaceExport() {
        assertThat(LayerGraph.outputName(1, 6)).isEqualTo("/encoder/layer.0/output/LayerNorm/Add_1_output_0");
        assertThat(LayerGraph.outputName(5, 6)).isEqualTo("/encoder/layer.4/output/LayerNorm/Add_1_output_0");
        assertThat(LayerGraph.outputName(6, 6)).isEqualTo("last_hidden_state");
        assertThat(LayerGraph.outputName(12, 12)).isEqualTo("last_hidden_state");
    }

    @Test
    void theFullDepthCutGivesExactlyTheOriginalLastHiddenState() throws Exception {
        ModelSpec spec = ModelSpec.of("all-minilm-l6-v2");
        Path original = OrtRunner.onnx(spec);
        assertThat(LayerGraph.shape(original)).isEqualTo(new LayerGraph.Shape(6, 384, 30522));
        Path work = TestSpark.tempDirectory("layer-graph");
        Path cut = LayerGraph.cached(original, new TreeSet<>(Set.of(6)), work);
        TokenBatch batch = OrtRunner.batch(spec, OrtRunner.SENTENCES);

        float[] expected = OrtRunner.run(original, batch, Set.of("last_hidden_state")).get("last_hidden_state");
        float[] actual = OrtRunner.run(cut, batch, Set.of("last_hidden_state")).get("last_hidden_state");
        assertThat(actual).hasSize(batch.size() * batch.width() * 384);
        assertThat(OrtRunner.maxAbsDiff(expected, actual)).isLessThan(1e-5);
        // Cached: the same model content and layers give the same file without rewriting it.
        long written = Files.getLastModifiedTime(cut).toMillis();
        assertThat(LayerGraph.cached(original, new TreeSet<>(Set.of(6)), work)).isEqualTo(cut);
        assertThat(Files.getLastModifiedTime(cut).toMillis()).isEqualTo(written);
    }

    @Test
    void aLayerThreeCutHasFewerNodesAndTheSameLayerThreeStatesAsTheFullGraph() throws Exception {
        ModelSpec spec = ModelSpec.of("all-minilm-l6-v2");
        Path original = OrtRunner.onnx(spec);
        OnnxMl.ModelProto model = LayerGraph.load(original);
        LayerGraph.Cut early = LayerGraph.cut(model, new TreeSet<>(Set.of(3)), original);
        LayerGraph.Cut full = LayerGraph.cut(model, new TreeSet<>(Set.of(3, 6)), original);
        assertThat(full.nodesAfter()).isEqualTo(full.nodesBefore());
        assertThat(early.nodesAfter()).isLessThan(full.nodesAfter() * 2 / 3);
        assertThat(early.model().getGraph().getInitializerCount())
                .isLessThan(full.model().getGraph().getInitializerCount());
        assertThat(early.model().getGraph().getOutputList()).extracting(OnnxMl.ValueInfoProto::getName)
                .containsExactly(LAYER_3);
        System.out.printf("layer-3 cut: %d of %d nodes%n", early.nodesAfter(), early.nodesBefore());

        Path work = TestSpark.tempDirectory("layer-graph");
        Path earlyFile = work.resolve("early.onnx");
        Path fullFile = work.resolve("full.onnx");
        OnnxFiles.write(early.model(), earlyFile);
        OnnxFiles.write(full.model(), fullFile);
        assertThat(Files.size(earlyFile)).isLessThan(Files.size(fullFile));
        TokenBatch batch = OrtRunner.batch(spec, OrtRunner.SENTENCES);
        Map<String, float[]> fromFull = OrtRunner.run(fullFile, batch, Set.of(LAYER_3, "last_hidden_state"));
        float[] fromEarly = OrtRunner.run(earlyFile, batch, Set.of(LAYER_3)).get(LAYER_3);
        assertThat(OrtRunner.maxAbsDiff(fromFull.get(LAYER_3), fromEarly)).isLessThan(1e-5);
        // and the layer-3 states really differ from the last layer's
        assertThat(OrtRunner.maxAbsDiff(fromFull.get(LAYER_3), fromFull.get("last_hidden_state"))).isGreaterThan(0.1);
    }

    @Test
    void theInt8ModelIsCutWithTheSameNames() throws Exception {
        ModelSpec spec = ModelSpec.of("all-minilm-l6-v2-int8");
        Path original = OrtRunner.onnx(spec);
        Path cut = LayerGraph.cached(original, new TreeSet<>(Set.of(2, 6)), TestSpark.tempDirectory("layer-graph"));
        TokenBatch batch = OrtRunner.batch(spec, OrtRunner.SENTENCES);
        float[] expected = OrtRunner.run(original, batch, Set.of("last_hidden_state")).get("last_hidden_state");
        Map<String, float[]> actual = OrtRunner.run(cut, batch,
                Set.of("last_hidden_state", LayerGraph.outputName(2, 6)));
        assertThat(OrtRunner.maxAbsDiff(expected, actual.get("last_hidden_state"))).isLessThan(1e-5);
        assertThat(actual.get(LayerGraph.outputName(2, 6))).hasSize(expected.length);
    }

    @Test
    void aLayerDeeperThanTheModelNamesTheDepth() {
        Path original = OrtRunner.onnx(ModelSpec.of("all-minilm-l6-v2"));
        assertThatThrownBy(() -> LayerGraph.cached(original, new TreeSet<>(Set.of(7)), TestSpark.tempDirectory("x")))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("Layer 7 was requested but model")
                .hasMessageContaining("has only 6 layers. Use layers 1..6")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID);
    }
}
