package io.winnow.tokenization;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.run.RunContext;
import io.winnow.core.table.DeltaTables;
import io.winnow.tokenization.VocabScalingLaw.Prediction;
import io.winnow.tokenization.VocabScalingLaw.TokensPerCharacter;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.reflect.ClassTag$;

/**
 * {@code winnow vocab-analysis}: measures tokens per character f(V) of each trained tokenizer on the
 * corpus (Spark, DJL on the executors), fits the paper's f(V) = a ln²V + b ln V + c to the
 * measurements, and predicts the compute-optimal vocabulary for given N_nv by the three approaches
 * with the paper's f(V) and with the corpus's own. Approaches 1 and 3 (with a FLOPs budget) do not
 * depend on f(V); approach 2 does, through gamma re-derived from dC/dV = 0; the training characters
 * H = D / f(V) of every prediction do too. Optionally compares tokens per character across UDHR languages.
 */
public final class VocabularyAnalysis {
    private static final Logger LOG = LoggerFactory.getLogger(VocabularyAnalysis.class);

    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("kind", DataTypes.StringType, false),
        DataTypes.createStructField("f_source", DataTypes.StringType, true),
        DataTypes.createStructField("name", DataTypes.StringType, true),
        DataTypes.createStructField("vocab_size", DataTypes.LongType, true),
        DataTypes.createStructField("approach", DataTypes.IntegerType, true),
        DataTypes.createStructField("non_vocab_params", DataTypes.DoubleType, true),
        DataTypes.createStructField("compute_flops", DataTypes.DoubleType, true),
        DataTypes.createStructField("vocab_params", DataTypes.LongType, true),
        DataTypes.createStructField("training_tokens", DataTypes.DoubleType, true),
        DataTypes.createStructField("training_characters", DataTypes.DoubleType, true),
        DataTypes.createStructField("characters", DataTypes.LongType, true),
        DataTypes.createStructField("tokens", DataTypes.LongType, true),
        DataTypes.createStructField("value", DataTypes.DoubleType, true),
    });

    private VocabularyAnalysis() {}

    /** f(V) measured for one tokenizer, with the fitted and the paper's curve at that V. */
    public record Measurement(int vocabSize, long characters, long tokens, double tokensPerChar, double fitted,
            double paper) {}

    /** Tokens per character of one tokenizer on one language's UDHR text. */
    public record LanguageMeasurement(String language, int vocabSize, long characters, long tokens, double tokensPerChar) {}

    public record Result(long documents, List<Measurement> measurements, TokensPerCharacter fitted, double fittedGamma,
            List<Prediction> predictions, List<LanguageMeasurement> multilingual, Path plot, String outputPath) {}

    public static Result run(SparkSession spark, RunContext context, VocabularyAnalysisConfig config) {
        Map<Integer, Path> tokenizers = findTokenizers(Path.of(config.tokenizersDir()));
        Dataset<org.apache.spark.sql.Row> rows = CorpusInput.read(spark, context, config.input(), "vocab-analysis");
        if (config.maxDocuments() > 0) {
            rows = rows.limit((int) Math.min(Integer.MAX_VALUE, config.maxDocuments()));
        }
        Dataset<String> texts = CorpusInput.texts(rows, spark.sparkContext().defaultParallelism());
        List<Integer> sizes = new ArrayList<>(tokenizers.keySet());
        String[] keys = new String[sizes.size()];
        String[] jsons = new String[sizes.size()];
        for (int i = 0; i < keys.length; i++) {
            Path p = tokenizers.get(sizes.get(i));
            jsons[i] = TokenizerCache.readJson(p);
            keys[i] = p.toAbsolutePath().normalize() + "#" + TokenizeJob.sha256(jsons[i]);
        }
        Broadcast<String[]> shared = spark.sparkContext().broadcast(jsons, ClassTag$.MODULE$.apply(String[].class));
        long[] totals;
        try {
            totals = texts.javaRDD().mapPartitions(new MeasureTokens(keys, shared)).reduce(VocabularyAnalysis::add);
        } finally {
            shared.destroy();
        }
        long documents = totals[0];
        long characters = totals[1];
        if (documents == 0 || characters == 0) {
            throw new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                    "Input '%s' holds no text to measure tokens per character on. Point vocab-analysis.input at a table or file with documents.",
                    config.input()));
        }

        double[] v = new double[sizes.size()];
        double[] f = new double[sizes.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = sizes.get(i);
            f[i] = totals[2 + i] / (double) characters;
        }
        if (v.length < 3) {
            throw new WinnowException(ErrorCode.INPUT_INVALID, String.format(
                    "Found %d tokenizer sizes under '%s'; fitting f(V) needs at least 3 (5 or more is better). Train more sizes with train-tokenizers.vocab-sizes.",
                    v.length, config.tokenizersDir()));
        }
        TokensPerCharacter fitted = TokensPerCharacter.fit(v, f);
        List<Measurement> measurements = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            measurements.add(new Measurement(sizes.get(i), characters, totals[2 + i], f[i], fitted.at(v[i]),
                    TokensPerCharacter.PAPER.at(v[i])));
        }
        double fittedGamma = VocabScalingLaw.derivedGamma(fitted);
        List<Prediction> predictions = new ArrayList<>();
        OptionalDouble budget = config.computeFlops() > 0 ? OptionalDouble.of(config.computeFlops()) : OptionalDouble.empty();
        for (double nnv : config.nonVocabParams()) {
            predictions.addAll(VocabScalingLaw.predict(nnv, budget, TokensPerCharacter.PAPER, "paper", VocabScalingLaw.GAMMA));
            predictions.addAll(VocabScalingLaw.predict(nnv, budget, fitted, "fitted",
                    Double.isNaN(fittedGamma) ? VocabScalingLaw.GAMMA : fittedGamma));
        }
        List<LanguageMeasurement> multilingual = multilingual(config, tokenizers);
        Path plot = Path.of(config.plot());
        drawPlot(plot, measurements, fitted);

        String outputPath = context.warehouse().resolve(config.output());
        List<Row> out = new ArrayList<>();
        for (Measurement m : measurements) {
            out.add(RowFactory.create("measured", null, null, (long) m.vocabSize(), null, null, null, null, null, null,
                    m.characters(), m.tokens(), m.tokensPerChar()));
        }
        String[] names = {"a", "b", "c"};
        double[] paperCoefficients = {TokensPerCharacter.PAPER.a(), TokensPerCharacter.PAPER.b(), TokensPerCharacter.PAPER.c()};
        double[] fittedCoefficients = {fitted.a(), fitted.b(), fitted.c()};
        for (int i = 0; i < 3; i++) {
            out.add(RowFactory.create("coefficient", "paper", names[i], null, null, null, null, null, null, null, null, null,
                    paperCoefficients[i]));
            out.add(RowFactory.create("coefficient", "fitted", names[i], null, null, null, null, null, null, null, null, null,
                    fittedCoefficients[i]));
        }
        out.add(RowFactory.create("coefficient", "fitted", "gamma", null, null, null, null, null, null, null, null, null, fittedGamma));
        out.add(RowFactory.create("coefficient", "paper", "gamma", null, null, null, null, null, null, null, null, null,
                VocabScalingLaw.GAMMA));
        for (Prediction p : predictions) {
            out.add(RowFactory.create("prediction", p.fSource(), null, p.vocabSize(), p.approach(), p.nonVocabParams(),
                    p.computeFlops(), p.vocabParams(), p.trainingTokens(), p.trainingCharacters(), null, null, null));
        }
        for (LanguageMeasurement m : multilingual) {
            out.add(RowFactory.create("multilingual", null, m.language(), (long) m.vocabSize(), null, null, null, null, null,
                    null, m.characters(), m.tokens(), m.tokensPerChar()));
        }
        DeltaTables.overwrite(spark.createDataFrame(out, SCHEMA).coalesce(1), outputPath);
        Result result = new Result(documents, measurements, fitted, fittedGamma, predictions, multilingual, plot, outputPath);
        LOG.debug("\n{}", report(result));
        return result;
    }

    /** A plain-text report: measured f(V), fitted vs paper coefficients, predictions, languages. */
    public static String report(Result r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("f(V) measured on %d documents (%d characters)%n", r.documents(),
                r.measurements().get(0).characters()));
        s.append(String.format("%8s %12s %10s %10s %10s%n", "V", "tokens", "measured", "fitted", "paper"));
        for (Measurement m : r.measurements()) {
            s.append(String.format("%8d %12d %10.4f %10.4f %10.4f%n", m.vocabSize(), m.tokens(), m.tokensPerChar(),
                    m.fitted(), m.paper()));
        }
        TokensPerCharacter p = TokensPerCharacter.PAPER;
        s.append(String.format("f(V) = a ln^2 V + b ln V + c   fitted: a=%.8f b=%.8f c=%.8f   paper: a=%.8f b=%.8f c=%.8f%n",
                r.fitted().a(), r.fitted().b(), r.fitted().c(), p.a(), p.b(), p.c()));
        s.append(String.format("approach-2 gamma   fitted f: %.6f   tool: %.6f%n", r.fittedGamma(), VocabScalingLaw.GAMMA));
        s.append(String.format("%10s %4s %7s %10s %14s %10s %12s%n", "N_nv", "app", "f", "C", "N_v", "V", "H (chars)"));
        for (Prediction x : r.predictions()) {
            s.append(String.format("%10.3g %4d %7s %10.3g %14d %10d %12.3g%n", x.nonVocabParams(), x.approach(), x.fSource(),
                    x.computeFlops(), x.vocabParams(), x.vocabSize(), x.trainingCharacters()));
        }
        for (LanguageMeasurement m : r.multilingual()) {
            s.append(String.format("%-9s V=%-6d %.4f tokens/char%n", m.language(), m.vocabSize(), m.tokensPerChar()));
        }
        return s.toString();
    }

    /** {@code bpe-<size>/tokenizer.json} files under {@code dir}, by size. */
    public static Map<Integer, Path> findTokenizers(Path dir) {
        Map<Integer, Path> found = new java.util.TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                children.forEach(child -> {
                    String name = child.getFileName().toString();
                    if (name.matches("bpe-\\d+") && Files.isRegularFile(child.resolve("tokenizer.json"))) {
                        found.put(Integer.parseInt(name.substring(4)), child.resolve("tokenizer.json"));
                    }
                });
            } catch (IOException e) {
                throw new WinnowException(ErrorCode.INPUT_NOT_FOUND, "Cannot list '" + dir + "': " + e.getMessage()
                        + ". Check vocab-analysis.tokenizers-dir.", e);
            }
        }
        if (found.isEmpty()) {
            throw new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                    "No bpe-<size>/tokenizer.json under '%s'. Run train-tokenizers first, or point vocab-analysis.tokenizers-dir at its output-dir.",
                    dir));
        }
        return found;
    }

    /** Tokens per character of each tokenizer on the chosen UDHR languages; empty when the file is absent. */
    static List<LanguageMeasurement> multilingual(VocabularyAnalysisConfig config, Map<Integer, Path> tokenizers) {
        if (config.multilingual().isBlank() || !Files.isRegularFile(Path.of(config.multilingual()))) {
            if (!config.multilingual().isBlank()) {
                LOG.warn("Multilingual file {} is absent; skipping the multilingual comparison", config.multilingual());
            }
            return List.of();
        }
        Map<String, String> texts = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        try (BufferedReader reader = Files.newBufferedReader(Path.of(config.multilingual()), StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = mapper.readTree(line);
                String id = node.path("id").asText();
                if (config.languages().contains(id)) {
                    texts.put(id, node.path("text").asText());
                }
            }
        } catch (IOException e) {
            throw new WinnowException(ErrorCode.INPUT_INVALID, "Cannot read multilingual file '" + config.multilingual()
                    + "': " + e.getMessage() + ". It must be JSONL with id and text fields.", e);
        }
        List<LanguageMeasurement> out = new ArrayList<>();
        for (String language : config.languages()) {
            String text = texts.get(language);
            if (text == null) {
                LOG.warn("Language {} is not in {}; skipped", language, config.multilingual());
                continue;
            }
            long chars = text.codePointCount(0, text.length());
            for (Map.Entry<Integer, Path> t : tokenizers.entrySet()) {
                HuggingFaceTokenizer tokenizer = TokenizerCache.load(t.getValue());
                long tokens = TokenizerCache.countTokens(tokenizer, text);
                out.add(new LanguageMeasurement(language, t.getKey(), chars, tokens, tokens / (double) chars));
            }
        }
        return out;
    }

    /** Measured points, the fitted curve (solid) and the paper's (dashed), tokens per character over log V. */
    static void drawPlot(Path file, List<Measurement> measurements, TokensPerCharacter fitted) {
        System.setProperty("java.awt.headless", "true");
        int width = 800;
        int height = 560;
        int left = 80;
        int right = 30;
        int top = 50;
        int bottom = 70;
        double vMin = measurements.get(0).vocabSize() / 1.5;
        double vMax = measurements.get(measurements.size() - 1).vocabSize() * 1.5;
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (int i = 0; i <= 100; i++) {
            double v = Math.exp(Math.log(vMin) + i * (Math.log(vMax) - Math.log(vMin)) / 100);
            for (double y : new double[] {fitted.at(v), TokensPerCharacter.PAPER.at(v)}) {
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        for (Measurement m : measurements) {
            yMin = Math.min(yMin, m.tokensPerChar());
            yMax = Math.max(yMax, m.tokensPerChar());
        }
        double pad = (yMax - yMin) * 0.08;
        double y0 = yMin - pad;
        double y1 = yMax + pad;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        java.util.function.DoubleUnaryOperator px = v -> left + plotW * (Math.log(v) - Math.log(vMin)) / (Math.log(vMax) - Math.log(vMin));
        java.util.function.DoubleUnaryOperator py = y -> top + plotH * (1 - (y - y0) / (y1 - y0));
        g.setColor(Color.BLACK);
        g.drawRect(left, top, plotW, plotH);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double tick = Math.pow(10, Math.floor(Math.log10(vMin))); tick <= vMax; tick *= 10) {
            for (int mult : new int[] {1, 2, 5}) {
                double v = tick * mult;
                if (v >= vMin && v <= vMax) {
                    int x = (int) px.applyAsDouble(v);
                    g.drawLine(x, top + plotH, x, top + plotH + 5);
                    g.drawString(String.format("%,d", (long) v), x - 15, top + plotH + 20);
                }
            }
        }
        for (int i = 0; i <= 5; i++) {
            double y = y0 + i * (y1 - y0) / 5;
            int yy = (int) py.applyAsDouble(y);
            g.drawLine(left - 5, yy, left, yy);
            g.drawString(String.format("%.3f", y), left - 50, yy + 4);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("vocabulary size V (log scale)", left + plotW / 2 - 100, height - 20);
        g.drawString("Tokens per character f(V): measured, fitted a·ln²V + b·ln V + c, paper", left, 30);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("tokens per character", -(top + plotH / 2 + 70), 20);
        rotated.dispose();
        drawCurve(g, px, py, vMin, vMax, fitted, new Color(0x1f77b4), new BasicStroke(2f));
        drawCurve(g, px, py, vMin, vMax, TokensPerCharacter.PAPER, Color.GRAY,
                new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        g.setColor(new Color(0xd62728));
        for (Measurement m : measurements) {
            int x = (int) px.applyAsDouble(m.vocabSize());
            int y = (int) py.applyAsDouble(m.tokensPerChar());
            g.fillOval(x - 5, y - 5, 10, 10);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int lx = left + plotW - 230;
        g.fillOval(lx, top + 12, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString("measured on the corpus", lx + 20, top + 22);
        g.setColor(new Color(0x1f77b4));
        g.drawLine(lx - 5, top + 37, lx + 15, top + 37);
        g.setColor(Color.BLACK);
        g.drawString(String.format("fitted (a=%.4f b=%.4f c=%.3f)", fitted.a(), fitted.b(), fitted.c()), lx + 20, top + 42);
        g.setColor(Color.GRAY);
        g.drawLine(lx - 5, top + 57, lx + 15, top + 57);
        g.setColor(Color.BLACK);
        g.drawString("paper (Tao et al. 2024)", lx + 20, top + 62);
        g.dispose();
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new WinnowException(ErrorCode.STAGE_FAILED, "Cannot write the plot '" + file + "': " + e.getMessage()
                    + ". Check that the directory is writable or change vocab-analysis.plot.", e);
        }
    }

    private static void drawCurve(Graphics2D g, java.util.function.DoubleUnaryOperator px,
            java.util.function.DoubleUnaryOperator py, double vMin, double vMax, TokensPerCharacter f, Color color,
            BasicStroke stroke) {
        g.setColor(color);
        g.setStroke(stroke);
        int steps = 200;
        int prevX = -1;
        int prevY = -1;
        for (int i = 0; i <= steps; i++) {
            double v = Math.exp(Math.log(vMin) + i * (Math.log(vMax) - Math.log(vMin)) / steps);
            int x = (int) px.applyAsDouble(v);
            int y = (int) py.applyAsDouble(f.at(v));
            if (i > 0) {
                g.drawLine(prevX, prevY, x, y);
            }
            prevX = x;
            prevY = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static long[] add(long[] a, long[] b) {
        long[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    /** Per partition: [documents, characters, tokens of tokenizer 0, tokens of tokenizer 1, ...]. */
    static final class MeasureTokens implements FlatMapFunction<Iterator<String>, long[]>, Serializable {
        private static final long serialVersionUID = 1L;
        private final String[] keys;
        private final Broadcast<String[]> jsons;

        MeasureTokens(String[] keys, Broadcast<String[]> jsons) {
            this.keys = keys;
            this.jsons = jsons;
        }

        @Override
        public Iterator<long[]> call(Iterator<String> texts) {
            HuggingFaceTokenizer[] tokenizers = new HuggingFaceTokenizer[keys.length];
            for (int i = 0; i < keys.length; i++) {
                tokenizers[i] = TokenizerCache.get(keys[i], jsons.value()[i]);
            }
            long[] totals = new long[2 + keys.length];
            List<String> batch = new ArrayList<>(64);
            while (texts.hasNext()) {
                batch.add(texts.next());
                if (batch.size() == 64 || !texts.hasNext()) {
                    for (String text : batch) {
                        totals[0]++;
                        totals[1] += text.codePointCount(0, text.length());
                    }
                    for (int i = 0; i < tokenizers.length; i++) {
                        for (var encoding : tokenizers[i].batchEncode(batch, false, false)) {
                            totals[2 + i] += encoding.getIds().length;
                        }
                    }
                    batch.clear();
                }
            }
            return List.of(totals).iterator();
        }
    }
}
