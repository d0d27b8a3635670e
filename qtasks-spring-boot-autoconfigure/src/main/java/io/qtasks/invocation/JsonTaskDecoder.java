package io.qtasks.invocation;

import org.jspecify.annotations.Nullable;

import io.qtasks.TaskDecoder;

/**
 * The default decoder: keeps the return value as it is, so it is stored as the JSON the
 * application's Jackson mapper writes for it (QTasks' {@code decode=json.dumps}).
 *
 * @author QTasks contributors
 */
public class JsonTaskDecoder implements TaskDecoder {

	@Override
	public @Nullable Object decode(@Nullable Object result) {
		return result;
	}

	@Override
	public String toString() {
		return "JsonTaskDecoder";
	}

}
