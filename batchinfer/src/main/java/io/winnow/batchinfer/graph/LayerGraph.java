package io.winnow.batchinfer.graph;

import static java.util.Objects.requireNonNull;

import ai.onnx.proto.OnnxMl;
import io.winnow.batchinfer.internal.InferErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites a BERT-style encoder ONNX graph (HuggingFace export: inputs input_ids / attention_mask /
 * token_type_ids, output {@code last_hidden_state}) so that its outputs are the hidden states of chosen
 * layers, {@code [batch, seq, hidden]}, and it holds only the nodes and initializers those outputs need.
 *
 * <p>Layers are numbered from 1 to L (the model's depth). Layer L is {@code last_hidden_state}; layer k &lt; L
 * is {@code /encoder/layer.{k-1}/output/LayerNorm/Add_1_output_0}, the output of the k-th transformer block
 * after its final LayerNorm (the same tensor HuggingFace returns as {@code hidden_states[k]}). fp32 and int8
 * (dynamic MatMulInteger) exports use the same names.
 *
 * <p>Why rewrite: ONNX Runtime's Java API has no "run only what the fetches need" option; asking a full graph for
 * an early output still runs every layer. The cut graph keeps only what the deepest requested layer needs (found by
 * walking back from the requested tensors), so layer k of L costs about k/L of the full model.
 *
 * <p>Edited files are cached as {@code <workDir>/<model name>-<sha256 prefix>-L<layers>.onnx}, keyed by the
 * model file's content hash and the layer set; they are written atomically, so concurrent tasks may race safely.
 */
public final class LayerGraph {
    public static final String LAST_HIDDEN_STATE = "last_hidden_state";
    private static final Pattern LAYER_NODE = Pattern.compile("^/encoder/layer\\.(\\d+)/");

    /**
     * What a cut produced.
     *
     * @param model the edited model
     * @param outputs output tensor name per requested layer, in layer order
     * @param depth the full model's number of layers
     * @param nodesBefore nodes of the input graph
     * @param nodesAfter nodes kept
     */
    public record Cut(OnnxMl.ModelProto model, Map<Integer, String> outputs, int depth, int nodesBefore, int nodesAfter) {}

    /**
     * What the encoder in a file looks like.
     *
     * @param depth transformer layers, 0 when no node is named {@code /encoder/layer.K/...}
     * @param hidden hidden size, -1 when the graph does not declare it
     * @param vocabularyRows rows of the word-embedding table (the highest token id + 1 it accepts), -1 if not found
     */
    public record Shape(int depth, int hidden, long vocabularyRows) implements java.io.Serializable {}

    private static final Map<String, Shape> SHAPES = new ConcurrentHashMap<>();

    private LayerGraph() {}

    /** The shape of the encoder in {@code onnxFile}, memoised per file content. */
    public static Shape shape(Path onnxFile) {
        return SHAPES.computeIfAbsent(sha256(onnxFile), hash -> {
            OnnxMl.GraphProto graph = load(onnxFile).getGraph();
            int depth = depth(graph);
            OnnxMl.TypeProto type = hiddenStateType(graph);
            int hidden = -1;
            if (type != null && type.getTensorType().getShape().getDimCount() == 3) {
                OnnxMl.TensorShapeProto.Dimension last = type.getTensorType().getShape().getDim(2);
                hidden = last.hasDimValue() ? (int) last.getDimValue() : -1;
            }
            long rows = -1;
            for (OnnxMl.TensorProto tensor : graph.getInitializerList()) {
                if (tensor.getName().contains("word_embeddings") && tensor.getDimsCount() == 2) {
                    rows = tensor.getDims(0);
                    break;
                }
            }
            return new Shape(depth, hidden, rows);
        });
    }

    /** The name of layer {@code layer}'s output (1-based) in a model of {@code depth} layers. */
    public static String outputName(int layer, int depth) {
        if (layer < 1 || layer > depth) {
            throw new IllegalArgumentException("layer must be in 1.." + depth + ", got " + layer);
        }
        return layer == depth ? LAST_HIDDEN_STATE : "/encoder/layer." + (layer - 1) + "/output/LayerNorm/Add_1_output_0";
    }

    /** Number of transformer layers: the highest {@code /encoder/layer.K/} node name prefix + 1. */
    public static int depth(OnnxMl.GraphProto graph) {
        int highest = -1;
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            Matcher matcher = LAYER_NODE.matcher(node.getName());
            if (matcher.find()) {
                highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
            }
        }
        return highest + 1;
    }

    /** Depth of the model in {@code onnxFile} (parses the file). */
    public static int depth(Path onnxFile) {
        return depth(load(onnxFile).getGraph());
    }

    /**
     * The edited model file for {@code layers} of {@code onnxFile}, written under {@code workDir} unless a file
     * for the same model content and layers is already there.
     */
    public static Path cached(Path onnxFile, SortedSet<Integer> layers, Path workDir) {
        requireNonNull(onnxFile, "onnxFile is null");
        requireNonNull(workDir, "workDir is null");
        checkLayers(layers);
        String fileName = onnxFile.getFileName().toString().replaceFirst("\\.onnx$", "");
        String key = fileName + "-" + sha256(onnxFile).substring(0, 16) + "-L"
                + layers.stream().map(String::valueOf).collect(Collectors.joining("_")) + ".onnx";
        Path target = workDir.resolve(key);
        if (Files.isRegularFile(target)) {
            return target;
        }
        Cut cut = cut(load(onnxFile), layers, onnxFile);
        OnnxFiles.write(cut.model(), target);
        return target;
    }

    /** Edits {@code model} in memory; {@code source} only names the model in errors. */
    public static Cut cut(OnnxMl.ModelProto model, SortedSet<Integer> layers, Path source) {
        checkLayers(layers);
        OnnxMl.GraphProto graph = model.getGraph();
        int depth = depth(graph);
        if (depth < 1) {
            throw InferErrors.notAnEncoder(source, "no node is named /encoder/layer.K/...");
        }
        if (layers.last() > depth) {
            throw InferErrors.layerBeyondDepth(source, layers.last(), depth);
        }
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            for (String output : graph.getNode(i).getOutputList()) {
                producer.put(output, i);
            }
        }
        Map<Integer, String> outputs = new java.util.LinkedHashMap<>();
        for (int layer : layers) {
            String name = outputName(layer, depth);
            if (!producer.containsKey(name)) {
                throw InferErrors.notAnEncoder(source, "no node produces '" + name + "' (layer " + layer + " of " + depth + ")");
            }
            outputs.put(layer, name);
        }

        // Walk back from the wanted tensors; everything reached is needed.
        boolean[] keep = new boolean[graph.getNodeCount()];
        Set<String> needed = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(outputs.values());
        while (!pending.isEmpty()) {
            String tensor = pending.pop();
            if (tensor.isEmpty() || !needed.add(tensor)) {
                continue;
            }
            Integer index = producer.get(tensor);
            if (index == null || keep[index]) {
                continue;
            }
            keep[index] = true;
            OnnxMl.NodeProto node = graph.getNode(index);
            pending.addAll(node.getInputList());
            for (OnnxMl.AttributeProto attribute : node.getAttributeList()) {
                subgraphInputs(attribute, pending);
            }
        }

        OnnxMl.GraphProto.Builder edited = graph.toBuilder().clearNode().clearInitializer().clearOutput().clearValueInfo();
        int kept = 0;
        for (int i = 0; i < graph.getNodeCount(); i++) {
            if (keep[i]) {
                edited.addNode(graph.getNode(i));
                kept++;
            }
        }
        Set<String> initializerNames = new HashSet<>();
        for (OnnxMl.TensorProto tensor : graph.getInitializerList()) {
            initializerNames.add(tensor.getName());
            if (needed.contains(tensor.getName())) {
                edited.addInitializer(tensor);
            }
        }
        // Graph inputs stay (callers feed input_ids, attention_mask, token_type_ids whatever the cut), except
        // initializers listed as inputs by old exporters that are no longer needed.
        for (int i = edited.getInputCount() - 1; i >= 0; i--) {
            String name = edited.getInput(i).getName();
            if (initializerNames.contains(name) && !needed.contains(name)) {
                edited.removeInput(i);
            }
        }
        for (OnnxMl.ValueInfoProto info : graph.getValueInfoList()) {
            if (needed.contains(info.getName())) {
                edited.addValueInfo(info);
            }
        }
        OnnxMl.TypeProto hiddenType = hiddenStateType(graph);
        for (String name : outputs.values()) {
            OnnxMl.ValueInfoProto.Builder info = OnnxMl.ValueInfoProto.newBuilder().setName(name);
            if (hiddenType != null) {
                info.setType(hiddenType);
            }
            edited.addOutput(info);
        }
        OnnxMl.ModelProto result = model.toBuilder().setGraph(edited).build();
        return new Cut(result, Map.copyOf(outputs), depth, graph.getNodeCount(), kept);
    }

    /** The declared type of {@code last_hidden_state} ([batch, seq, hidden] float), shared by every layer output. */
    private static OnnxMl.TypeProto hiddenStateType(OnnxMl.GraphProto graph) {
        for (OnnxMl.ValueInfoProto output : graph.getOutputList()) {
            if (output.getName().equals(LAST_HIDDEN_STATE) && output.hasType()) {
                return output.getType();
            }
        }
        return null;
    }

    private static void subgraphInputs(OnnxMl.AttributeProto attribute, Deque<String> pending) {
        List<OnnxMl.GraphProto> graphs = new ArrayList<>(attribute.getGraphsList());
        if (attribute.hasG()) {
            graphs.add(attribute.getG());
        }
        for (OnnxMl.GraphProto subgraph : graphs) {
            for (OnnxMl.NodeProto node : subgraph.getNodeList()) {
                pending.addAll(node.getInputList()); // over-approximates: names local to the subgraph are simply not found
                for (OnnxMl.AttributeProto nested : node.getAttributeList()) {
                    subgraphInputs(nested, pending);
                }
            }
        }
    }

    private static void checkLayers(SortedSet<Integer> layers) {
        requireNonNull(layers, "layers is null");
        if (layers.isEmpty() || layers.first() < 1) {
            throw new IllegalArgumentException("layers must be a non-empty set of layer numbers >= 1, got " + layers);
        }
    }

    /** Reads an ONNX model with a clear error when the file is missing or is not one. */
    public static OnnxMl.ModelProto load(Path path) {
        return OnnxFiles.load(path);
    }

    static String sha256(Path file) {
        return OnnxFiles.sha256(file);
    }

    /** Convenience: a sorted copy of {@code layers}. */
    public static SortedSet<Integer> layerSet(java.util.Collection<Integer> layers) {
        return new TreeSet<>(layers);
    }
}
