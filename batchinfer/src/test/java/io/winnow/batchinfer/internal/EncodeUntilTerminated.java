package io.winnow.batchinfer.internal;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.TextEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link SigtermDuringInferenceTest}: encodes in two threads, as two Spark tasks would, until the
 * process is terminated. Prints "encoding" once both threads have finished a call, so the signal lands mid-batch.
 */
public final class EncodeUntilTerminated {
    private EncodeUntilTerminated() {}

    public static void main(String[] args) throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            texts.add("A sentence of moderate length, number " + i + ", that keeps the model session busy for a while.");
        }
        ModelSpec spec = ModelSpec.of(args.length > 0 ? args[0] : "all-minilm-l6-v2-int8");
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(2);
        for (int task = 0; task < 2; task++) {
            Thread thread = new Thread(() -> {
                try (TextEncoder encoder = TextEncoder.open(spec, EncoderOptions.defaults(1))) {
                    while (true) {
                        encoder.encode(texts);
                        started.countDown();
                    }
                }
            }, "task-" + task);
            thread.start();
        }
        started.await();
        System.out.println("encoding");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
