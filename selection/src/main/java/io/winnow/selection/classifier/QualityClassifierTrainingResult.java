package io.winnow.selection.classifier;

import static java.util.Objects.requireNonNull;

/**
 * Outcome of training a quality classifier.
 *
 * @param trainRows documents the model was fitted on
 * @param heldOutRows documents held out to measure the AUC
 * @param positives high-quality documents among all labelled ones
 * @param heldOutAuc ROC AUC on the held-out documents; NaN when there were none or only one class
 * @param modelPath directory the fitted model was saved to
 * @param classifier the fitted model, already in memory (the same one a later load of modelPath gives)
 */
public record QualityClassifierTrainingResult(
        long trainRows,
        long heldOutRows,
        long positives,
        double heldOutAuc,
        String modelPath,
        QualityClassifier classifier) {

    public QualityClassifierTrainingResult {
        requireNonNull(modelPath, "modelPath is null");
        requireNonNull(classifier, "classifier is null");
        if (trainRows < 0 || heldOutRows < 0 || positives < 0 || positives > trainRows + heldOutRows) {
            throw new IllegalArgumentException("bad counts: train " + trainRows + ", held out " + heldOutRows
                    + ", positives " + positives);
        }
    }
}
