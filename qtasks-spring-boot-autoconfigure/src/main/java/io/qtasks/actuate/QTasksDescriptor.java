package io.qtasks.actuate;

import java.util.List;
import java.util.Map;

import io.qtasks.Task;
import io.qtasks.engine.spi.DeadLetter;
import io.qtasks.node.WorkerNode;

/**
 * The main answer of {@link QTasksEndpoint}.
 *
 * @param broker the engine's type ({@code memory}, {@code redis})
 * @param counts the number of stored records by status
 * @param queue the tasks waiting
 * @param queues each named queue's depth and running count, on every node
 * @param nodes the live worker nodes
 * @param definitions the tasks this node knows
 * @param schedules the recurring schedules, by name
 * @param query the filters the listed records passed
 * @param tasks the records, newest first
 * @param malformedEntries queue entries that named no queued task, set aside by the
 * engine, newest first (at most {@value QTasksEndpoint#MAX_DEAD_LETTERS})
 * @author QTasks contributors
 */
public record QTasksDescriptor(String broker, Map<String, Long> counts, QueueDescriptor queue,
		Map<String, FlowDescriptors.NamedQueueDescriptor> queues, List<WorkerNode> nodes,
		List<TaskDefinitionDescriptor> definitions, List<ScheduleDescriptor> schedules, QueryDescriptor query,
		List<Task> tasks, List<DeadLetter> malformedEntries) {

}
