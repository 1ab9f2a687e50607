/**
 * 2D-Matryoshka embeddings (MRL x layers: 2DMSE, Starbucks) as a Spark stage, on the one encoder of
 * {@code io.winnow.batchinfer}.
 *
 * <ul>
 *   <li>{@link io.winnow.embed.EmbedJob} / {@link io.winnow.embed.EmbedConfig}: the {@code embed} stage on Spark,
 *       long-format output (one row per document, layer and dim); the encoder ({@link io.winnow.batchinfer.TextEncoder}
 *       with granularities) cuts the graph after the deepest requested layer, pools each layer once and returns
 *       normalised prefixes.</li>
 *   <li>{@link io.winnow.embed.Preset}: named (layer, dim) lists (Starbucks).</li>
 *   <li>{@link io.winnow.embed.StsEvaluation}: Spearman per (layer, dim) on an STS CSV, Markdown table and PNG
 *       heatmap, both naming the file evaluated.</li>
 * </ul>
 */
package io.winnow.embed;
