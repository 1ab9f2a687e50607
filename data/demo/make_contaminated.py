#!/usr/bin/env python3
"""Writes corpus/contaminated.jsonl: real C4 web documents with evaluation questions planted in them.

Sources: the OLMo test fixtures c4-sample.0{1,2,3}.json.gz (allenai/OLMo @ 59a53e3f, Apache-2.0;
content C4, ODC-BY 1.0) and the bundled eval sets under eval/ (GSM8K and MMLU, MIT). Documents
longer than 1,000 characters get one question (or a question with its answer) inserted at the
sentence boundary nearest their middle, so decontamination has something to remove in the demo.
Run from data/demo: python3 make_contaminated.py ../../../shared/data/web_text/olmo_fixtures
"""
import csv
import gzip
import json
import sys
from pathlib import Path

fixtures = Path(sys.argv[1])
here = Path(__file__).parent
questions = [json.loads(line) for line in (here / "eval/gsm8k/test.jsonl").open()]
with (here / "eval/mmlu/world_religions_test.csv").open(newline="") as f:
    mmlu = [row for row in csv.reader(f)]

documents = []
for part in (1, 2, 3):
    with gzip.open(fixtures / f"c4-sample.0{part}.json.gz", "rt") as f:
        documents += [json.loads(line) for line in f]
documents = [d for d in documents if len(d["text"]) > 1000]

with (here / "corpus/contaminated.jsonl").open("w") as out:
    for index, document in enumerate(documents):
        text = document["text"]
        middle = text.find(". ", len(text) // 2)
        middle = len(text) // 2 if middle < 0 else middle + 2
        if index % 4 == 3:
            row = mmlu[index]
            planted, task = f"{row[0]} {row[1]}, {row[2]}, {row[3]} or {row[4]}?", "mmlu"
        elif index % 4 == 2:
            q = questions[index]
            planted, task = f"{q['question']} {q['answer'].split('####')[0].strip()}", "gsm8k"
        else:
            planted, task = questions[index]["question"], "gsm8k"
        out.write(json.dumps({
            "id": f"contaminated-{index:02d}",
            "text": text[:middle] + planted + " " + text[middle:],
            "url": document.get("url"),
            "planted_task": task,
        }) + "\n")
print(f"wrote {len(documents)} documents")
