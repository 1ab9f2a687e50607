#!/usr/bin/env python3
"""Derives corpus/reposts.jsonl from corpus/c4-en-sample.jsonl (C4, ODC-BY) with a fixed seed.

Planted so the demo pipeline has something to remove and to quarantine:
  40 exact reposts (same text, mirror URL)              -> removed by exact dedup
  25 whitespace/case variants (same text once normalised) -> removed by exact dedup (default normalisation)
  15 near-duplicates (one sentence appended)             -> kept by exact dedup; for fuzzy dedup
   4 bad records (malformed JSON, no text, empty text, numeric text) -> quarantined by ingest
Run from this folder: python3 make_reposts.py
"""
import json
import random

random.seed(20261122)
docs = [json.loads(line) for line in open("corpus/c4-en-sample.jsonl", encoding="utf-8")]
picked = random.sample(range(len(docs)), 80)
out = []
for n, index in enumerate(picked):
    doc = dict(docs[index])
    doc["url"] = "https://mirror.example/" + str(n) + "/" + doc["url"].split("//", 1)[-1]
    if n < 40:
        doc["planted"] = "exact-repost"
    elif n < 65:
        lines = doc["text"].split("\n")
        lines[0] = lines[0].upper()
        doc["text"] = "  " + "\n\n".join(line + "   " for line in lines) + "\n"
        doc["planted"] = "whitespace-case-variant"
    else:
        doc["text"] = doc["text"] + "\nShare this article with your friends and family."
        doc["planted"] = "near-duplicate"
    out.append(json.dumps(doc, ensure_ascii=False))
out.insert(10, '{"text": "a repost whose JSON was cut off in transit", "url": ')
out.insert(30, json.dumps({"url": "https://mirror.example/no-text", "timestamp": "2019-04-25T12:00:00Z"}))
out.insert(50, json.dumps({"text": "   ", "url": "https://mirror.example/empty"}))
out.insert(70, json.dumps({"text": 404, "url": "https://mirror.example/number"}))
with open("corpus/reposts.jsonl", "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
