package io.winnow.selection.rds;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RDS+ multi-task selection (reference 1.4, {@code get_top_aggregated_influences.py --aggregation_method
 * round_robin}): while fewer than {@code budget} items are selected, each task in turn (configured order) pops the
 * best item left on its own ranked list; an item some task already selected is not added again and that pop uses
 * the task's turn, exactly as in the reference. A task whose list is empty is passed over; selection ends early
 * when every list is empty. With one task this is ranking by the task score (max over queries), i.e. the
 * {@code get_top_optimized.py} path.
 *
 * <p>Each task's list needs only its best {@code budget} items: every item a task pops is distinct and ends up
 * selected, so no task pops more than {@code budget} items.
 */
public final class RoundRobinSelector {
    /**
     * One selected item.
     *
     * @param itemId the item
     * @param task the task whose turn selected it
     * @param order position in the selection, from 1
     * @param taskRank the item's rank on that task's list, from 1
     * @param score the item's score for that task
     */
    public record Pick(String itemId, String task, int order, int taskRank, double score) {}

    private RoundRobinSelector() {}

    /**
     * @param rankedByTask every task's items, best first (see {@link RankedItem#BEST_FIRST}), in task order
     * @param budget how many items to select at most
     */
    public static List<Pick> select(Map<String, List<RankedItem>> rankedByTask, int budget) {
        requireNonNull(rankedByTask, "rankedByTask is null");
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0, got " + budget);
        }
        Map<String, Integer> next = new LinkedHashMap<>();
        rankedByTask.keySet().forEach(task -> next.put(task, 0));
        Set<String> selected = new HashSet<>();
        List<Pick> picks = new ArrayList<>();
        boolean anyLeft = true;
        while (selected.size() < budget && anyLeft) {
            anyLeft = false;
            for (Map.Entry<String, List<RankedItem>> entry : rankedByTask.entrySet()) {
                if (selected.size() >= budget) {
                    break;
                }
                String task = entry.getKey();
                int position = next.get(task);
                List<RankedItem> ranked = entry.getValue();
                if (position >= ranked.size()) {
                    continue;
                }
                anyLeft = true;
                next.put(task, position + 1);
                RankedItem item = ranked.get(position);
                if (selected.add(item.itemId())) {
                    picks.add(new Pick(item.itemId(), task, picks.size() + 1, position + 1, item.score()));
                }
            }
        }
        return picks;
    }
}
