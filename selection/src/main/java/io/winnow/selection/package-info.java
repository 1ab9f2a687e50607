/** Quality filters (Gopher, C4, FineWeb), classifier scores, RDS+ data selection. Not built yet. */
package io.winnow.selection;
