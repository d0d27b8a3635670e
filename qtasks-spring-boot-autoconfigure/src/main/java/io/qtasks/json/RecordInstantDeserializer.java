package io.qtasks.json;

import java.time.Instant;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads a task record's own instants: the form {@link IsoInstants#format(Instant)} writes
 * by hand, anything else (an offset, a number, text that is no instant) with the
 * application's mapper, exactly as before, failures included.
 *
 * @author QTasks contributors
 * @see TaskRecordMixin
 */
final class RecordInstantDeserializer extends StdScalarDeserializer<Instant> {

	RecordInstantDeserializer() {
		super(Instant.class);
	}

	@Override
	public Instant deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
		if (parser.hasToken(JsonToken.VALUE_STRING)) {
			Instant instant = IsoInstants.parseUtc(parser.getString());
			if (instant != null) {
				return instant;
			}
		}
		return (Instant) context.findRootValueDeserializer(context.constructType(Instant.class))
			.deserialize(parser, context);
	}

}
