package io.qtasks.test.app;

import org.springframework.stereotype.Component;

/**
 * A component that is neither a task class nor a middleware: no {@code @QTasksTest} loads
 * it.
 *
 * @author QTasks contributors
 */
@Component
public class NewsletterController {

}
