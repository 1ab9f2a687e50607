package io.winnow.selection.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundRobinSelectorTest {
    private static Map<String, List<RankedItem>> twoTasks() {
        Map<String, List<RankedItem>> ranked = new LinkedHashMap<>();
        ranked.put("a", List.of(new RankedItem("x1", 0.9), new RankedItem("x2", 0.8), new RankedItem("x3", 0.7)));
        ranked.put("b", List.of(new RankedItem("x2", 0.95), new RankedItem("x4", 0.6), new RankedItem("x1", 0.5)));
        return ranked;
    }

    @Test
    void tasksTakeTurnsInConfiguredOrderAndARepeatedItemUsesUpThatTasksTurn() {
        List<RoundRobinSelector.Pick> picks = RoundRobinSelector.select(twoTasks(), 3);

        // Round 1: a takes x1, b takes x2. Round 2: a pops x2 (already in), b takes x4: budget reached.
        assertThat(picks).containsExactly(
                new RoundRobinSelector.Pick("x1", "a", 1, 1, 0.9),
                new RoundRobinSelector.Pick("x2", "b", 2, 1, 0.95),
                new RoundRobinSelector.Pick("x4", "b", 3, 2, 0.6));
    }

    @Test
    void selectionStopsAtTheBudgetInTheMiddleOfARound() {
        assertThat(RoundRobinSelector.select(twoTasks(), 1)).extracting(RoundRobinSelector.Pick::itemId).containsExactly("x1");
        assertThat(RoundRobinSelector.select(twoTasks(), 0)).isEmpty();
    }

    @Test
    void aBudgetLargerThanTheListsEndsWhenEveryListIsEmptyWithoutRepeats() {
        List<RoundRobinSelector.Pick> picks = RoundRobinSelector.select(twoTasks(), 10);

        assertThat(picks).extracting(RoundRobinSelector.Pick::itemId).containsExactly("x1", "x2", "x4", "x3");
        assertThat(picks).extracting(RoundRobinSelector.Pick::order).containsExactly(1, 2, 3, 4);
    }

    @Test
    void taskOrderDecidesWhoPicksFirst() {
        Map<String, List<RankedItem>> reversed = new LinkedHashMap<>();
        reversed.put("b", twoTasks().get("b"));
        reversed.put("a", twoTasks().get("a"));

        assertThat(RoundRobinSelector.select(reversed, 3)).extracting(RoundRobinSelector.Pick::itemId)
                .containsExactly("x2", "x1", "x4");
    }

    @Test
    void oneTaskSelectsItsRankingTopDown() {
        Map<String, List<RankedItem>> single = Map.of("a", twoTasks().get("a"));

        assertThat(RoundRobinSelector.select(single, 2)).extracting(RoundRobinSelector.Pick::itemId)
                .containsExactly("x1", "x2");
    }

    @Test
    void aNegativeBudgetIsRejected() {
        assertThatThrownBy(() -> RoundRobinSelector.select(twoTasks(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("budget must be >= 0, got -1");
    }
}
