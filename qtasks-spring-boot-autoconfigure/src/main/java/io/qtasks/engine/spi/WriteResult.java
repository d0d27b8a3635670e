package io.qtasks.engine.spi;

import org.jspecify.annotations.Nullable;

/**
 * What a fenced write did.
 *
 * @param kind what happened
 * @param cancelReason the reason of the pending cancel request, for
 * {@link Kind#CANCEL_REQUESTED}
 * @author QTasks contributors
 */
public record WriteResult(Kind kind, @Nullable String cancelReason) {

	/**
	 * The write happened.
	 */
	public static final WriteResult WRITTEN = new WriteResult(Kind.WRITTEN, null);

	/**
	 * The fence refused the write: the claim was taken over, or the record changed.
	 */
	public static final WriteResult FENCED = new WriteResult(Kind.FENCED, null);

	/**
	 * The write was refused because a cancel request is pending.
	 * @param reason the request's reason
	 * @return the result
	 */
	public static WriteResult cancelRequested(String reason) {
		return new WriteResult(Kind.CANCEL_REQUESTED, reason);
	}

	/**
	 * Whether the write happened.
	 * @return the flag
	 */
	public boolean written() {
		return this.kind == Kind.WRITTEN;
	}

	/**
	 * What a fenced write did.
	 */
	public enum Kind {

		/** The record was written. */
		WRITTEN,

		/** The fence refused the write. */
		FENCED,

		/** A cancel request is pending; nothing was written. */
		CANCEL_REQUESTED

	}

}
