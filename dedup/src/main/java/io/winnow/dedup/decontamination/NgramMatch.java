package io.winnow.dedup.decontamination;

/**
 * One occurrence of a task n-gram in a document.
 *
 * @param hash the n-gram's 64-bit hash
 * @param ngram the matched words, lower-cased and joined by single spaces
 * @param start character offset of the first matched word
 * @param end character offset just after the last matched word
 * @param taskIds indexes into {@link TaskNgrams#tasks()} of every task that has this n-gram
 */
public record NgramMatch(long hash, String ngram, int start, int end, int[] taskIds) {}
