package io.qtasks;

/**
 * What a chord's member that ends {@code error} or {@code cancel} does to the chord's
 * callback.
 *
 * @author QTasks contributors
 */
public enum ChordFailure {

	/**
	 * The callback ends as {@code cancel}, with a reason naming the member. The default.
	 */
	CANCEL_CALLBACK,

	/**
	 * The callback runs once every member has ended, with {@code null} in place of each
	 * failed member's result.
	 */
	RUN_CALLBACK

}
