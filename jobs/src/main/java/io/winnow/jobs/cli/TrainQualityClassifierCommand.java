package io.winnow.jobs.cli;

import io.winnow.core.run.RunContext;
import io.winnow.jobs.pipeline.PipelineConfig;
import io.winnow.selection.classifier.QualityClassifierConfig;
import io.winnow.selection.classifier.QualityClassifierTrainer;
import io.winnow.selection.classifier.QualityClassifierTrainingResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train-quality-classifier", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train the linear quality classifier (hashed word 1-2-grams, logistic regression on Spark MLlib) and print",
            "its ROC AUC on a held-out 20%. Input: labelled documents (default: the bundled DCLM human labels), or a",
            "high-quality reference corpus against raw crawl (--positive-input / --negative-input, the GPT-3 recipe).",
            "The quality stage then scores every document with it (quality.classifier)."
        })
public final class TrainQualityClassifierCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "PATH", description = "Labelled JSONL, Parquet or Delta table (quality-classifier.input).")
    String input;

    @Option(names = "--positive-input", paramLabel = "PATH", description = "Reference corpus, all high quality (quality-classifier.positive-input).")
    String positiveInput;

    @Option(names = "--negative-input", paramLabel = "PATH", description = "Raw crawl, all low quality (quality-classifier.negative-input).")
    String negativeInput;

    @Option(names = "--text-field", paramLabel = "NAME", description = "Text field (quality-classifier.text-field).")
    String textField;

    @Option(names = "--label-field", paramLabel = "NAME", description = "Label field (quality-classifier.label-field).")
    String labelField;

    @Option(names = "--model", paramLabel = "DIR", description = "Where to save the model (quality-classifier.model).")
    String model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        put(overrides, "quality-classifier.input", input);
        put(overrides, "quality-classifier.positive-input", positiveInput);
        put(overrides, "quality-classifier.negative-input", negativeInput);
        put(overrides, "quality-classifier.text-field", textField);
        put(overrides, "quality-classifier.label-field", labelField);
        put(overrides, "quality-classifier.model", model);
        PipelineConfig config = common.loadConfig(overrides);
        QualityClassifierConfig training = config.quality().classifierTraining();
        if (positiveInput != null && input == null) {
            training = training.withTwoCorpora(positiveInput, negativeInput);
        }
        RunContext context = common.runContext(config);
        SparkSession spark = common.openSpark(config);
        String modelPath = context.warehouse().resolve(training.model());
        QualityClassifierTrainingResult result = QualityClassifierTrainer.train(spark, training.withModel(modelPath));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Quality classifier trained on %,d documents (%,d high quality of %,d labelled)%n", result.trainRows(),
                result.positives(), result.trainRows() + result.heldOutRows());
        out.printf("Held-out ROC AUC: %.4f on %,d documents%n", result.heldOutAuc(), result.heldOutRows());
        out.println("Model saved to " + result.modelPath());
        out.flush();
        return 0;
    }

    private static void put(Map<String, Object> overrides, String key, String value) {
        if (value != null) {
            overrides.put(key, value);
        }
    }
}
