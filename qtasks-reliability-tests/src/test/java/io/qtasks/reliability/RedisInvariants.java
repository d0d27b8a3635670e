package io.qtasks.reliability;

import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.qtasks.testsupport.RedisTestServer;

/**
 * What must hold for the Redis keys of one QTasks application at any moment, whatever
 * died or failed before (see {@code docs/redis.md} for the key layout):
 * <ol>
 * <li>every unfinished record (a task hash whose {@code status} is {@code new},
 * {@code process} or {@code retry}) is in exactly one place: due (its {@code entry} is in
 * the due set of its lane, {@code pending:<qname>} for the default queue without a limit
 * key), waiting (its uuid is in {@code waiting}), or claimed (its uuid is in
 * {@code inflight} and it has a {@code claim} field);</li>
 * <li>the {@code running} hash counts exactly the tasks noted as counted, and only tasks
 * with a live claim are;</li>
 * <li>the {@code counts} hash equals a scan of the records' {@code status} fields, for
 * each of the six statuses (a finished record that Redis has expired and the housekeeping
 * has not yet forgotten, still a member of {@code expiry:<status>}, still counts);</li>
 * <li>no two live claims share a fencing token.</li>
 * </ol>
 * The check is one Lua script, so that it sees one moment even while nodes work: it may
 * run in the middle of a scenario as well as after it. It reads every key of the
 * application ({@code KEYS} on its prefix), which is fine for the sizes of these tests.
 *
 * @author QTasks contributors
 */
final class RedisInvariants {

	private static final String SCRIPT = """
			local prefix = ARGV[1]
			local problems = {}
			local function problem(text)
			  problems[#problems + 1] = text
			end
			local function field(value)
			  if value == false or value == nil then
			    return '-'
			  end
			  return "'" .. tostring(value) .. "'"
			end
			local statuses = { 'new', 'process', 'retry', 'success', 'error', 'cancel' }
			local scanned = {}
			for _, status in ipairs(statuses) do
			  scanned[status] = 0
			end
			local owners = {}
			local order = {}
			local counted = {}
			local inflight = prefix .. 'inflight'
			local waiting = prefix .. 'waiting'
			for _, key in ipairs(redis.call('KEYS', ARGV[2])) do
			  if redis.call('TYPE', key).ok == 'hash' then
			    local uuid = string.sub(key, #prefix + 6)
			    local f = redis.call('HMGET', key, 'status', 'entry', 'qname', 'name', 'claim', 'deliveries', 'queue',
			      'lkey', 'counted')
			    local status = f[1]
			    if status and scanned[status] then
			      scanned[status] = scanned[status] + 1
			    end
			    local lease = redis.call('ZSCORE', inflight, uuid)
			    local claimed = lease and f[5]
			    if status == 'new' or status == 'process' or status == 'retry' then
			      local places = {}
			      local qname = f[3] or f[4] or ''
			      local lane = prefix
			      if f[7] and f[7] ~= '' and f[7] ~= 'default' then
			        lane = lane .. 'queue:' .. f[7] .. ':'
			      end
			      if f[8] and f[8] ~= '' then
			        lane = lane .. 'lane:' .. cjson.encode({ qname, f[8] })
			      else
			        lane = lane .. 'pending:' .. qname
			      end
			      if f[2] and redis.call('ZSCORE', lane, f[2]) then
			        places[#places + 1] = 'due in ' .. string.sub(lane, #prefix + 1)
			      end
			      if redis.call('ZSCORE', waiting, uuid) then
			        places[#places + 1] = 'waiting'
			      end
			      if claimed then
			        places[#places + 1] = 'claimed'
			      end
			      if #places ~= 1 then
			        problem('task ' .. uuid .. ' (status ' .. status .. ', name ' .. field(f[4]) .. ') is in '
			          .. #places .. ' places [' .. table.concat(places, ', ') .. ']: entry ' .. field(f[2])
			          .. ', qname ' .. field(f[3]) .. ', in inflight ' .. field(lease) .. ', claim ' .. field(f[5])
			          .. ', deliveries ' .. field(f[6]))
			      end
			    end
			    if f[9] then
			      counted[f[9]] = (counted[f[9]] or 0) + 1
			      if not claimed then
			        problem('task ' .. uuid .. ' is counted as running (' .. f[9] .. ') without a live claim')
			      end
			    end
			    if claimed then
			      if not owners[f[5]] then
			        owners[f[5]] = {}
			        order[#order + 1] = f[5]
			      end
			      table.insert(owners[f[5]], uuid)
			    end
			  end
			end
			local running = {}
			if redis.call('TYPE', prefix .. 'running').ok == 'hash' then
			  local pairs_ = redis.call('HGETALL', prefix .. 'running')
			  for i = 1, #pairs_, 2 do
			    running[pairs_[i]] = tonumber(pairs_[i + 1])
			  end
			end
			for limit, count in pairs(counted) do
			  if running[limit] ~= count then
			    problem('running ' .. limit .. ' counts ' .. field(running[limit]) .. ' claims, the tasks ' .. count)
			  end
			  running[limit] = nil
			end
			for limit, count in pairs(running) do
			  problem('running ' .. limit .. ' counts ' .. count .. ' claims that no task holds')
			end
			for _, token in ipairs(order) do
			  if #owners[token] > 1 then
			    problem('claim token ' .. token .. ' is held by ' .. #owners[token] .. ' live claims: tasks '
			      .. table.concat(owners[token], ', '))
			  end
			end
			for _, status in ipairs({ 'success', 'error', 'cancel' }) do
			  for _, uuid in ipairs(redis.call('ZRANGE', prefix .. 'expiry:' .. status, 0, -1)) do
			    if redis.call('EXISTS', prefix .. 'task:' .. uuid) == 0 then
			      scanned[status] = scanned[status] + 1
			    end
			  end
			end
			local counts = prefix .. 'counts'
			if redis.call('EXISTS', counts) == 1 and redis.call('TYPE', counts).ok ~= 'hash' then
			  problem('counts is a ' .. redis.call('TYPE', counts).ok .. ', not a hash')
			else
			  for _, status in ipairs(statuses) do
			    local stored = redis.call('HGET', counts, status)
			    local count = stored and tonumber(stored) or 0
			    if (stored and not tonumber(stored)) or count ~= scanned[status] then
			      problem('counts.' .. status .. ' is ' .. field(stored) .. ' but ' .. scanned[status]
			        .. ' record(s) have that status')
			    end
			  end
			end
			return problems
			""";

