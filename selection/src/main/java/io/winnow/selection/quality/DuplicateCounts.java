package io.winnow.selection.quality;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Elements seen before in a list, and their characters (Gopher's find_duplicates). */
record DuplicateCounts(int elements, long characters) {
    static DuplicateCounts of(List<String> items) {
        Set<String> seen = new HashSet<>();
        int elements = 0;
        long characters = 0;
        for (String item : items) {
            if (!seen.add(item)) {
                elements++;
                characters += item.length();
            }
        }
        return new DuplicateCounts(elements, characters);
    }
}
