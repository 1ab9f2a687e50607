package io.winnow.batchinfer.bench;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.StsSentences;
import io.winnow.batchinfer.TextEncoder;
import io.winnow.core.vector.AdaptiveRetrieval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Matryoshka adaptive retrieval ({@link AdaptiveRetrieval}) against exact full-dimension search, single thread,
 * on real sentence embeddings: STS-B English train+dev sentences (../shared/data) embedded with a built-in model
 * (all-MiniLM-L6-v2 by default, 384 dims). The first {@code corpus} distinct sentences are the corpus, the next
 * {@code queries} the queries. For each low dim and shortlist: queries/s, recall@10 against exact search, and
 * the speed-up and multiply-add ratio against exact search. Prints a Markdown table.
 *
 * <p>MiniLM is not Matryoshka-trained: its prefixes carry less of the signal than an MRL model's would, so
 * recall at low dims is a lower bound of what an MRL model gives.
 *
 * <pre>bench/adaptive-retrieval.sh [corpus=8000] [queries=500] [model=all-minilm-l6-v2] [rounds=3]</pre>
 */
public final class AdaptiveRetrievalBenchmark {
    private static final int K = 10;

    private AdaptiveRetrievalBenchmark() {}

    public static void main(String[] args) {
        int corpusSize = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        int querySize = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        String model = args.length > 2 ? args[2] : "all-minilm-l6-v2";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path sts = StsSentences.directory().orElseThrow(() -> new IllegalStateException(
                "STS-B files not found under ../shared/data/sts/stsb_multi_mt (or -Dwinnow.sts.dir)"));
        List<String> sentences = StsSentences.sentences(sts, corpusSize + querySize);
        int corpusRows = Math.min(corpusSize, sentences.size() - querySize);
        List<String> corpusTexts = sentences.subList(0, corpusRows);
        List<String> queryTexts = sentences.subList(corpusRows, corpusRows + querySize);

        long start = System.nanoTime();
        float[][] corpus;
        float[][] queries;
        try (TextEncoder encoder = TextEncoder.open(ModelSpec.of(model), EncoderOptions.defaults(
                Runtime.getRuntime().availableProcessors()))) {
            corpus = encoder.encode(corpusTexts);
            queries = encoder.encode(queryTexts);
        }
        int dim = corpus[0].length;
        System.out.printf("Adaptive retrieval benchmark: %d corpus + %d query STS-B sentences, %s (%d dims), "
                + "embedded in %.1f s; 1 search thread, %d cores, best of %d rounds%n%n", corpusRows, queries.length, model,
                dim, (System.nanoTime() - start) / 1e9, Runtime.getRuntime().availableProcessors(), rounds);

        AdaptiveRetrieval index = AdaptiveRetrieval.of(corpus);
        List<int[][]> cases = new ArrayList<>();
        cases.add(new int[][] {{dim}, {K}});
        for (int low : new int[] {32, 64, 128}) {
            for (int shortlist : new int[] {100, 200}) {
                if (low < dim) {
                    cases.add(new int[][] {{low, dim}, {shortlist, K}});
                }
            }
        }
        if (dim > 128) {
            cases.add(new int[][] {{16, 32, 64, 128, dim}, {400, 200, 100, 50, K}});
        }

        AdaptiveRetrieval.Neighbors[] truth = new AdaptiveRetrieval.Neighbors[queries.length];
        for (int q = 0; q < queries.length; q++) {
            truth[q] = index.exact(queries[q], K);
        }
        double[] best = new double[cases.size()];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        double[] recall = new double[cases.size()];
        for (int round = 0; round < rounds + 1; round++) { // round 0 warms up and builds the prefix matrices
            for (int c = 0; c < cases.size(); c++) {
                int[] dims = cases.get(c)[0];
                int[] keeps = cases.get(c)[1];
                double hits = 0;
                long t0 = System.nanoTime();
                for (int q = 0; q < queries.length; q++) {
                    AdaptiveRetrieval.Neighbors found = index.funnel(queries[q], dims, keeps);
                    hits += AdaptiveRetrieval.recallAtK(truth[q], found, K);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (round > 0) {
                    best[c] = Math.min(best[c], seconds);
                }
                recall[c] = hits / queries.length;
            }
        }

        long exactFlops = index.flopsPerQuery(cases.get(0)[0], cases.get(0)[1]);
        System.out.println("| search | dims | shortlists | queries/s | recall@10 | speed-up vs exact | multiply-adds vs exact |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int c = 0; c < cases.size(); c++) {
            int[] dims = cases.get(c)[0];
            int[] keeps = cases.get(c)[1];
            String kind = c == 0 ? "exact" : dims.length == 2 ? "adaptive" : "funnel";
            System.out.printf("| %s | %s | %s | %.0f | %.3f | %.2fx | %.3f |%n", kind, join(dims), join(keeps),
                    queries.length / best[c], recall[c], best[0] / best[c],
                    (double) index.flopsPerQuery(dims, keeps) / exactFlops);
        }
    }

    private static String join(int[] values) {
        StringBuilder out = new StringBuilder();
        for (int v : values) {
            out.append(out.length() == 0 ? "" : " → ").append(v);
        }
        return out.toString();
    }
}
