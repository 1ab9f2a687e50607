package io.winnow.selection.rds;

import static java.util.Objects.requireNonNull;

import io.winnow.core.vector.VectorMath;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The target tasks' unit query vectors, small enough to broadcast: per task a row-major {@code [queries x dim]}
 * matrix. {@link #taskScores} gives a pool item's RDS+ score per task: the max cosine over the task's queries
 * (reference 1.3, {@code --selection_method max}).
 */
public final class QueryMatrix implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> tasks;
    private final float[][] queriesByTask;
    private final int dim;

    /** @param vectorsByTask per task (in task order) its unit query vectors, all of one length */
    public QueryMatrix(Map<String, List<float[]>> vectorsByTask) {
        requireNonNull(vectorsByTask, "vectorsByTask is null");
        if (vectorsByTask.isEmpty()) {
            throw new IllegalArgumentException("vectorsByTask must not be empty");
        }
        Map<String, List<float[]>> ordered = new LinkedHashMap<>(vectorsByTask);
        this.tasks = List.copyOf(ordered.keySet());
        this.queriesByTask = new float[tasks.size()][];
        int width = -1;
        for (int t = 0; t < tasks.size(); t++) {
            List<float[]> vectors = ordered.get(tasks.get(t));
            if (vectors.isEmpty()) {
                throw new IllegalArgumentException("task " + tasks.get(t) + " has no query vectors");
            }
            for (float[] vector : vectors) {
                if (width < 0) {
                    width = vector.length;
                } else if (vector.length != width) {
                    throw new IllegalArgumentException("query vectors must all have " + width + " values, got " + vector.length);
                }
            }
            queriesByTask[t] = VectorMath.flatten(vectors.toArray(float[][]::new));
        }
        this.dim = width;
    }

    public List<String> tasks() {
        return tasks;
    }

    public int dim() {
        return dim;
    }

    public int queries(int task) {
        return queriesByTask[task].length / dim;
    }

    /** Into {@code scores[t]}: the max over task t's queries of the dot product with {@code item} (a unit vector). */
    public void taskScores(float[] item, double[] scores) {
        if (item.length != dim) {
            throw new IllegalArgumentException("item vector has " + item.length + " values, the queries have " + dim);
        }
        for (int t = 0; t < queriesByTask.length; t++) {
            float[] queries = queriesByTask[t];
            double best = Double.NEGATIVE_INFINITY;
            for (int offset = 0; offset < queries.length; offset += dim) {
                double dot = VectorMath.dot(item, 0, queries, offset, dim);
                if (dot > best) {
                    best = dot;
                }
            }
            scores[t] = best;
        }
    }

    /** Every task's query count, for the stage's detail counts. */
    public List<Integer> queryCounts() {
        List<Integer> counts = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            counts.add(queries(t));
        }
        return counts;
    }
}
