/**
 * Stage {@code semantic_dedup}: SemDeDup (Abbas et al. 2023; NeMo Curator's semantic dedup) on a table of
 * document vectors. Vectors are L2-normalised and clustered with MLlib's cosine (spherical) k-means; within a
 * cluster, items are ordered by distance to the centroid ({@code keep: hard | easy | random}, optionally after a
 * priority from the documents table), and an item is removed at eps when its highest cosine to an earlier item
 * is {@code >= 1 - eps}. Several eps are evaluated in one run; one is applied to the output.
 *
 * <p>{@link io.winnow.dedup.semantic.SemanticDedupConfig} is the YAML section {@code semantic-dedup},
 * {@link io.winnow.dedup.semantic.SemanticDedupJob} the Spark stage, and
 * {@link io.winnow.dedup.semantic.BlockPairFunction} the exact pairwise step on one pair of blocks of a cluster.
 */
package io.winnow.dedup.semantic;
