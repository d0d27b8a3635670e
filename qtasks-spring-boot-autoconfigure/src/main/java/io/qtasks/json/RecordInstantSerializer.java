package io.qtasks.json;

import java.time.Instant;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a task record's own instants with {@link IsoInstants}: the text the
 * application's mapper writes for them, without its formatter.
 *
 * @author QTasks contributors
 * @see TaskRecordMixin
 */
final class RecordInstantSerializer extends StdSerializer<Instant> {

	RecordInstantSerializer() {
		super(Instant.class);
	}

	@Override
	public void serialize(Instant value, JsonGenerator generator, SerializationContext context)
			throws JacksonException {
		generator.writeString(IsoInstants.format(value));
	}

}
