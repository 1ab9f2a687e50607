package io.winnow.embed;

import io.winnow.batchinfer.Granularity;
import io.winnow.core.config.ConfigEnum;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Named lists of (layer, dim) pairs. */
public enum Preset implements ConfigEnum {
    /** No preset: the explicit granularities or the layers x dims grid. */
    NONE,
    /**
     * Starbucks (ielab, arXiv 2410.13230): Demi 2:32, Short 4:64, Tall 6:128, Grande 8:256, Venti 10:512,
     * Trenta 12:768 -- exactly these for a 12-layer, 768-dim (BERT-base) model. For other models the six sizes are
     * scaled: layer {@code round(l x depth / 12)}, dim {@code round(d x hidden / 768)}; e.g. bge-small-en-v1.5
     * (12 x 384) gives 2:16, 4:32, 6:64, 8:128, 10:256, 12:384 and all-MiniLM-L6-v2 (6 x 384) 1:16 ... 6:384.
     */
    STARBUCKS;

    /** The paper's pairs, for a 12-layer 768-dim model. */
    public static final List<Granularity> STARBUCKS_PAIRS = List.of(
            new Granularity(2, 32), new Granularity(4, 64), new Granularity(6, 128),
            new Granularity(8, 256), new Granularity(10, 512), new Granularity(12, 768));

    @Override
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This preset's pairs for a model of {@code depth} layers and {@code hidden} dims (empty for NONE). */
    public List<Granularity> pairs(int depth, int hidden) {
        if (this == NONE) {
            return List.of();
        }
        LinkedHashSet<Granularity> pairs = new LinkedHashSet<>();
        for (Granularity pair : STARBUCKS_PAIRS) {
            int layer = Math.max(1, (int) Math.round(pair.layer() * depth / 12.0));
            int dim = Math.max(1, (int) Math.round(pair.dim() * hidden / 768.0));
            pairs.add(new Granularity(Math.min(layer, depth), Math.min(dim, hidden)));
        }
        return new ArrayList<>(pairs);
    }
}
