package io.qtasks.worker;

/**
 * A part of the worker that {@link QTasksWorker} starts and stops: started in order,
 * stopped in reverse order, each stop finished before the next begins.
 *
 * @author QTasks contributors
 */
interface WorkerPart {

	void start();

	/**
	 * Stops the part, possibly on another thread.
	 * @param callback run once the part has stopped
	 */
	void stop(Runnable callback);

}
