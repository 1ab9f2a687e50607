package io.winnow.selection.quality;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigEnum;
import io.winnow.core.config.ConfigSection;
import java.io.Serializable;

/**
 * How the {@code quality} stage uses the classifier (YAML section {@code quality.classifier}).
 *
 * @param enabled score documents at all
 * @param model directory of the trained model (a path, or a name under the warehouse)
 * @param trainIfMissing train the model from {@code trainingData} when the directory is absent
 * @param trainingData labelled JSONL (text, label) used when training on demand
 * @param policy off (score only), threshold, or pareto (NeMo / GPT-3 stochastic sampling)
 * @param threshold keep when score >= threshold (policy threshold)
 * @param alpha Pareto shape (policy pareto; NeMo: 3)
 * @param seed seed of the per-document Pareto draw
 */
public record ClassifierSettings(
        boolean enabled,
        String model,
        boolean trainIfMissing,
        String trainingData,
        Policy policy,
        double threshold,
        double alpha,
        long seed) implements Serializable {

    public static final String DEFAULT_MODEL = "_quality_classifier";
    public static final String DEFAULT_TRAINING_DATA = "data/demo/quality/dclm-majority.jsonl";

    /** What the score decides. */
    public enum Policy implements ConfigEnum {
        OFF("off"), THRESHOLD("threshold"), PARETO("pareto");

        private final String configName;

        Policy(String configName) {
            this.configName = configName;
        }

        @Override
        public String configName() {
            return configName;
        }
    }

    public ClassifierSettings {
        requireNonNull(model, "model is null");
        requireNonNull(trainingData, "trainingData is null");
        requireNonNull(policy, "policy is null");
        if (threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (alpha <= 0) {
            throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
        }
    }

    /** Score every document; the score alone drops nothing unless a policy is chosen. */
    public static ClassifierSettings defaults() {
        return new ClassifierSettings(true, DEFAULT_MODEL, true, DEFAULT_TRAINING_DATA, Policy.OFF, 0.5, 3, 42);
    }

    public ClassifierSettings withPolicy(Policy newPolicy, double newThreshold) {
        return new ClassifierSettings(enabled, model, trainIfMissing, trainingData, newPolicy, newThreshold, alpha, seed);
    }

    public ClassifierSettings withModel(String newModel, String newTrainingData) {
        return new ClassifierSettings(enabled, newModel, trainIfMissing, newTrainingData, policy, threshold, alpha, seed);
    }

    public ClassifierSettings disabled() {
        return new ClassifierSettings(false, model, trainIfMissing, trainingData, policy, threshold, alpha, seed);
    }

    static ClassifierSettings fromConfig(ConfigSection section) {
        ClassifierSettings defaults = defaults();
        ClassifierSettings settings = new ClassifierSettings(
                section.bool("enabled", defaults.enabled()),
                section.string("model", defaults.model()),
                section.bool("train-if-missing", defaults.trainIfMissing()),
                section.string("training-data", defaults.trainingData()),
                section.enumValue("policy", Policy.class, defaults.policy()),
                section.decimal("threshold", defaults.threshold(), 0, 1),
                section.decimal("alpha", defaults.alpha(), 1e-6, 1e6),
                section.integer("seed", defaults.seed(), Long.MIN_VALUE, Long.MAX_VALUE));
        section.finish();
        return settings;
    }
}
