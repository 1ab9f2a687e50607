/**
 * Linear quality classifier on Spark MLlib: {@link io.winnow.selection.classifier.QualityClassifierTrainer}
 * fits hashed word n-grams + logistic regression on labelled documents (or a reference corpus vs raw
 * crawl), {@link io.winnow.selection.classifier.QualityClassifier} scores tables with it, and
 * {@link io.winnow.selection.classifier.ClassifierKeepPolicy} turns scores into keep decisions.
 */
package io.winnow.selection.classifier;
