package io.winnow.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    private static String normalize(NormalizationOptions options, String text) {
        return new TextNormalizer(options).normalize(text);
    }

    @Test
    void noneLeavesTextByteForByte() {
        String text = "  Hello,\tWORLD 42!  ";
        assertThat(normalize(NormalizationOptions.NONE, text)).isEqualTo(text);
    }

    @Test
    void documentDefaultLowercasesCollapsesWhitespaceAndKeepsPunctuationAndDigits() {
        assertThat(normalize(NormalizationOptions.DOCUMENT_DEFAULT, "  Hello,\n\n  WORLD\t42!  "))
                .isEqualTo("hello, world 42!");
    }

    @Test
    void documentDefaultFoldsCompatibilityFormsWithNfkc() {
        assertThat(normalize(NormalizationOptions.DOCUMENT_DEFAULT, "ＡＢＣ ﬁle")).isEqualTo("abc file");
    }

    @Test
    void ccnetLineNormalisationStripsPunctuationAndZeroesDigits() {
        assertThat(normalize(NormalizationOptions.CCNET_LINE, "  Posted on 12/03/2019 — «Click» here!!\u200b "))
                .isEqualTo("posted on 00000000 click here");
    }

    @Test
    void accentStrippingRemovesCombiningMarksOnly() {
        NormalizationOptions accents = new NormalizationOptions(false, true, true, false, false, true);
        assertThat(normalize(accents, "Crème Brûlée à Noël")).isEqualTo("creme brulee a noel");
    }

    @Test
    void whitespaceOnlyTextNormalisesToEmpty() {
        assertThat(normalize(NormalizationOptions.DOCUMENT_DEFAULT, " \n\t ")).isEmpty();
    }

    @Test
    void supplementaryCodePointsSurviveLowercasing() {
        assertThat(normalize(NormalizationOptions.DOCUMENT_DEFAULT, "𝐀 😀 Ω")).isEqualTo("𝐀 😀 ω".replace("𝐀", "a"));
    }
}
