/** Matryoshka and 2D-Matryoshka embeddings, STS evaluation, adaptive retrieval. Not built yet. */
package io.winnow.embed;
