package io.winnow.batchinfer.quantize;

import io.winnow.batchinfer.Pooling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * int8 on the real all-MiniLM-L6-v2 fp32 model, measured on all 1,500 STS-B dev pairs (about
 * 2,900 distinct sentences), next to the publisher's own int8 file measured the same way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuantizedMiniLmTest {
    private static final int STS_PAIRS = 1500;

    @TempDir
    static Path work;

    private QuantizationFixtures.Model model;
    private QuantizationResult result;
    private QuantizationReport publisher;

    @BeforeAll
    void quantizeAndMeasure() {
        model = QuantizationFixtures.model("minilm");
        assumeTrue(Files.isRegularFile(model.fp32()), "run 'mvn -pl batchinfer -am install' first to unpack the models");
        result = OnnxQuantizer.quantize(QuantizeRequest.int8(model.fp32(), work.resolve("minilm-int8.onnx"))
                .withEvaluation(model.tokenizer(), Pooling.MEAN, STS_PAIRS, QuantizeRequest.DEFAULT_STS_DEV));
        publisher = QuantizationReport.measure(model.fp32(), model.publisherInt8(), model.tokenizer(), Pooling.MEAN,
                QuantizeRequest.DEFAULT_STS_DEV, STS_PAIRS);
        System.out.println(result.summary());
        System.out.println("publisher int8: " + publisher.summary());
    }

    @Test
    void theInt8ModelIsSmallerThanAThirdOfTheOriginal() {
        assertThat(result.outputBytes()).isLessThan(result.inputBytes() / 3);
        assertThat(result.quantizedMatMuls()).isEqualTo(36); // 6 layers x (Q, K, V, attention output, 2 feed-forward)
        assertThat(result.quantizedGathers()).isEqualTo(2); // word and position embeddings
    }

    @Test
    void theInt8GraphUsesOnlyIntegerMatMulsAndRecordsTheVariant() throws Exception {
        OnnxMl.ModelProto written = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(result.output()));
        long integer = written.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("MatMulInteger")).count();
        long dynamic = written.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("DynamicQuantizeLinear")).count();
        assertThat(integer).isEqualTo(36);
        assertThat(dynamic).isEqualTo(36);
        assertThat(written.getMetadataPropsList()).anyMatch(p -> p.getKey().equals("winnow.quantization") && p.getValue().equals("int8"));
    }

    @Test
    void int8EmbeddingsStayCloseToFp32OnRealSentences() {
        assumeTrue(Files.isRegularFile(QuantizeRequest.DEFAULT_STS_DEV), "STS-B dev CSV (../shared/data) not present");
        QuantizationReport report = result.report();
        assertThat(report.texts()).isGreaterThan(2000);
        assertThat(report.meanCosine()).isGreaterThanOrEqualTo(0.99);
        // The worst of ~2,900 sentences measured 0.980: activations get one dynamic scale per batch tensor, as in
        // ONNX Runtime's quantize_dynamic; the publisher's own int8 file measured 0.968 the same way.
        assertThat(report.minCosine()).isGreaterThanOrEqualTo(0.975);
    }

    @Test
    void int8LosesAtMostOneSpearmanPointOnStsBenchmarkDev() {
        assumeTrue(Files.isRegularFile(QuantizeRequest.DEFAULT_STS_DEV), "STS-B dev CSV not present");
        QuantizationReport report = result.report();
        assertThat(report.stsPairs()).isEqualTo(STS_PAIRS);
        assertThat(report.spearmanFp32()).isBetween(0.80, 0.95); // all-MiniLM-L6-v2 scores ~0.87 on STS-B dev
        assertThat(report.spearmanDropPoints()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void ourInt8IsAtLeastAsFaithfulAsThePublishersInt8File() {
        assumeTrue(Files.isRegularFile(QuantizeRequest.DEFAULT_STS_DEV), "STS-B dev CSV (../shared/data) not present");
        assertThat(publisher.meanCosine()).isGreaterThan(0.98);
        assertThat(result.report().meanCosine()).isGreaterThanOrEqualTo(publisher.meanCosine() - 0.002);
        assertThat(result.report().spearmanVariant()).isGreaterThanOrEqualTo(publisher.spearmanVariant() - 0.005);
    }

    @Test
    void withoutAnStsFileTheReportFallsBackToBuiltInSentencesAndReportsNoSpearman() {
        QuantizationReport report = QuantizationReport.measure(model.fp32(), result.output(), model.tokenizer(),
                Pooling.MEAN, work.resolve("absent-stsb-dev.csv"), STS_PAIRS);
        assertThat(report.stsPairs()).isZero();
        assertThat(report.texts()).isEqualTo(QuantizationReport.FALLBACK_SENTENCES.size());
        assertThat(report.spearmanFp32()).isNaN();
        assertThat(report.meanCosine()).isGreaterThan(0.98);
    }
}
