package io.winnow.jobs.cli;

import io.winnow.jobs.pipeline.PipelineStage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "semantic-dedup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "SemDeDup (Abbas et al. 2023): spherical k-means over an embeddings table, then within each cluster an item",
            "is a duplicate when its cosine to an earlier item (hard: farthest from the centroid first) is >= 1 - eps.",
            "Several eps in one run; the output uses one. Run `winnow infer` (or `winnow embed`) first."
        })
public final class SemanticDedupCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "TABLE", description = "Embeddings table (semantic-dedup.input). Default: embeddings.")
    String input;

    @Option(names = "--documents", paramLabel = "TABLE",
            description = "Also write the kept documents of this table (semantic-dedup.documents), e.g. curated.")
    String documents;

    @Option(names = "--eps", paramLabel = "LIST", split = ",", description = "eps values, e.g. 0.01,0.05,0.1 (semantic-dedup.eps).")
    List<String> eps;

    @Option(names = "--filter", paramLabel = "SQL", description = "Row filter, e.g. \"layer = 6 AND dim = 384\" (semantic-dedup.filter).")
    String filter;

    @Option(names = "--adaptive-dim", paramLabel = "DIM",
            description = "Shortlist earlier items on the first DIM dims, rerank at full dim; 0 = exact (semantic-dedup.adaptive-dim).")
    Integer adaptiveDim;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("semantic-dedup.input", input);
        overrides.put("semantic-dedup.documents", documents);
        overrides.put("semantic-dedup.eps", eps);
        overrides.put("semantic-dedup.filter", filter);
        overrides.put("semantic-dedup.adaptive-dim", adaptiveDim);
        return StageRunSupport.runSingleStage(common, spec.commandLine().getOut(), overrides, PipelineStage.SEMANTIC_DEDUP,
                c -> List.of(c.semanticDedup().output(), c.semanticDedup().duplicates()));
    }
}
