package io.winnow.batchinfer.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full measured table (every variant, MiniLM and BGE, all 1,500 STS-B dev pairs). Slow, so off
 * by default: {@code -Dwinnow.quantize.table=true -Dwinnow.quantize.models=minilm,bge -Dwinnow.quantize.variants=int8,int4,fp16}.
 */
@EnabledIfSystemProperty(named = "winnow.quantize.table", matches = "true")
class QuantizationTableTest {
    @TempDir
    Path work;

    @Test
    void printsTheMeasuredTable() {
        List<String> rows = new ArrayList<>();
        int pairs = Integer.getInteger("winnow.quantize.pairs", 1500);
        for (String model : System.getProperty("winnow.quantize.models", "minilm").split(",")) {
            QuantizationFixtures.Model m = QuantizationFixtures.model(model);
            for (String v : System.getProperty("winnow.quantize.variants", "int8").split(",")) {
                QuantizationVariant variant = QuantizationVariant.parse(v);
                QuantizationResult result = OnnxQuantizer.quantize(
                        QuantizeRequest.int8(m.fp32(), work.resolve(model + "-" + v + ".onnx")).withVariant(variant)
                                .withEvaluation(m.tokenizer(), m.pooling(), pairs, QuantizeRequest.DEFAULT_STS_DEV));
                rows.add(QuantizationFixtures.row(model + " " + v + " (winnow)", result.outputBytes(), result.report()));
                System.out.println(result.summary());
            }
            if (m.publisherInt8() != null) {
                QuantizationReport reference = QuantizationReport.measure(m.fp32(), m.publisherInt8(), m.tokenizer(),
                        m.pooling(), QuantizeRequest.DEFAULT_STS_DEV, pairs);
                rows.add(QuantizationFixtures.row(model + " int8 (publisher)", m.publisherInt8().toFile().length(), reference));
            }
        }
        System.out.println("| variant | file MB | cosine mean | cosine min | Spearman fp32 | Spearman variant | texts/s fp32 | texts/s variant |");
        rows.forEach(System.out::println);
        assertThat(rows).isNotEmpty();
    }
}
