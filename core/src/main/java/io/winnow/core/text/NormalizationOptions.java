package io.winnow.core.text;

import java.io.Serializable;

/**
 * What {@link TextNormalizer} does to text before it is hashed or shingled.
 *
 * @param unicodeNfkc apply Unicode NFKC first, so full-width and compatibility forms compare equal
 * @param lowercase lower-case every code point (locale independent)
 * @param whitespace collapse each run of whitespace to one space and trim both ends
 * @param punctuation remove Unicode punctuation (categories P*) and control/format characters
 * @param digits replace every decimal digit with '0' (CCNet, datatrove)
 * @param accents strip combining marks after canonical decomposition ("é" becomes "e")
 */
public record NormalizationOptions(
        boolean unicodeNfkc, boolean lowercase, boolean whitespace, boolean punctuation, boolean digits, boolean accents)
        implements Serializable {

    /** Nothing changed: byte-exact comparison, as NeMo Curator's exact dedup does. */
    public static final NormalizationOptions NONE = new NormalizationOptions(false, false, false, false, false, false);

    /** Winnow's document-level default: NFKC, lower case, whitespace collapsed; punctuation and digits kept. */
    public static final NormalizationOptions DOCUMENT_DEFAULT = new NormalizationOptions(true, true, true, false, false, false);

    /** CCNet's line normalisation: strip, lower case, digits to 0, punctuation and non-printing characters removed. */
    public static final NormalizationOptions CCNET_LINE = new NormalizationOptions(false, true, true, true, true, false);
}
