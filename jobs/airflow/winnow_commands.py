"""Command lines of the Winnow pipeline, one per stage, from winnow_pipeline.json.

Pure Python (no Airflow import), so the DAG and the tests share it:
    python3 winnow_commands.py --master spark://host:7077 --app-jar winnow-app.jar \
        --config conf/winnow.yaml --run-id 2026-11-25
prints one shell-quoted command per stage, in order.
"""
import argparse
import json
import shlex
from pathlib import Path

PIPELINE_FILE = Path(__file__).with_name("winnow_pipeline.json")


def load_pipeline(path=PIPELINE_FILE):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def stage_commands(master, app_jar, config, run_id, pipeline=None):
    """[(task_id, argv)] for every stage, with the placeholders filled in."""
    pipeline = pipeline or load_pipeline()
    values = {"master": master, "app_jar": app_jar, "config": config, "run_id": run_id}
    submit = [part.format(**values) for part in pipeline["spark_submit"]]
    common = [part.format(**values) for part in pipeline["common_args"]]
    return [(stage["task_id"], submit + stage["args"] + common) for stage in pipeline["stages"]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--master", required=True)
    parser.add_argument("--app-jar", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--run-id", required=True)
    options = parser.parse_args()
    for task_id, argv in stage_commands(options.master, options.app_jar, options.config, options.run_id):
        print(task_id + "\t" + shlex.join(argv))


if __name__ == "__main__":
    main()
