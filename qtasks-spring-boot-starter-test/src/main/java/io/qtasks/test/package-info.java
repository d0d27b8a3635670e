/**
 * Testing code that uses QTasks: the {@link io.qtasks.test.QTasksTest} slice, the
 * {@link io.qtasks.test.TaskRecorder} of enqueued tasks and the AssertJ assertions of
 * {@link io.qtasks.test.QTasksAssertions}.
 */
@NullMarked
package io.qtasks.test;

import org.jspecify.annotations.NullMarked;
