/** BPE tokenizer training, tokens per character, vocabulary-size analysis. Not built yet. */
package io.winnow.tokenization;
