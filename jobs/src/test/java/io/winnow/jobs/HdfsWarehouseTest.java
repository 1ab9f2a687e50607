package io.winnow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.core.run.RunLog;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageStatus;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Warehouse;
import io.winnow.core.testing.TestSpark;
import io.winnow.jobs.testing.CliOutcome;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole default pipeline with its warehouse on a real (in-JVM) HDFS cluster. */
class HdfsWarehouseTest {
    private static MiniDFSCluster cluster;

    @BeforeAll
    static void startHdfs() throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, TestSpark.tempDirectory("minidfs").toString());
        configuration.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        cluster = new MiniDFSCluster.Builder(configuration).numDataNodes(1).build();
        cluster.waitActive();
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static CliOutcome run(String warehouse, String runId) {
        return CliOutcome.winnow("run", "--input", TestSpark.projectRoot().resolve("data/demo/corpus").toString(),
                "--warehouse", warehouse, "--run-id", runId);
    }

    @Test
    void theDefaultPipelineWritesItsDeltaTablesToHdfsAndSkipsEverythingOnRerun() throws Exception {
        String warehouse = "hdfs://127.0.0.1:" + cluster.getNameNodePort() + "/winnow/warehouse";
        CliOutcome first = run(warehouse, "hdfs-first");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("ingest        SUCCEEDED in=1,403 kept=1,399 dropped=0 quarantined=4")
                .contains("decontaminate SUCCEEDED in=961 kept=961")
                .contains("Counts add up for every stage");

        SparkSession spark = TestSpark.session();
        Warehouse tables = new Warehouse(warehouse);
        assertThat(DeltaTables.read(spark, tables.resolve("curated"), "x").count()).isEqualTo(961 - 15 + 26);
        FileSystem hdfs = cluster.getFileSystem();
        assertThat(hdfs.exists(new org.apache.hadoop.fs.Path("/winnow/warehouse/curated/_delta_log"))).isTrue();
        assertThat(hdfs.exists(new org.apache.hadoop.fs.Path("/winnow/warehouse/_quality_classifier"))).isTrue();
        assertThat(hdfs.exists(new org.apache.hadoop.fs.Path("/winnow/warehouse/_reports/report-stages.png")))
                .as("the HTML report and its charts go through the Hadoop file system too").isTrue();
        assertThat(first.out()).contains("HTML report: " + warehouse + "/_reports/report.html");

        CliOutcome second = run(warehouse, "hdfs-second");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(new RunLog(spark, tables.runLogPath()).all()).filteredOn(r -> r.runId().equals("hdfs-second"))
                .hasSize(5).extracting(StageResult::status).containsOnly(StageStatus.SKIPPED);
    }
}
