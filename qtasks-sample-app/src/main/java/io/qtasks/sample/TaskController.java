package io.qtasks.sample;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskRequest;

/**
 * Enqueues tasks and reads their records over HTTP.
 *
 * @author QTasks contributors
 */
@RestController
@RequestMapping("/tasks")
class TaskController {

	private final QTasks qtasks;

	TaskController(QTasks qtasks) {
		this.qtasks = qtasks;
	}

	/**
	 * Enqueues a task.
	 * @param name the task name
	 * @param body positional and named arguments and an optional priority
	 * @return the stored record, with its location
	 */
	@PostMapping("/{name}")
	ResponseEntity<Task> enqueue(@PathVariable String name, @RequestBody(required = false) EnqueueRequest body) {
		EnqueueRequest request = (body != null) ? body : new EnqueueRequest(null, null, null);
		TaskRequest task = this.qtasks.task(name);
		if (request.args() != null) {
			task.args(request.args().toArray());
		}
		if (request.kwargs() != null) {
			task.kwargs(request.kwargs());
		}
		if (request.priority() != null) {
			task.priority(request.priority());
		}
		Task queued = task.add();
		return ResponseEntity.created(URI.create("/tasks/" + queued.uuid())).body(queued);
	}

	/**
	 * Reads a task's record.
	 * @param uuid the task's uuid
	 * @return the record, or 404
	 */
	@GetMapping("/{uuid}")
	ResponseEntity<Task> get(@PathVariable UUID uuid) {
		return ResponseEntity.of(this.qtasks.get(uuid));
	}

	/**
	 * The body of an enqueue request.
	 *
	 * @param args positional arguments
	 * @param kwargs named arguments
	 * @param priority the priority, lower first; the task's own when absent
	 */
	record EnqueueRequest(List<Object> args, Map<String, Object> kwargs, Integer priority) {
	}

}
