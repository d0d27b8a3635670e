package io.qtasks.invocation;

import io.qtasks.TaskDecoder;

/**
 * The default decoder: keeps the return value as it is, so it is stored as the JSON the
 * application's Jackson mapper writes for it (QTasks' {@code decode=json.dumps}).
 *
 * @author QTasks contributors
 */
public class JsonTaskDecoder implements TaskDecoder {

	@Override
	public Object decode(Object result) {
		return result;
	}

	@Override
	public String toString() {
		return "JsonTaskDecoder";
	}

}
