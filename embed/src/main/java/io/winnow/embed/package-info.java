/**
 * 2D-Matryoshka embeddings (MRL x layers: 2DMSE, Starbucks) from ordinary encoder ONNX models.
 *
 * <ul>
 *   <li>{@link io.winnow.embed.LayerGraph}: cuts an encoder graph so its outputs are chosen layers' hidden states and
 *       it holds only what the deepest of them needs (layer k of L costs about k/L).</li>
 *   <li>{@link io.winnow.embed.MatryoshkaEncoder}: single-process; one forward pass per batch gives every requested
 *       (layer, dim): per-layer pooling ({@link io.winnow.embed.LayerPooling}: cls, mean, weighted-mean), then
 *       prefix truncation and L2 re-normalisation ({@link io.winnow.embed.Matryoshka}).</li>
 *   <li>{@link io.winnow.embed.EmbedJob} / {@link io.winnow.embed.EmbedConfig}: the {@code embed} stage on Spark,
 *       long-format output (one row per document, layer and dim).</li>
 *   <li>{@link io.winnow.embed.StsEvaluation}: STS-B Spearman per (layer, dim), Markdown table and PNG heatmap.</li>
 * </ul>
 */
package io.winnow.embed;
