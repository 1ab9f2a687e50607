package io.winnow.dedup.fuzzy;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.table.Tables;
import io.winnow.core.text.NormalizationOptions;
import io.winnow.dedup.exact.KeepPolicy;
import java.io.Serializable;

/**
 * Config of the {@code fuzzy_dedup} stage (YAML section {@code fuzzy-dedup}). Defaults follow
 * NeMo Curator (MT-NLG lineage): character 24-grams, 20 bands x 13 rows, Jaccard 0.8.
 *
 * @param signatures table to persist MinHash signatures of the kept documents to (null: none)
 * @param existingSignatures signatures of an already deduplicated corpus; new documents are
 *     deduplicated against it and its documents always win (null: not incremental)
 * @param pairwiseBucketLimit buckets larger than this are counted as giant (boilerplate); they still
 *     emit linear star edges, so recall is kept and no pair explosion happens
 * @param verification how candidate pairs are confirmed before they are connected
 * @param jaccardThreshold candidate pairs below this similarity are discarded (when verifying)
 * @param maxIterations cap on connected-components rounds (large-star/small-star needs O(log n))
 */
public record FuzzyDedupConfig(
        String input,
        String output,
        String duplicates,
        String signatures,
        String existingSignatures,
        String quarantine,
        NormalizationOptions normalization,
        ShingleType shingleType,
        int shingleSize,
        LshParameters lsh,
        long seed,
        int pairwiseBucketLimit,
        Verification verification,
        double jaccardThreshold,
        KeepPolicy keep,
        int maxIterations) implements Serializable {

    public static final String SECTION = "fuzzy-dedup";
    public static final String FUZZY_DEDUPED = "fuzzy_deduped";
    public static final String FUZZY_DUPLICATES = "fuzzy_duplicates";
    public static final String SIGNATURES = "minhash_signatures";

    public FuzzyDedupConfig {
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
        requireNonNull(duplicates, "duplicates is null");
        requireNonNull(quarantine, "quarantine is null");
        requireNonNull(normalization, "normalization is null");
        requireNonNull(shingleType, "shingleType is null");
        requireNonNull(lsh, "lsh is null");
        requireNonNull(verification, "verification is null");
        requireNonNull(keep, "keep is null");
        if (shingleSize < 1) {
            throw new IllegalArgumentException("shingleSize must be >= 1, got " + shingleSize);
        }
        if (jaccardThreshold < 0 || jaccardThreshold > 1) {
            throw new IllegalArgumentException("jaccardThreshold must be in [0, 1], got " + jaccardThreshold);
        }
        if (pairwiseBucketLimit < 2) {
            throw new IllegalArgumentException("pairwiseBucketLimit must be >= 2, got " + pairwiseBucketLimit);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
    }

    public static FuzzyDedupConfig defaults() {
        return new FuzzyDedupConfig(Tables.EXACT_DEDUPED, FUZZY_DEDUPED, FUZZY_DUPLICATES, SIGNATURES, null,
                Tables.QUARANTINE, NormalizationOptions.DOCUMENT_DEFAULT, ShingleType.CHAR, 24, new LshParameters(20, 13),
                42, 50, Verification.EXACT, 0.8, KeepPolicy.LOWEST_DOC_ID, 40);
    }

    public FuzzyDedupConfig withTables(String inputTable, String outputTable, String duplicatesTable, String signaturesTable,
            String existing) {
        return new FuzzyDedupConfig(inputTable, outputTable, duplicatesTable, signaturesTable, existing, quarantine,
                normalization, shingleType, shingleSize, lsh, seed, pairwiseBucketLimit, verification, jaccardThreshold, keep,
                maxIterations);
    }

    public FuzzyDedupConfig withShingles(ShingleType type, int size) {
        return new FuzzyDedupConfig(input, output, duplicates, signatures, existingSignatures, quarantine, normalization, type,
                size, lsh, seed, pairwiseBucketLimit, verification, jaccardThreshold, keep, maxIterations);
    }

    public FuzzyDedupConfig withLsh(LshParameters parameters) {
        return new FuzzyDedupConfig(input, output, duplicates, signatures, existingSignatures, quarantine, normalization,
                shingleType, shingleSize, parameters, seed, pairwiseBucketLimit, verification, jaccardThreshold, keep, maxIterations);
    }

    public FuzzyDedupConfig withVerification(Verification mode, double threshold) {
        return new FuzzyDedupConfig(input, output, duplicates, signatures, existingSignatures, quarantine, normalization,
                shingleType, shingleSize, lsh, seed, pairwiseBucketLimit, mode, threshold, keep, maxIterations);
    }

    public FuzzyDedupConfig withPairwiseBucketLimit(int size) {
        return new FuzzyDedupConfig(input, output, duplicates, signatures, existingSignatures, quarantine, normalization,
                shingleType, shingleSize, lsh, seed, size, verification, jaccardThreshold, keep, maxIterations);
    }

    public static FuzzyDedupConfig fromConfig(ConfigSection section) {
        FuzzyDedupConfig d = defaults();
        ConfigSection shingles = section.section("shingles");
        ShingleType type = shingles.enumValue("type", ShingleType.class, d.shingleType());
        int defaultSize = type == ShingleType.CHAR ? 24 : 5;
        int size = (int) shingles.integer("size", defaultSize, 1, 1000);
        shingles.finish();
        ConfigSection lsh = section.section("lsh");
        LshParameters parameters = new LshParameters(
                (int) lsh.integer("bands", d.lsh().bands(), 1, 1000),
                (int) lsh.integer("rows", d.lsh().rows(), 1, 1000));
        long seed = lsh.integer("seed", d.seed(), Long.MIN_VALUE, Long.MAX_VALUE);
        int maxBucket = (int) lsh.integer("pairwise-bucket-limit", d.pairwiseBucketLimit(), 2, 100_000);
        lsh.finish();
        ConfigSection verify = section.section("verify");
        Verification verification = verify.enumValue("mode", Verification.class, d.verification());
        double threshold = verify.decimal("jaccard-threshold", d.jaccardThreshold(), 0.0, 1.0);
        verify.finish();
        ConfigSection normalize = section.section("normalize");
        NormalizationOptions normalization = new NormalizationOptions(
                normalize.bool("unicode-nfkc", d.normalization().unicodeNfkc()),
                normalize.bool("lowercase", d.normalization().lowercase()),
                normalize.bool("whitespace", d.normalization().whitespace()),
                normalize.bool("punctuation", d.normalization().punctuation()),
                normalize.bool("digits", d.normalization().digits()),
                normalize.bool("accents", d.normalization().accents()));
        normalize.finish();
        FuzzyDedupConfig config = new FuzzyDedupConfig(
                section.string("input", d.input()),
                section.string("output", d.output()),
                section.string("duplicates", d.duplicates()),
                section.string("signatures", d.signatures()),
                section.string("existing-signatures", null),
                section.string("quarantine", d.quarantine()),
                normalization, type, size, parameters, seed, maxBucket, verification, threshold,
                section.enumValue("keep", KeepPolicy.class, d.keep()),
                (int) section.integer("max-iterations", d.maxIterations(), 1, 1000));
        section.finish();
        return config;
    }
}
