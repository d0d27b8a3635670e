package io.qtasks.worker;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claiming role passed between pool threads: held while it passes, ended by the last
 * leader, and stopped by interrupting only the thread that leads.
 *
 * @author QTasks contributors
 */
class ClaimLeadershipTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ClaimLeadership leadership = new ClaimLeadership();

	@Test
	void isHeldFromTheStartWhileItPassesToTheNextThread() throws InterruptedException {
		this.leadership.begin();
		assertThat(this.leadership.isHeld()).isTrue();
		runOnNewThread(() -> {
			assertThat(this.leadership.takeOn()).isTrue();
			this.leadership.stepDown();
		});
		assertThat(this.leadership.isHeld()).as("stepped down, successor not started yet").isTrue();
		runOnNewThread(() -> {
			assertThat(this.leadership.takeOn()).isTrue();
			this.leadership.ended();
		});
		assertThat(this.leadership.isHeld()).isFalse();
		assertThat(this.leadership.awaitEnded(WAIT)).isTrue();
	}

	@Test
	void stopInterruptsTheThreadThatLeadsAndTheRoleEndsWithIt() throws InterruptedException {
		this.leadership.begin();
		CountDownLatch leading = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		Thread leader = new Thread(() -> {
			this.leadership.takeOn();
			leading.countDown();
			try {
				Thread.sleep(WAIT.toMillis());
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
			this.leadership.ended();
		});
		leader.start();
		assertThat(leading.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		this.leadership.stop();
		assertThat(this.leadership.awaitEnded(WAIT)).isTrue();
		leader.join(WAIT.toMillis());
		assertThat(interrupted).isTrue();
	}

	@Test
	void stopDoesNotInterruptAThreadThatSteppedDownToRunATask() throws InterruptedException {
		this.leadership.begin();
		CountDownLatch steppedDown = new CountDownLatch(1);
		CountDownLatch stopped = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		Thread runner = new Thread(() -> {
			this.leadership.takeOn();
			this.leadership.stepDown();
			steppedDown.countDown();
			try {
				stopped.await();
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
		});
		runner.start();
		assertThat(steppedDown.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		this.leadership.stop();
		stopped.countDown();
		runner.join(WAIT.toMillis());
		assertThat(interrupted).isFalse();
	}

	@Test
	void aSuccessorThatStartsAfterTheStopEndsTheRole() throws InterruptedException {
		this.leadership.begin();
		runOnNewThread(() -> {
			this.leadership.takeOn();
			this.leadership.stepDown();
		});
		this.leadership.stop();
		runOnNewThread(() -> assertThat(this.leadership.takeOn()).isFalse());
		assertThat(this.leadership.isHeld()).isFalse();
	}

	@Test
	void stepDownClearsAnInterruptMeantForTheLeader() throws InterruptedException {
		this.leadership.begin();
		AtomicBoolean interruptedAfterStepDown = new AtomicBoolean(true);
		runOnNewThread(() -> {
			this.leadership.takeOn();
			Thread.currentThread().interrupt();
			this.leadership.stepDown();
			interruptedAfterStepDown.set(Thread.currentThread().isInterrupted());
		});
		assertThat(interruptedAfterStepDown).isFalse();
	}

	/**
	 * Runs an action on a thread of its own and waits for it, failing the test with what
	 * it threw.
	 */
	private static void runOnNewThread(Runnable action) throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread thread = new Thread(() -> {
			try {
				action.run();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		thread.start();
		thread.join(WAIT.toMillis());
		assertThat(thread.isAlive()).isFalse();
		assertThat(failure.get()).isNull();
	}

}
