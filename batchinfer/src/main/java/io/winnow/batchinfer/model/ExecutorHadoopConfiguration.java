package io.winnow.batchinfer.model;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import scala.Tuple2;

/**
 * The Hadoop configuration a task uses to reach model files: Hadoop's defaults plus every {@code spark.hadoop.*}
 * setting of the application (as Spark builds its own), so {@code hdfs://} and {@code s3a://} URIs resolve on the
 * executors exactly as the job was configured, with no driver-side file or object handed over.
 */
public final class ExecutorHadoopConfiguration {
    private static final String PREFIX = "spark.hadoop.";

    private ExecutorHadoopConfiguration() {}

    public static Configuration current() {
        Configuration configuration = new Configuration();
        SparkEnv environment = SparkEnv.get();
        if (environment == null) {
            return configuration;
        }
        SparkConf conf = environment.conf();
        for (Tuple2<String, String> entry : conf.getAll()) {
            if (entry._1().startsWith(PREFIX)) {
                configuration.set(entry._1().substring(PREFIX.length()), entry._2());
            }
        }
        return configuration;
    }
}
