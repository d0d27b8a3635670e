package io.qtasks.json;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

import io.qtasks.Task;

/**
 * The annotations the engines' record mapper adds to {@link Task}: its {@code createdAt}
 * and {@code updatedAt} written and read with {@link IsoInstants}. Only these two
 * properties: instants inside a record's arguments, result or extra are JSON values
 * already, and every other mapper writes a {@code Task} as before.
 *
 * @author QTasks contributors
 * @see TaskJsonMapper#getRecordMapper()
 */
abstract class TaskRecordMixin {

	@JsonSerialize(using = RecordInstantSerializer.class)
	@JsonDeserialize(using = RecordInstantDeserializer.class)
	abstract @Nullable Instant createdAt();

	@JsonSerialize(using = RecordInstantSerializer.class)
	@JsonDeserialize(using = RecordInstantDeserializer.class)
	abstract @Nullable Instant updatedAt();

}
