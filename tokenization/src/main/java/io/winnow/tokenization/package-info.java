/**
 * Tokenization: distributed byte-level BPE training ({@link io.winnow.tokenization.BpeTrainingJob},
 * HuggingFace tokenizer.json files that DJL loads), the {@code tokenize} stage
 * ({@link io.winnow.tokenization.TokenizeJob}), and vocabulary-size analysis after Tao et al. 2024
 * ({@link io.winnow.tokenization.VocabularyAnalysis}, {@link io.winnow.tokenization.VocabScalingLaw}).
 * CLI entry points: {@link io.winnow.tokenization.TokenizationJobs}.
 */
package io.winnow.tokenization;
