"""Airflow DAG for the Winnow pipeline: one task per stage, each a spark-submit in client mode.

The command lines come from winnow_pipeline.json through winnow_commands.py, the same source the
project's tests run. Airflow's logical date (`ds`) is the run id, so a retried or re-triggered day
reuses its run id and Winnow skips the stages whose outputs are already up to date.

Settings (Airflow Variables, with defaults): winnow_spark_master, winnow_app_jar, winnow_config.
Works with Airflow 2 (airflow.operators.bash) and Airflow 3 (airflow.providers.standard).
"""
import shlex
import sys
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from winnow_commands import stage_commands  # noqa: E402

try:  # Airflow 3
    from airflow.sdk import DAG, Variable
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.models import Variable
    from airflow.operators.bash import BashOperator



def setting(name, default):
    """An Airflow Variable, or the default (the second positional argument works in Airflow 2 and 3)."""
    try:
        return Variable.get(name, default)
    except Exception:  # no metadata database, e.g. when the file is only parsed
        return default


MASTER = setting("winnow_spark_master", "spark://127.0.0.1:7077")
APP_JAR = setting("winnow_app_jar", "/opt/winnow/winnow-app.jar")
CONFIG = setting("winnow_config", "/opt/winnow/conf/winnow.yaml")

with DAG(
    dag_id="winnow_pipeline",
    description="ingest -> exact dedup -> fuzzy dedup -> quality -> decontaminate (curated)",
    start_date=datetime(2026, 1, 1),
    schedule=None,
    catchup=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5)},
    tags=["winnow"],
) as dag:
    previous = None
    for task_id, argv in stage_commands(MASTER, APP_JAR, CONFIG, "{{ ds }}"):
        task = BashOperator(task_id=task_id, bash_command=shlex.join(argv))
        if previous is not None:
            previous >> task
        previous = task
