package io.winnow.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.batchinfer.Granularity;
import org.junit.jupiter.api.Test;

class PresetTest {

    @Test
    void theStarbucksPresetIsThePaperListForBertBaseAndScaledForSmallerModels() {
        assertThat(Preset.STARBUCKS.pairs(12, 768)).isEqualTo(Preset.STARBUCKS_PAIRS);
        assertThat(Preset.STARBUCKS.pairs(12, 384)).extracting(Granularity::toString)
                .containsExactly("2:16", "4:32", "6:64", "8:128", "10:256", "12:384");
        assertThat(Preset.STARBUCKS.pairs(6, 384)).extracting(Granularity::toString)
                .containsExactly("1:16", "2:32", "3:64", "4:128", "5:256", "6:384");
        assertThat(Preset.NONE.pairs(6, 384)).isEmpty();
    }}
