package io.winnow.batchinfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    @Test
    void builtInModelsResolveWithTheirPoolingAndPrecision() {
        ModelSpec miniLm = ModelSpec.of("all-minilm-l6-v2");
        assertThat(miniLm.pooling()).isEqualTo(Pooling.MEAN);
        assertThat(miniLm.normalize()).isTrue();
        assertThat(miniLm.precision()).isEqualTo(Precision.FP32);
        assertThat(miniLm.maxTokens()).isEqualTo(256);
        assertThat(miniLm.engine()).isEqualTo("OnnxRuntime");
        assertThat(Path.of(miniLm.onnxFile())).isRegularFile();
        assertThat(ModelSpec.of("all-minilm-l6-v2-int8").precision()).isEqualTo(Precision.INT8);
        assertThat(ModelSpec.of("BGE-small-en-v1.5-int8").pooling()).isEqualTo(Pooling.CLS);
    }

    @Test
    void aModelDirectoryResolvesToItsOnnxFileAndTokenizer() {
        Path directory = Path.of(ModelSpec.of("bge-small-en-v1.5").onnxFile()).getParent();
        ModelSpec spec = ModelSpec.of(directory.toString());
        assertThat(spec.name()).isEqualTo("bge-small-en-v1.5");
        assertThat(spec.tokenizerFile()).endsWith("bge-small-en-v1.5-tokenizer.json");
        assertThat(spec.pooling()).isEqualTo(Pooling.MEAN);
    }

    @Test
    void aMissingBuiltInModelNamesWhereItLookedAndHowToGetIt() {
        Path empty = TestSpark.tempDirectory("models");
        assertThatThrownBy(() -> ModelCatalog.at(empty).builtIn("all-minilm-l6-v2"))
                .isInstanceOf(WinnowException.class)
                .hasMessage("Built-in model 'all-minilm-l6-v2' not found: looked for 'all-minilm-l6-v2/all-minilm-l6-v2.onnx'"
                        + " in " + empty + " (given folder). Run 'mvn -pl batchinfer -am install -DskipTests' to unpack the"
                        + " built-in models, or set infer.model to a directory holding one .onnx file and its tokenizer.json"
                        + " (or point the system property winnow.models.dir at the folder holding the unpacked models).")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.INPUT_NOT_FOUND);
    }

    @Test
    void aDirectoryWithoutTokenizerSaysWhichNamesWereTried() throws IOException {
        Path directory = TestSpark.tempDirectory("model");
        Files.writeString(directory.resolve("model.onnx"), "not really a model");
        assertThatThrownBy(() -> ModelSpec.of(directory.toString()))
                .isInstanceOf(WinnowException.class)
                .hasMessage("No tokenizer for model '" + directory.resolve("model.onnx") + "': looked for "
                        + directory.resolve("model-tokenizer.json") + ", " + directory.resolve("tokenizer.json")
                        + ". Put the model's HuggingFace tokenizer.json next to the .onnx file under one of those names.");
    }

    @Test
    void aSpecRejectsAMaxTokensBelowTwo() {
        assertThatThrownBy(() -> ModelSpec.of("all-minilm-l6-v2").withMaxTokens(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxTokens must be >= 2, got 1");
    }
}
