package io.qtasks.engine.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.qtasks.node.WorkerNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemoryWorkerNodeRegistry}.
 *
 * @author QTasks contributors
 */
class MemoryWorkerNodeRegistryTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private final MemoryWorkerNodeRegistry registry = new MemoryWorkerNodeRegistry(Duration.ofSeconds(10),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aNodeStaysLiveUntilItMissesThreeHeartbeats() {
		this.registry.heartbeat(node("recent", NOW.minusSeconds(29)));
		this.registry.heartbeat(node("gone", NOW.minusSeconds(31)));
		assertThat(this.registry.liveNodes()).extracting(WorkerNode::id).containsExactly("recent");
	}

	@Test
	void aRemovedNodeIsNoLongerListed() {
		this.registry.heartbeat(node("stopping", NOW));
		this.registry.remove("stopping");
		assertThat(this.registry.liveNodes()).isEmpty();
		assertThat(this.registry.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
	}

	private static WorkerNode node(String id, Instant lastHeartbeat) {
		return new WorkerNode(id, "host", 2, NOW.minusSeconds(600), 1, lastHeartbeat, List.of("echo"));
	}

}
