"""kg build on a real Dask cluster (two worker processes on this machine) gives the local build's output."""
from __future__ import annotations

import operator
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg
import kg.pipeline.parse
from kg.cli import app
from kg.errors import ClusterError
from kg.export.output import write_build
from kg.ingest.load import load_documents
from kg.pipeline.run import CHUNK_ARTICLES, build, build_documents

distributed = pytest.importorskip("distributed")
from kg.pipeline.distributed import DaskRunner  # noqa: E402  (after the skip: it needs distributed)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

runner = CliRunner()


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as local_cluster:
        yield local_cluster


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def local_sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    write_build(build([DATA], n_process=1), out)
    return out / "graph.ttl"


@pytest.fixture(scope="module")
def dask_sample(cluster, tmp_path_factory):
    out = tmp_path_factory.mktemp("dask")
    write_build(build([DATA], dask_address=cluster.scheduler_address), out)
    return out / "graph.ttl"


def _paragraph_articles():
    """The sample's paragraphs as articles of their own: enough for several tasks per stage."""
    documents, _ = load_documents([DATA])
    return [replace(document, id=f"{document.id}-{number}", text=paragraph, source=f"{document.id}-{number}.txt")
            for document in documents
            for number, paragraph in enumerate(document.text.split("\n\n")) if len(paragraph) > 80]


def test_dask_workers_run_this_kg(client):
    assert set(client.run(lambda: __import__("kg").__file__).values()) == {kg.__file__}


def test_dask_sample_build_is_byte_identical_to_local(local_sample, dask_sample):
    assert dask_sample.read_bytes() == local_sample.read_bytes()
    assert b"kgo:supplies" in dask_sample.read_bytes()


@pytest.fixture(scope="module")
def many_tasks(cluster, tmp_path_factory):
    """Graphs of the paragraph articles built here and on the cluster."""
    articles = _paragraph_articles()
    assert len(articles) > 2 * CHUNK_ARTICLES  # tasks for both workers, finishing in any order
    out = tmp_path_factory.mktemp("many")
    local = build_documents(articles, n_process=1)
    on_cluster = build_documents(articles, dask_address=cluster.scheduler_address)
    assert len(on_cluster.claims) == len(local.claims) > 0
    write_build(local, out / "local")
    write_build(on_cluster, out / "dask")
    return out / "local" / "graph.ttl", out / "dask" / "graph.ttl"


def test_dask_build_of_many_tasks_is_byte_identical_to_local(many_tasks):
    local, on_cluster = many_tasks
    assert on_cluster.read_bytes() == local.read_bytes()


def test_dask_each_worker_loads_the_model_once(client, dask_sample, many_tasks):
    """Both workers loaded it as they joined the build, then parsed with it and never loaded it again."""
    loads = client.run(kg.pipeline.parse.stages.cache_info)
    assert len(loads) == 2
    assert [info.misses for info in loads.values()] == [1, 1]
    assert all(info.hits >= 1 for info in loads.values())  # each worker parsed some of the articles


def test_dask_cli_writes_the_local_graph(cluster, local_sample, tmp_path):
    result = runner.invoke(app, ["build", str(DATA), "--out", str(tmp_path), "--dask", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "graph.ttl").read_bytes() == local_sample.read_bytes()


def test_dask_runner_keeps_task_order_and_reraises(cluster):
    dask_runner = DaskRunner(cluster.scheduler_address)
    try:
        tasks = [(number, 2) for number in range(40)]  # more than the window of tasks in flight
        assert list(dask_runner.map(pow, tasks)) == [number ** 2 for number in range(40)]
        assert list(dask_runner.map(pow, [(3, 2), (3, 2)])) == [9, 9]  # identical tasks both run
        with pytest.raises(ZeroDivisionError):
            list(dask_runner.map(operator.truediv, [(1, 1), (1, 0), (2, 1)]))
    finally:
        dask_runner.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_dask_unreachable_scheduler_is_one_line_error(tmp_path):
    started = time.monotonic()
    result = runner.invoke(app, ["build", str(DATA), "--out", str(tmp_path), "--dask",
                                 f"tcp://127.0.0.1:{_free_port()}"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: cannot reach the Dask scheduler"), result.output
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:port", "udp://127.0.0.1:8786", "tcp://127.0.0.1"])
def test_dask_malformed_address_is_one_line_error_at_once(address, tmp_path):
    started = time.monotonic()
    result = runner.invoke(app, ["build", str(DATA), "--out", str(tmp_path), "--dask", address])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"kg: error: {address} is not a Dask scheduler address like tcp://HOST:8786 (")
    assert time.monotonic() - started < 5


# the module's cluster holds the scheduler's usual HTTP port (on 127.0.0.1): this one takes another
@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")
def test_dask_scheduler_without_workers_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("kg.pipeline.distributed.WORKER_TIMEOUT", 1)
    with distributed.LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address=None) as empty:
        with pytest.raises(ClusterError, match="no Dask worker joined the scheduler at tcp://127.0.0.1:"):
            DaskRunner(empty.scheduler_address)


def test_dask_worker_that_cannot_read_the_ontology_is_a_clear_error(cluster, tmp_path):
    with pytest.raises(ClusterError, match="ontology file not found"):
        DaskRunner(cluster.scheduler_address, kg.pipeline.parse.load_in_worker, (str(tmp_path / "nowhere"), None))


def test_dask_not_installed_says_how_to_install(tmp_path):
    blocked = ("import sys; sys.modules['distributed'] = None; from kg.cli import app; "
               f"app(['build', {str(DATA)!r}, '--out', {str(tmp_path)!r}, '--dask', 'tcp://127.0.0.1:8786'])")
    done = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ['kg: error: --dask needs Dask distributed: pip install "kg-news[dask]"']
