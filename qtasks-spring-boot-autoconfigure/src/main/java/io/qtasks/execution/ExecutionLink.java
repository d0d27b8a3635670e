package io.qtasks.execution;

import java.util.List;

/**
 * One link of the chain around a task's invocation: it may act before and after the rest
 * of the chain, or answer an outcome without it.
 *
 * @author QTasks contributors
 */
@FunctionalInterface
interface ExecutionLink {

	RunOutcome execute(Execution execution, Chain next) throws Exception;

	/**
	 * The rest of a chain.
	 */
	@FunctionalInterface
	interface Chain {

		RunOutcome proceed() throws Exception;

	}

	/**
	 * Runs links in order around a last step.
	 * @param links the links, outermost first
	 * @param last the step inside all of them
	 * @param execution the run
	 * @return the outcome
	 * @throws Exception what the outermost link lets through
	 */
	static RunOutcome run(List<ExecutionLink> links, ExecutionLink last, Execution execution) throws Exception {
		return proceed(links, 0, last, execution);
	}

	private static RunOutcome proceed(List<ExecutionLink> links, int index, ExecutionLink last, Execution execution)
			throws Exception {
		if (index == links.size()) {
			return last.execute(execution, () -> {
				throw new IllegalStateException("The last step of a chain has nothing to proceed to");
			});
		}
		return links.get(index).execute(execution, () -> proceed(links, index + 1, last, execution));
	}

}
