/**
 * Stage {@code select}: RDS+ data selection (Ivison et al. 2025) of instruction data for target tasks, with the
 * random, balanced-random and prototype-pruning baselines under the same budget. Entry point: {@link SelectJob}.
 */
package io.winnow.selection.rds;
