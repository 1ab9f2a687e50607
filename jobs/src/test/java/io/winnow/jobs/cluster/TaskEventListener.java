package io.winnow.jobs.cluster;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * A driver-side listener for the cluster tests (registered with {@code spark.extraListeners},
 * shipped to spark-submit in a small jar): appends one tab-separated line per scheduler event to
 * the file named by {@link #EVENTS_FILE}, so the test process can see which executor ran which
 * task while the application is still running.
 *
 * <pre>
 * stage       STAGE_ID  STAGE_NAME
 * start       STAGE_ID  EXECUTOR_ID  TASK_ID
 * end         STAGE_ID  EXECUTOR_ID  TASK_ID  REASON (Success, ExecutorLostFailure(...), ...)
 * executor+   EXECUTOR_ID
 * executor-   EXECUTOR_ID  REASON
 * </pre>
 */
public final class TaskEventListener extends SparkListener {
    public static final String EVENTS_FILE = "spark.winnow.test.task-events";

    private final BufferedWriter writer;

    public TaskEventListener(SparkConf conf) {
        try {
            writer = Files.newBufferedWriter(Path.of(conf.get(EVENTS_FILE)), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        write("stage", event.stageInfo().stageId(), event.stageInfo().name());
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart event) {
        write("start", event.stageId(), event.taskInfo().executorId(), event.taskInfo().taskId());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        write("end", event.stageId(), event.taskInfo().executorId(), event.taskInfo().taskId(),
                event.reason().toString().replaceAll("\\s+", " "));
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded event) {
        write("executor+", event.executorId());
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved event) {
        write("executor-", event.executorId(), event.reason().replaceAll("\\s+", " "));
    }

    private synchronized void write(Object... fields) {
        try {
            for (int i = 0; i < fields.length; i++) {
                writer.write((i > 0 ? "\t" : "") + fields[i]);
            }
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
