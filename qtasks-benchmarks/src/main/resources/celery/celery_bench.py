"""Celery peer of the QTasks benchmark harness (qtasks-benchmarks).

Runs a Celery 5 worker (Redis broker and result backend) with a no-op task and measures
  * throughput: a single producer enqueues N tasks with apply_async; end to end runs from the
    first enqueue to the moment every task's result is stored as SUCCESS;
  * add-and-wait round trip: noop.delay().get() one after the other, p50/p99/max;
  * Redis commands per task, from INFO commandstats around the (uncapped) warm-up rounds.

The harness starts it as
    python3 celery_bench.py --redis-url redis://127.0.0.1:6379/15 --n 100000 \
        --concurrency 1,4,16,64 --rounds 1 --round-trips 1000 --pool prefork --out result.json
and reads the JSON it writes. The Redis database must be one the harness checked was empty: the
clean-up deletes Celery's keys (celery*, _kombu.*, unacked*) in it.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time

from celery import Celery

REDIS_URL = os.environ.get("CELERY_BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")

app = Celery("celery_bench", broker=REDIS_URL, backend=REDIS_URL)
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    # Results of the round-trip run are read once; keep them short-lived anyway.
    result_expires=3600,
    worker_hijack_root_logger=False,
)


@app.task(name="noop")
def noop():
    return None


# Commands the harness itself sends while measuring; they are not Celery's work.
HARNESS_COMMANDS = {"exists", "info", "del", "unlink", "mget", "scan", "dbsize", "ping", "select", "client"}


def log(message):
    print("[celery] " + message, flush=True)


def redis_client():
    return app.backend.client


def command_calls(client):
    stats = client.info("commandstats")
    calls = {}
    for key, value in stats.items():
        name = key[len("cmdstat_"):] if key.startswith("cmdstat_") else key
        calls[name] = int(value["calls"])
    return calls


def start_worker(concurrency, pool):
    script_dir = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ, CELERY_BENCH_REDIS_URL=app.conf.broker_url, PYTHONPATH=script_dir,
               # the harness may run as root (a container); Celery's warning about it is no news here
               PYTHONWARNINGS="ignore:You're running the worker with superuser privileges")
    command = [sys.executable, "-m", "celery", "-A", "celery_bench", "worker",
               "--pool", pool, "--concurrency", str(concurrency), "--loglevel", "WARNING",
               "--without-heartbeat", "--without-gossip", "--without-mingle",
               "--hostname", "qtasks-bench-%d@%%h" % concurrency]
    worker = subprocess.Popen(command, cwd=script_dir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    # Ready when a task comes back: the worker has connected, declared its queue and consumes.
    deadline = time.monotonic() + 60
    while True:
        try:
            noop.delay().get(timeout=5)
            return worker
        except Exception as ex:  # noqa: BLE001 - any failure means "not ready yet"
            if worker.poll() is not None:
                raise RuntimeError("the Celery worker exited with %s" % worker.returncode) from ex
            if time.monotonic() > deadline:
                stop_worker(worker)
                raise RuntimeError("the Celery worker did not answer within 60 s") from ex


def stop_worker(worker):
    worker.terminate()
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def meta_key(task_id):
    return "celery-task-meta-" + task_id


def count_stored(client, ids, start=0):
    stored = 0
    for position in range(start, len(ids), 500):
        stored += client.exists(*[meta_key(task_id) for task_id in ids[position:position + 500]])
    return stored


def wait_all_stored(client, ids, deadline):
    """Returns how many ids have a stored result: all of them, or those stored by the deadline."""
    chunk = 500
    position = 0
    while position < len(ids):
        keys = [meta_key(task_id) for task_id in ids[position:position + chunk]]
        if client.exists(*keys) == len(keys):
            position += len(keys)
            continue
        if time.monotonic() > deadline:
            return position + count_stored(client, ids, position)
        time.sleep(0.002)
    return position


def verify_success(client, ids, sample_size=1000):
    """Checks a sample of the stored results (results not stored yet are skipped)."""
    sample = ids if len(ids) <= sample_size else random.sample(ids, sample_size)
    for value in client.mget([meta_key(task_id) for task_id in sample]):
        if value is not None and json.loads(value).get("status") != "SUCCESS":
            raise RuntimeError("a no-op task did not end in SUCCESS: %r" % (value,))


def delete_results(client, ids):
    for start in range(0, len(ids), 1000):
        client.unlink(*[meta_key(task_id) for task_id in ids[start:start + 1000]])


def throughput_round(client, n, cap):
    """Enqueues n no-op tasks and waits for their results; stops at the cap (seconds) and then
    reports what was stored by then."""
    # The producer does not subscribe to each task's result channel (Celery's Redis backend does
    # that on apply_async so that a later .get() hears the result); completion is read from the
    # stored results instead, as QTasks' harness reads records.
    subscribe = app.backend.on_task_call
    app.backend.on_task_call = lambda producer, task_id: None
    deadline = time.monotonic() + cap
    try:
        ids = []
        started = time.perf_counter()
        for i in range(n):
            if i % 256 == 0 and time.monotonic() > deadline:
                break
            ids.append(noop.apply_async().id)
        enqueued = time.perf_counter()
    finally:
        app.backend.on_task_call = subscribe
    stored = wait_all_stored(client, ids, deadline)
    finished = time.perf_counter()
    result = {"enqueued": len(ids), "enqueueSeconds": enqueued - started, "completed": stored,
              "endToEndSeconds": finished - started}
    if stored < n:
        result["note"] = "capped at {}s: {:,} of {:,} tasks stored".format(cap, stored, n)
        app.control.purge()
    verify_success(client, ids)
    delete_results(client, ids)
    return result


def throughput(args, client, result):
    commands = {}
    measured_tasks = 0
    for concurrency in args.concurrency:
        log("throughput, %s pool, concurrency %d, N=%d, %d round(s), cap %d s"
            % (args.pool, concurrency, args.n, args.rounds, args.timeout))
        worker = start_worker(concurrency, args.pool)
        rounds = []
        try:
            # Warm-up, not reported; its commands are counted when it was not capped (the measured
            # rounds may be, and a capped round enqueued tasks that never ran).
            before = command_calls(client)
            warm_up = throughput_round(client, max(1, min(args.n // 10, 2000)), args.timeout)
            after = command_calls(client)
            if "note" not in warm_up:
                measured_tasks += warm_up["completed"]
                for name, calls in after.items():
                    if name not in HARNESS_COMMANDS:
                        commands[name] = commands.get(name, 0) + calls - before.get(name, 0)
            for _ in range(args.rounds):
                outcome = throughput_round(client, args.n, args.timeout)
                rounds.append(outcome)
                log("  enqueue %.0f/s, end to end %.0f/s%s" % (
                    outcome["enqueued"] / outcome["enqueueSeconds"],
                    outcome["completed"] / outcome["endToEndSeconds"],
                    " (%s)" % outcome["note"] if "note" in outcome else ""))
        finally:
            stop_worker(worker)
        result["throughput"][str(concurrency)] = rounds
    if measured_tasks:
        result["commandsPerTask"] = {name: calls / measured_tasks for name, calls in sorted(commands.items())
                                     if calls > 0}


def round_trip(args, client, result):
    log("add-and-wait round trip, %s pool, concurrency %d, %d samples x %d round(s)"
        % (args.pool, args.latency_concurrency, args.round_trips, args.rounds))
    worker = start_worker(args.latency_concurrency, args.pool)
    rounds = []
    try:
        for _ in range(min(200, args.round_trips)):
            noop.delay().get(timeout=10)
        for _ in range(args.rounds):
            samples = []
            for _ in range(args.round_trips):
                started = time.perf_counter()
                noop.delay().get(timeout=10)
                samples.append((time.perf_counter() - started) * 1000.0)
            rounds.append(samples)
            ordered = sorted(samples)
            log("  p50 %.2f ms, p99 %.2f ms" % (percentile(ordered, 50), percentile(ordered, 99)))
    finally:
        stop_worker(worker)
    result["roundTripMillis"] = rounds


def percentile(ordered, p):
    index = max(0, min(len(ordered) - 1, int(round(p / 100.0 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis-url", default=REDIS_URL,
                        help="Redis broker and result backend; its database must be one the harness checked was empty")
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--concurrency", default="1,4,16,64")
    parser.add_argument("--latency-concurrency", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--round-trips", type=int, default=1000)
    parser.add_argument("--pool", default="prefork", choices=["threads", "prefork", "solo"])
    parser.add_argument("--timeout", type=int, default=30,
                        help="cap of one throughput round in seconds; a capped round reports what was stored by then")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-round-trip", action="store_true")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    args.concurrency = [int(value) for value in args.concurrency.split(",") if value.strip()]
    app.conf.update(broker_url=args.redis_url, result_backend=args.redis_url)
    client = redis_client()
    import celery
    result = {"celeryVersion": celery.__version__, "pool": args.pool, "python": sys.version.split()[0],
              "throughput": {}, "commandsPerTask": {}, "roundTripMillis": []}
    try:
        if not args.skip_throughput:
            throughput(args, client, result)
        if not args.skip_round_trip:
            round_trip(args, client, result)
    finally:
        with open(args.out, "w") as out:
            json.dump(result, out, indent=1)


if __name__ == "__main__":
    main()
