package io.winnow.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.core.testing.TestSpark;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShowTest {
    private final List<Map<String, String>> shown = new ArrayList<>();

    @BeforeEach
    void captureDisplays() {
        Show.attach(shown::add);
    }

    @AfterEach
    void printAgain() {
        Show.attach(representations -> System.out.println(representations.get("text/plain")));
    }

    @Test
    void aTableIsShownAsEscapedHtmlWithLongCellsCut() {
        Dataset<Row> table = TestSpark.session().sql(
                "SELECT 'doc-1' AS doc_id, '<b>bold</b> & more' AS text, array('a', 'b') AS reasons, 0.123456D AS score"
                        + " UNION ALL SELECT 'doc-2', repeat('x', 50), array(), 1D");

        Show.table(table, 10, 20);

        assertThat(shown).hasSize(1);
        String html = shown.get(0).get("text/html");
        assertThat(html).contains("<th>doc_id</th><th>text</th><th>reasons</th><th>score</th>")
                .contains("&lt;b&gt;bold&lt;/b&gt; &amp; more")
                .contains("[a, b]")
                .contains("0.1235")
                .contains("x".repeat(19) + "…")
                .doesNotContain("x".repeat(20));
        assertThat(shown.get(0).get("text/plain")).startsWith("doc_id | text | reasons | score\n");
    }

    @Test
    void anImageIsShownAsABase64Png() throws IOException {
        Show.png(Charts.bars("t", List.of("a"), List.of(1)));

        assertThat(shown).hasSize(1);
        byte[] png = Base64.getDecoder().decode(shown.get(0).get("image/png"));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(decoded.getWidth()).isEqualTo(640);
        assertThat(decoded.getHeight()).isEqualTo(400);
        assertThat(shown.get(0).get("text/plain")).isEqualTo("<PNG image 640x400>");
    }

    @Test
    void markdownKeepsItsSourceAsThePlainText() {
        Show.markdown("**bold**");

        assertThat(shown).containsExactly(Map.of("text/plain", "**bold**", "text/markdown", "**bold**"));
    }
}
