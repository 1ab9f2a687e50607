package io.winnow.batchinfer.graph;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Small, order-preserving edits of an ONNX graph: node replacement in place (so the new nodes sit
 * right where their consumer was and the topological order holds), fresh unique names, new
 * initializers, and removal of initializers nothing reads any more.
 */
public final class GraphEditor {
    private final OnnxMl.GraphProto.Builder graph;
    private final Map<String, OnnxMl.TensorProto> initializers = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, Integer> counters = new HashMap<>();

    public GraphEditor(OnnxMl.GraphProto.Builder graph) {
        this.graph = graph;
        for (OnnxMl.TensorProto tensor : graph.getInitializerList()) {
            initializers.put(tensor.getName(), tensor);
            names.add(tensor.getName());
        }
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            names.add(node.getName());
            names.addAll(node.getInputList());
            names.addAll(node.getOutputList());
        }
        graph.getInputList().forEach(v -> names.add(v.getName()));
        graph.getOutputList().forEach(v -> names.add(v.getName()));
        graph.getValueInfoList().forEach(v -> names.add(v.getName()));
    }

    /** A name not used anywhere in the graph yet, derived from {@code base}. */
    public String fresh(String base) {
        String candidate = base;
        while (names.contains(candidate)) {
            int n = counters.merge(base, 1, Integer::sum);
            candidate = base + "_" + n;
        }
        names.add(candidate);
        return candidate;
    }

    /** The initializer called {@code name}, or null if {@code name} is not one. */
    public OnnxMl.TensorProto initializer(String name) {
        return initializers.get(name);
    }

    public List<OnnxMl.TensorProto> initializers() {
        return List.copyOf(initializers.values());
    }

    /** Adds an initializer under a fresh name derived from {@code base}; returns the name used. */
    public String addInitializer(String base, OnnxMl.TensorProto.Builder tensor) {
        String name = fresh(base);
        OnnxMl.TensorProto built = tensor.setName(name).build();
        initializers.put(name, built);
        return name;
    }

    /**
     * Calls {@code rewrite} on every node in order; a non-null result replaces the node by that
     * list (in that order), null keeps it. Returns how many nodes were replaced.
     */
    public int replaceNodes(Function<OnnxMl.NodeProto, List<OnnxMl.NodeProto>> rewrite) {
        List<OnnxMl.NodeProto> out = new ArrayList<>(graph.getNodeCount() * 2);
        int replaced = 0;
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            List<OnnxMl.NodeProto> replacement = rewrite.apply(node);
            if (replacement == null) {
                out.add(node);
            } else {
                out.addAll(replacement);
                replaced++;
            }
        }
        graph.clearNode().addAllNode(out);
        return replaced;
    }

    /** Puts {@code nodes} before every existing node (for nodes that read only initializers). */
    public void prependNodes(List<OnnxMl.NodeProto> nodes) {
        List<OnnxMl.NodeProto> out = new ArrayList<>(nodes);
        out.addAll(graph.getNodeList());
        graph.clearNode().addAllNode(out);
    }

    /** Replaces the initializer of the same name. */
    public void replaceInitializer(OnnxMl.TensorProto tensor) {
        initializers.put(tensor.getName(), tensor);
    }

    public void removeInitializer(String name) {
        initializers.remove(name);
    }

    /**
     * Writes the initializers back, dropping those no node, subgraph or graph output reads any
     * more (and their entries in the graph inputs, where old exporters listed them).
     */
    public void commit() {
        Set<String> used = new HashSet<>();
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            used.addAll(node.getInputList());
            for (OnnxMl.AttributeProto attribute : node.getAttributeList()) {
                if (attribute.hasG() || attribute.getGraphsCount() > 0) {
                    return; // subgraphs may read outer initializers: keep everything
                }
            }
        }
        graph.getOutputList().forEach(v -> used.add(v.getName()));
        List<OnnxMl.TensorProto> kept = new ArrayList<>();
        Set<String> dropped = new HashSet<>();
        for (OnnxMl.TensorProto tensor : initializers.values()) {
            if (used.contains(tensor.getName())) {
                kept.add(tensor);
            } else {
                dropped.add(tensor.getName());
            }
        }
        graph.clearInitializer().addAllInitializer(kept);
        for (int i = graph.getInputCount() - 1; i >= 0; i--) {
            if (dropped.contains(graph.getInput(i).getName())) {
                graph.removeInput(i);
            }
        }
    }

    public static OnnxMl.NodeProto node(String opType, String name, List<String> inputs, List<String> outputs,
            OnnxMl.AttributeProto... attributes) {
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder()
                .setOpType(opType).setName(name).addAllInput(inputs).addAllOutput(outputs);
        for (OnnxMl.AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        return node.build();
    }

    public static OnnxMl.AttributeProto intAttribute(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** The integer attribute {@code name} of {@code node}, or {@code fallback}. */
    public static long intAttribute(OnnxMl.NodeProto node, String name, long fallback) {
        for (OnnxMl.AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name)) {
                return attribute.getI();
            }
        }
        return fallback;
    }
}
