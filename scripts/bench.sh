#!/usr/bin/env bash
# Reruns every benchmark (QTasks memory and Redis brokers, JobRunr, Celery, the Redis ceiling; on
# PostgreSQL QTasks JDBC, db-scheduler, JobRunr and pgbench's commit ceiling) and rewrites
# docs/benchmarks.md and docs/benchmarks-throughput.svg. Without the PostgreSQL and batch suites a run
# was bounded well under 20 minutes on 2 cores; they add several minutes (--skip leaves suites out);
# --quick takes a few minutes.
#
#   scripts/bench.sh                      # everything
#   scripts/bench.sh --quick              # N=10000, 2 rounds, fewer samples
#   scripts/bench.sh --skip=celery --concurrency=4,16 --n=50000
#   scripts/bench.sh --suites=pgbench,jdbc,dbscheduler,jobrunr-postgres --jdbc-url=jdbc:postgresql://127.0.0.1:5432/postgres
#   scripts/bench.sh --help               # every option
#
# Environment: BENCH_JAVA_OPTS (default -Xms2g -Xmx2g), BENCH_JFR=1 to record a JFR profile of the
# whole run into qtasks-benchmarks/target/bench.jfr.
set -euo pipefail
cd "$(dirname "$0")/.."

python=/usr/bin/python3
redis_host=127.0.0.1
redis_port=6379
args=("$@")
for arg in "$@"; do
	case "$arg" in
		--python=*) python="${arg#--python=}" ;;
		--redis-url=*) redis_url="${arg#--redis-url=}" ;;
	esac
done

apt_install() {
	if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
		echo "bench.sh: installing $* (apt-get install -y $*)"
		apt-get install -y -qq "$@" > /dev/null 2>&1 || { apt-get update -qq > /dev/null 2>&1 && apt-get install -y -qq "$@" > /dev/null; }
	else
		echo "bench.sh: $* missing and cannot be installed here (needs root and apt-get); the report will say so"
		return 1
	fi
}

# The Celery peer needs Debian's Celery 5 and redis-py; the ceiling needs redis-benchmark.
if ! "$python" -c 'import celery, redis' > /dev/null 2>&1; then
	apt_install python3-celery python3-redis || true
fi
if ! command -v redis-benchmark > /dev/null; then
	apt_install redis-tools || true
fi
# The PostgreSQL commit ceiling needs pgbench: in PostgreSQL's client tools on most systems, in
# the server package on Debian 12 (which postgresql-contrib pulls in).
if ! command -v pgbench > /dev/null; then
	apt_install postgresql-client || true
	command -v pgbench > /dev/null || apt_install postgresql-contrib || true
fi

# A local Redis: use the one on 6379; without one, start a throwaway server for this run only.
if [ -z "${redis_url:-}" ] && ! (exec 3<>"/dev/tcp/$redis_host/$redis_port") 2> /dev/null; then
	if command -v redis-server > /dev/null; then
		redis_port=6399
		echo "bench.sh: no Redis on $redis_host:6379; starting a throwaway redis-server on port $redis_port"
		redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
			--pidfile /tmp/qtasks-bench-redis.pid > /dev/null
		trap 'kill "$(cat /tmp/qtasks-bench-redis.pid)" 2> /dev/null || true' EXIT
		sleep 0.5
		args+=("--redis-url=redis://$redis_host:$redis_port/15")
	else
		echo "bench.sh: no Redis on $redis_host:6379 and no redis-server; Redis figures will be reported as not run"
	fi
fi

echo "bench.sh: building qtasks-benchmarks"
# Spring Boot does not repackage a jar it already repackaged, so a stale one would keep old
# QTasks classes inside: build it afresh.
rm -f qtasks-benchmarks/target/qtasks-benchmarks-*.jar
./mvnw -B -q -pl qtasks-benchmarks -am package -DskipTests

java_opts=(${BENCH_JAVA_OPTS:--Xms2g -Xmx2g})
if [ "${BENCH_JFR:-0}" = 1 ]; then
	java_opts+=("-XX:StartFlightRecording=filename=qtasks-benchmarks/target/bench.jfr,settings=profile")
fi
export QTASKS_BENCH_COMMIT="$(git rev-parse --short HEAD 2> /dev/null || echo unknown)"
exec_status=0
java "${java_opts[@]}" -jar qtasks-benchmarks/target/qtasks-benchmarks-0.1.0-SNAPSHOT.jar "${args[@]}" || exec_status=$?
exit "$exec_status"
