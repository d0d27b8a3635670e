package io.qtasks.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application as a user of QTasks would write it, for the tests of the test starter.
 *
 * @author QTasks contributors
 */
@SpringBootApplication
public class TestApplication {

}
