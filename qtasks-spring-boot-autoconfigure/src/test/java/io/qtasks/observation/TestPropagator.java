package io.qtasks.observation;

import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * A propagator for Micrometer's test tracer: writes the trace and span id of a context
 * into two fields and starts spans as children of what it reads back, as a real
 * propagator (W3C, B3) does with its own format.
 *
 * @author QTasks contributors
 */
class TestPropagator implements Propagator {

	static final String TRACE_ID = "test-trace-id";

	static final String SPAN_ID = "test-span-id";

	private final Tracer tracer;

	TestPropagator(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public List<String> fields() {
		return List.of(TRACE_ID, SPAN_ID);
	}

	@Override
	public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
		setter.set(carrier, TRACE_ID, context.traceId());
		setter.set(carrier, SPAN_ID, context.spanId());
	}

	@Override
	public <C> Span.Builder extract(C carrier, Getter<C> getter) {
		String traceId = getter.get(carrier, TRACE_ID);
		String spanId = getter.get(carrier, SPAN_ID);
		Span.Builder builder = this.tracer.spanBuilder();
		if (traceId == null || spanId == null) {
			return builder;
		}
		return builder
			.setParent(this.tracer.traceContextBuilder().traceId(traceId).spanId(spanId).sampled(true).build());
	}

}