	private RedisInvariants() {
	}

	/**
	 * Checks the invariants of an application on the test Redis.
	 * @param name the application's {@code qtasks.name}
	 * @throws AssertionError naming every offending task, count and token
	 */
	static void assertHold(String name) {
		assertHold(RedisTestServer.get().commands(), name);
	}

	/**
	 * Checks the invariants of an application on a Redis of the test's own.
	 * @param host the server's host
	 * @param port the server's port
	 * @param name the application's {@code qtasks.name}
	 * @throws AssertionError naming every offending task, count and token
	 */
	static void assertHold(String host, int port, String name) {
		RedisClient client = RedisClient.create(RedisURI.create(host, port));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			assertHold(connection.sync(), name);
		}
		finally {
			client.shutdown();
		}
	}

	/**
	 * Checks the invariants of an application.
	 * @param redis the application's Redis
	 * @param name the application's {@code qtasks.name}
	 * @throws AssertionError naming every offending task, count and token
	 */
	static void assertHold(RedisCommands<String, String> redis, String name) {
		List<String> problems = violations(redis, name);
		if (!problems.isEmpty()) {
			throw new AssertionError("The Redis invariants of qtasks.name=" + name + " do not hold (" + problems.size()
					+ " problem(s)):\n  " + String.join("\n  ", problems));
		}
	}

	/**
	 * The invariants an application breaks now.
	 * @param redis the application's Redis
	 * @param name the application's {@code qtasks.name}
	 * @return a line per problem, empty when all hold
	 */
	static List<String> violations(RedisCommands<String, String> redis, String name) {
		String prefix = "qtasks:{" + name + "}:";
		return redis.eval(SCRIPT, ScriptOutputType.MULTI, new String[0], prefix, glob(prefix) + "task:*");
	}

	private static String glob(String text) {
		return text.replaceAll("([\\\\*?\\[\\]])", "\\\\$1");
	}

}
