"""The loop a user would write instead of Winnow: ONNX Runtime + HuggingFace tokenizers + numpy.

Reads texts (one JSON string per line), embeds them with the same model files, the same thread count and the same
token-budget batching as Winnow's encoder (sort by token length, cut where longest x size > budget or size > max,
pad to the batch's longest), mean or CLS pooling, L2 normalisation. Prints one JSON line with wall and CPU seconds
and writes the vectors (float32, input order) for the parity check. A yardstick for bench/, never part of Winnow.

usage: ort_loop.py MODEL.onnx TOKENIZER.json TEXTS.jsonl THREADS POOLING OUT.npy [ROUNDS]
"""
import json
import sys
import time

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

TOKEN_BUDGET = 8192
MAX_BATCH = 64
MAX_TOKENS = 256


def plan(lengths):
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches, start = [], 0
    while start < len(order):
        end = start + 1
        while end < len(order) and end - start < MAX_BATCH and lengths[order[end]] * (end - start + 1) <= TOKEN_BUDGET:
            end += 1
        batches.append(order[start:end])
        start = end
    return batches


def embed(session, tokenizer, texts, pooling, wants_types):
    encodings = tokenizer.encode_batch(texts)
    ids = [e.ids for e in encodings]
    types = [e.type_ids for e in encodings]
    lengths = [len(i) for i in ids]
    out = np.empty((len(texts), 0), dtype=np.float32)
    result = [None] * len(texts)
    for batch in plan(lengths):
        width = max(lengths[i] for i in batch)
        input_ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        type_ids = np.zeros((len(batch), width), dtype=np.int64)
        for row, index in enumerate(batch):
            n = lengths[index]
            input_ids[row, :n] = ids[index]
            mask[row, :n] = 1
            type_ids[row, :n] = types[index]
        feeds = {"input_ids": input_ids, "attention_mask": mask}
        if wants_types:
            feeds["token_type_ids"] = type_ids
        hidden = session.run(["last_hidden_state"], feeds)[0]
        if pooling == "cls":
            pooled = hidden[:, 0, :]
        else:
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        pooled = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        for row, index in enumerate(batch):
            result[index] = pooled[row]
    return np.stack(result).astype(np.float32) if result else out


def main():
    model, tokenizer_file, texts_file, threads, pooling, out = sys.argv[1:7]
    rounds = int(sys.argv[7]) if len(sys.argv) > 7 else 1
    with open(texts_file, encoding="utf-8") as f:
        texts = [json.loads(line) for line in f]
    options = ort.SessionOptions()
    options.intra_op_num_threads = int(threads)
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    wants_types = any(i.name == "token_type_ids" for i in session.get_inputs())
    tokenizer = Tokenizer.from_file(tokenizer_file)
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    embed(session, tokenizer, texts[:64], pooling, wants_types)  # warm-up
    best = None
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        vectors = embed(session, tokenizer, texts, pooling, wants_types)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if best is None or wall < best[0]:
            best = (wall, cpu)
    np.save(out, vectors)
    print(json.dumps({"texts": len(texts), "seconds": best[0], "cpu_seconds": best[1],
                      "onnxruntime": ort.__version__, "tokenizers": __import__("tokenizers").__version__}))


if __name__ == "__main__":
    main()
