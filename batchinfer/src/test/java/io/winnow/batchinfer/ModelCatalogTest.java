package io.winnow.batchinfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.batchinfer.model.ModelCheck;
import io.winnow.batchinfer.model.ModelFetcher;
import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    private static final Configuration HADOOP = new Configuration();

    @Test
    void builtInModelsAreClasspathResourcesWithTheirPoolingAndPrecision() {
        ModelSpec miniLm = ModelSpec.of("all-minilm-l6-v2");
        assertThat(miniLm.onnxUri()).isEqualTo("classpath:all-minilm-l6-v2.onnx");
        assertThat(miniLm.tokenizerUri()).isEqualTo("classpath:all-minilm-l6-v2-tokenizer.json");
        assertThat(miniLm.pooling()).isEqualTo(Pooling.MEAN);
        assertThat(miniLm.normalize()).isTrue();
        assertThat(miniLm.precision()).isEqualTo(Precision.FP32);
        assertThat(miniLm.maxTokens()).isEqualTo(256);
        assertThat(miniLm.pinned()).isFalse();
        assertThat(ModelSpec.of("all-minilm-l6-v2-int8").precision()).isEqualTo(Precision.INT8);
        assertThat(ModelSpec.of("BGE-small-en-v1.5-int8").pooling()).isEqualTo(Pooling.CLS);
    }

    @Test
    void pinningFetchesBothFilesIntoTheContentAddressedCacheOnce() throws IOException {
        ModelSpec pinned = ModelSpec.of("all-minilm-l6-v2-int8").pin(HADOOP);
        assertThat(pinned.onnxSha256()).hasSize(64);
        Path local = ModelFetcher.fetch(pinned.onnxUri(), pinned.onnxSha256(), HADOOP).path();
        assertThat(local).isEqualTo(ModelFetcher.cacheRoot().resolve(pinned.onnxSha256()).resolve("all-minilm-l6-v2-q.onnx"));
        long written = Files.getLastModifiedTime(local).toMillis();
        // A second fetch of the same content reuses the published file.
        assertThat(ModelFetcher.fetch(pinned.onnxUri(), pinned.onnxSha256(), HADOOP).path()).isEqualTo(local);
        assertThat(Files.getLastModifiedTime(local).toMillis()).isEqualTo(written);
        try (var listing = Files.list(local.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".incoming"));
        }
    }

    @Test
    void aModelFolderGivenAsAFileUriResolvesToItsOnnxFileAndTokenizer() throws IOException {
        Path folder = modelFolder("folder-model");
        ModelSpec spec = ModelSpec.of(folder.toUri().toString());
        assertThat(spec.name()).isEqualTo("model");
        assertThat(spec.onnxUri()).startsWith("file:").endsWith(folder + "/model.onnx");
        assertThat(spec.tokenizerUri()).startsWith("file:").endsWith(folder + "/tokenizer.json");
        assertThat(spec.pooling()).isEqualTo(Pooling.MEAN);
        // a plain path is the same model
        assertThat(ModelSpec.of(folder.toString()).onnxUri()).endsWith(folder + "/model.onnx");
    }

    @Test
    void aCopyThatDoesNotMatchThePinnedChecksumIsRejectedWithTheUri() throws IOException {
        Path folder = modelFolder("changed-model");
        ModelSpec pinned = ModelSpec.of(folder.toString()).pin(HADOOP);
        // the source changes after the driver pinned it; the cache of this content is gone (a fresh executor)
        Files.write(folder.resolve("model.onnx"), new byte[] {1, 2, 3});
        deleteCached(pinned.onnxSha256());
        assertThatThrownBy(() -> ModelFetcher.fetch(pinned.onnxUri(), pinned.onnxSha256(), HADOOP))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("Model file '" + pinned.onnxUri() + "' has SHA-256 ")
                .hasMessageContaining("but " + pinned.onnxSha256() + " was expected")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.INPUT_INVALID);
    }

    @Test
    void anExecutorThatCannotSeeAPinnedLocalModelSaysHowToShareIt() throws IOException {
        Path folder = modelFolder("vanished-model");
        ModelSpec pinned = ModelSpec.of(folder.toString()).pin(HADOOP);
        // what an executor without the driver's disk sees: no cached copy, no source file
        Files.delete(folder.resolve("model.onnx"));
        deleteCached(pinned.onnxSha256());
        assertThatThrownBy(() -> ModelFetcher.fetch(pinned.onnxUri(), pinned.onnxSha256(), HADOOP))
                .isInstanceOf(WinnowException.class)
                .hasMessageStartingWith("Model file '" + pinned.onnxUri() + "' cannot be read from this JVM")
                .hasMessageContaining("put it on hdfs:// or s3a://, use a built-in model");
    }

    @Test
    void aTruncatedOnnxFileIsAnErrorNamingTheFileNotACrash() throws IOException {
        Path folder = modelFolder("truncated-model");
        byte[] whole = Files.readAllBytes(folder.resolve("model.onnx"));
        Files.write(folder.resolve("model.onnx"), java.util.Arrays.copyOf(whole, whole.length / 3));
        ModelSpec spec = ModelSpec.of(folder.toString());
        assertThatThrownBy(() -> ModelCheck.pinAndCheck(spec, HADOOP))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("model.onnx' as a text encoder: it does not parse as an ONNX protobuf, so it is"
                        + " truncated or not an ONNX file");
        Files.writeString(folder.resolve("model.onnx"), "<html>not a model</html>");
        assertThatThrownBy(() -> ModelCheck.pinAndCheck(ModelSpec.of(folder.toString()), HADOOP))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("as a text encoder");
    }

    @Test
    void aTokenizerWithIdsBeyondTheModelsEmbeddingTableIsRejected() throws IOException {
        Path folder = modelFolder("mismatched-model");
        Files.writeString(folder.resolve("tokenizer.json"),
                "{\"added_tokens\": [{\"id\": 250001, \"content\": \"<x>\"}], \"model\": {\"vocab\": {\"a\": 0, \"b\": 1}}}");
        assertThatThrownBy(() -> ModelCheck.pinAndCheck(ModelSpec.of(folder.toString()), HADOOP))
                .isInstanceOf(WinnowException.class)
                .hasMessageEndingWith("does not match model 'model': it produces token ids up to 250001, but the model's"
                        + " embedding table has 30522 rows. Use the tokenizer.json that was exported with this model.");
    }

    @Test
    void aMissingModelAndAnUnreachableFileSystemSayWhatToDo() {
        assertThatThrownBy(() -> ModelSpec.of("/no/such/model.onnx"))
                .isInstanceOf(WinnowException.class)
                .hasMessageStartingWith("Model '/no/such/model.onnx' is neither a built-in model (all-minilm-l6-v2,")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.INPUT_NOT_FOUND);
        // port 1 on loopback: nothing listens, so the name node is unreachable
        Configuration fast = new Configuration();
        fast.set("ipc.client.connect.max.retries", "0");
        fast.set("ipc.client.connect.timeout", "1000");
        assertThatThrownBy(() -> ModelCatalog.resolve("hdfs://127.0.0.1:1/models/m.onnx", fast))
                .isInstanceOf(WinnowException.class)
                .hasMessageStartingWith("Cannot reach the file system of model file 'hdfs://127.0.0.1:1/models/m.onnx'")
                .hasMessageContaining("Check the URI's scheme and host");
    }

    @Test
    void aFolderWithoutTokenizerSaysWhichNamesWereTried() throws IOException {
        Path directory = TestSpark.tempDirectory("model");
        Files.writeString(directory.resolve("model.onnx"), "not really a model");
        assertThatThrownBy(() -> ModelSpec.of(directory.toString()))
                .isInstanceOf(WinnowException.class)
                .hasMessageStartingWith("No tokenizer for model 'file:").hasMessageContaining(directory + "/model.onnx': looked for ");
    }

    @Test
    void aSpecRejectsAMaxTokensBelowTwo() {
        assertThatThrownBy(() -> ModelSpec.of("all-minilm-l6-v2").withMaxTokens(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxTokens must be >= 2, got 1");
    }

    /** A user's model folder: the built-in MiniLM int8 files under plain names. */
    static Path modelFolder(String name) throws IOException {
        ModelSpec builtIn = ModelSpec.of("all-minilm-l6-v2-int8");
        Path folder = TestSpark.tempDirectory(name);
        Files.copy(OrtRunner.onnx(builtIn), folder.resolve("model.onnx"));
        Files.copy(OrtRunner.tokenizer(builtIn), folder.resolve("tokenizer.json"));
        return folder;
    }

    private static void deleteCached(String sha256) throws IOException {
        Path folder = ModelFetcher.cacheRoot().resolve(sha256);
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        }
    }

}
