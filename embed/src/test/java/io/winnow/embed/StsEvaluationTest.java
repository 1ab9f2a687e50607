package io.winnow.embed;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.Pooling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.winnow.batchinfer.ModelSpec;
import io.winnow.core.testing.TestSpark;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class StsEvaluationTest {
    private static Path devFile() {
        return TestSpark.sharedData().resolve("sts/stsb_multi_mt/stsb-en-dev.csv");
    }

    @Test
    void miniLmOn200DevPairsScoresAbove08AtFullSizeAndGivesATableAndHeatmap() throws Exception {
        assumeTrue(Files.isRegularFile(devFile()), "STS-B dev file absent");
        Optional<StsEvaluation.Table> result = StsEvaluation.evaluate(ModelSpec.of("all-minilm-l6-v2").withPooling(Pooling.MEAN),
                List.of(1, 3, 6), List.of(32, 384), devFile(), 200, EncoderOptions.defaults(2));
        assertThat(result).isPresent();
        StsEvaluation.Table table = result.get();
        System.out.println(table.toMarkdown());
        assertThat(table.pairs()).isEqualTo(200);
        assertThat(table.at(6, 384)).isGreaterThan(0.8);
        assertThat(table.at(6, 384)).isGreaterThan(table.at(1, 32));
        assertThat(table.toMarkdown()).contains("| layer \\ dim | 32 | 384 |").contains("| 6 |")
                .startsWith("stsb-en-dev.csv Spearman(cosine), all-minilm-l6-v2, mean pooling, 200 pairs");

        Path png = TestSpark.tempDirectory("sts").resolve("heatmap.png");
        table.writeHeatmap(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(200);
        assertThat(image.getHeight()).isGreaterThan(150);
    }

    @Test
    void anAbsentFileIsSkippedCleanly() {
        assertThat(StsEvaluation.evaluate(ModelSpec.of("all-minilm-l6-v2").withPooling(Pooling.MEAN), List.of(6), List.of(384),
                Path.of("/no/such/stsb.csv"), 10, EncoderOptions.defaults(1))).isEmpty();
    }
}
