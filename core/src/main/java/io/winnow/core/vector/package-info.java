/**
 * Dense-vector helpers without Spark: {@link io.winnow.core.vector.VectorMath} (dot, L2 normalisation, Matryoshka
 * prefix truncation) and {@link io.winnow.core.vector.AdaptiveRetrieval} (exact cosine top-k, and MRL adaptive /
 * funnel retrieval: shortlist at a low dimension, rerank at a higher one).
 */
package io.winnow.core.vector;
