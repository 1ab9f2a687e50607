package io.winnow.selection.quality;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigEnum;
import io.winnow.core.config.ConfigSection;
import io.winnow.selection.classifier.ClassifierKeepPolicy;
import io.winnow.selection.classifier.QualityClassifierConfig;
import java.io.Serializable;
import java.util.Optional;

/**
 * How the {@code quality} stage uses the classifier (YAML section {@code quality.classifier}).
 *
 * @param enabled score documents at all
 * @param model directory of the trained model (a name under the warehouse, or a path)
 * @param trainIfMissing train the model with the {@code quality-classifier} settings when it is absent
 * @param policy off (score only), threshold, or pareto (NeMo / GPT-3 stochastic sampling)
 * @param threshold keep when score >= threshold (policy threshold)
 * @param alpha Pareto shape (policy pareto; NeMo: 3)
 * @param seed seed of the per-document Pareto draw
 */
public record ClassifierSettings(
        boolean enabled,
        String model,
        boolean trainIfMissing,
        Policy policy,
        double threshold,
        double alpha,
        int seed) implements Serializable {

    /** Reason added to documents the policy rejects. */
    public static final String BELOW_THRESHOLD = "classifier_below_threshold";
    public static final String PARETO_REJECTED = "classifier_pareto_rejected";

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
        requireNonNull(policy, "policy is null");
        if (threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
        }
    }

    /** Score every document; the score alone drops nothing until a policy is chosen. */
    public static ClassifierSettings defaults() {
        return new ClassifierSettings(true, QualityClassifierConfig.DEFAULT_MODEL, true, Policy.OFF,
                ClassifierKeepPolicy.DEFAULT_THRESHOLD, ClassifierKeepPolicy.DEFAULT_ALPHA, ClassifierKeepPolicy.DEFAULT_SEED);
    }

    public ClassifierSettings withPolicy(Policy newPolicy, double newThreshold) {
        return new ClassifierSettings(enabled, model, trainIfMissing, newPolicy, newThreshold, alpha, seed);
    }

    public ClassifierSettings withModel(String newModel) {
        return new ClassifierSettings(enabled, newModel, trainIfMissing, policy, threshold, alpha, seed);
    }

    public ClassifierSettings disabled() {
        return new ClassifierSettings(false, model, trainIfMissing, policy, threshold, alpha, seed);
    }

    /** The keep policy, empty when the score decides nothing. */
    public Optional<ClassifierKeepPolicy> keepPolicy() {
        return switch (policy) {
            case OFF -> Optional.empty();
            case THRESHOLD -> Optional.of(ClassifierKeepPolicy.threshold(threshold));
            case PARETO -> Optional.of(ClassifierKeepPolicy.pareto(alpha, seed));
        };
    }

    public String rejectionReason() {
        return policy == Policy.PARETO ? PARETO_REJECTED : BELOW_THRESHOLD;
    }

    static ClassifierSettings fromConfig(ConfigSection section) {
        ClassifierSettings defaults = defaults();
        ClassifierSettings settings = new ClassifierSettings(
                section.bool("enabled", defaults.enabled()),
                section.string("model", defaults.model()),
                section.bool("train-if-missing", defaults.trainIfMissing()),
                section.enumValue("policy", Policy.class, defaults.policy()),
                section.decimal("threshold", defaults.threshold(), 0, 1),
                section.decimal("alpha", defaults.alpha(), 1e-6, 1e6),
                (int) section.integer("seed", defaults.seed(), Integer.MIN_VALUE, Integer.MAX_VALUE));
        section.finish();
        return settings;
    }
}
