package io.winnow.tokenization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenizationConfigTest {

    @Test
    void theTokenizeSectionReadsItsKeysWithDefaults() {
        TokenizeConfig config = TokenizeConfig.fromConfig(new ConfigSection("test.yaml", "tokenize",
                Map.of("tokenizer", "tokenizers/bpe-8000/tokenizer.json", "write-ids", true)));
        assertThat(config).isEqualTo(new TokenizeConfig("curated", "tokenizers/bpe-8000/tokenizer.json", "token_counts",
                true, "quarantine"));
    }

    @Test
    void aTokenizeSectionWithoutATokenizerUsesTheLargestDefaultSizeAndAnEmptyOneIsRejectedWithAFix() {
        assertThat(TokenizeConfig.fromConfig(new ConfigSection("test.yaml", "tokenize", Map.of())).tokenizer())
                .isEqualTo("_tokenizers/bpe-8000/tokenizer.json");
        assertThatThrownBy(() -> TokenizeConfig.fromConfig(new ConfigSection("test.yaml", "tokenize", Map.of("tokenizer", " "))))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("tokenize.tokenizer")
                .satisfies(e -> assertThat(((WinnowException) e).errorCode()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }

    @Test
    void trainAndAnalysisSectionsParseListsAndRejectUnknownKeys() {
        TrainTokenizersConfig train = TrainTokenizersConfig.fromConfig(new ConfigSection("test.yaml", "train-tokenizers",
                Map.of("vocab-sizes", List.of(8000, 500, 1000), "output-dir", "tok")));
        assertThat(train.vocabSizes()).containsExactly(500, 1000, 8000);
        VocabularyAnalysisConfig analysis = VocabularyAnalysisConfig.fromConfig(new ConfigSection("test.yaml",
                "vocab-analysis", Map.of("non-vocab-params", List.of("3e9", "70e9"), "compute-flops", 1e21)));
        assertThat(analysis.nonVocabParams()).containsExactly(3e9, 70e9);
        assertThat(analysis.computeFlops()).isEqualTo(1e21);
        assertThatThrownBy(() -> VocabularyAnalysisConfig.fromConfig(new ConfigSection("test.yaml", "vocab-analysis",
                Map.of("tokenizer-dir", "x")))).isInstanceOf(WinnowException.class).hasMessageContaining("tokenizers-dir");
        assertThatThrownBy(() -> TrainTokenizersConfig.fromConfig(new ConfigSection("test.yaml", "train-tokenizers",
                Map.of("vocab-sizes", List.of(100))))).isInstanceOf(WinnowException.class).hasMessageContaining("below 257");
    }
}
