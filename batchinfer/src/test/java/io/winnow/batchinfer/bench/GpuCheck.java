package io.winnow.batchinfer.bench;

import io.winnow.batchinfer.DeviceMode;
import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.Granularity;
import io.winnow.batchinfer.Matryoshka;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.TextEncoder;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GPU check for a machine with an NVIDIA GPU (run by {@code bench/gpu-check.sh}, built with {@code -Pgpu-inference}):
 * the encoder on GPU 0 (device gpu: fails instead of falling back) against the CPU, for the infer path (the model's
 * output) and the embed path (two granularities from a cut graph), fp32 and int8. Prints the device each ran on,
 * texts/s and the lowest cosine between GPU and CPU vectors.
 *
 * <pre>bench/gpu-check.sh [texts=4000] [gpu=0]</pre>
 */
public final class GpuCheck {
    private GpuCheck() {}

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int gpu = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        List<String> texts = InferenceBenchmark.texts(count);
        List<Granularity> granularities = List.of(new Granularity(3, 128), new Granularity(6, 384));
        System.out.println("| model | path | device | texts/s | CPU texts/s | GPU / CPU | min cosine GPU vs CPU |");
        System.out.println("|---|---|---|---:|---:|---:|---:|");
        for (String model : List.of("all-minilm-l6-v2", "all-minilm-l6-v2-int8")) {
            ModelSpec spec = ModelSpec.of(model);
            EncoderOptions cpu = EncoderOptions.defaults(Runtime.getRuntime().availableProcessors());
            EncoderOptions onGpu = cpu.withDevice(DeviceMode.GPU, gpu);
            for (String path : List.of("infer", "embed")) {
                EncoderOptions cpuOptions = path.equals("infer") ? cpu : cpu.withGranularities(granularities);
                EncoderOptions gpuOptions = path.equals("infer") ? onGpu : onGpu.withGranularities(granularities);
                Timed onCpu = run(spec, cpuOptions, texts);
                Timed onDevice = run(spec, gpuOptions, texts);
                double worst = 1;
                for (Map.Entry<Granularity, float[][]> entry : onCpu.vectors().entrySet()) {
                    float[][] other = onDevice.vectors().get(entry.getKey());
                    for (int i = 0; i < other.length; i++) {
                        worst = Math.min(worst, Matryoshka.dot(entry.getValue()[i], other[i]));
                    }
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %.2f | %.6f |%n", model, path,
                        onDevice.gpuBatches() > 0 ? "GPU " + gpu : "CPU (fallback)", count / onDevice.seconds(),
                        count / onCpu.seconds(), onCpu.seconds() / onDevice.seconds(), worst);
            }
        }
        System.exit(0);
    }

    private record Timed(Map<Granularity, float[][]> vectors, double seconds, long gpuBatches) {}

    private static Timed run(ModelSpec spec, EncoderOptions options, List<String> texts) {
        try (TextEncoder encoder = TextEncoder.open(spec, options)) {
            List<String> warmUp = texts.subList(0, Math.min(64, texts.size()));
            if (options.granularities().isEmpty()) {
                encoder.encode(warmUp);
            } else {
                encoder.encodeGranularities(warmUp);
            }
            long started = System.nanoTime();
            Map<Granularity, float[][]> vectors = options.granularities().isEmpty()
                    ? Map.of(new Granularity(1, 1), encoder.encode(texts))
                    : encoder.encodeGranularities(texts);
            return new Timed(vectors, (System.nanoTime() - started) / 1e9, encoder.stats().gpuBatches());
        }
    }
}
