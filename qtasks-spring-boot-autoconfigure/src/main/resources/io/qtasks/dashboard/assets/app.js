/*
 * The QTasks dashboard. It reads and writes only the qtasks actuator endpoint, whose
 * address the page's <meta name="qtasks-endpoint"> gives relative to the page. Every
 * value it shows is data (task arguments are user input): the DOM is built with
 * createElement and text nodes, never from HTML strings.
 */
(function () {
	'use strict';

	var STATUSES = ['new', 'process', 'retry', 'success', 'error', 'cancel'];
	var OUTCOMES = ['success', 'error', 'cancel'];
	var UNFINISHED = ['new', 'process', 'retry'];
	var REQUEUEABLE = ['error', 'cancel'];
	var OVERVIEW_REFRESH_MS = 2000;
	var CHART_POINTS = 60;
	var PAGE_SIZE = 20;
	var MAX_LIMIT = 1000;
	var SVG = 'http://www.w3.org/2000/svg';

	var endpoint = absolute(document.querySelector('meta[name="qtasks-endpoint"]').getAttribute('content'));
	var view = document.getElementById('view');
	var state = { timer: null, writes: false, samples: [], rates: [], view: 0 };

	// an answer that arrives after the user moved on to another view is dropped
	function current(shown) {
		return function (value) {
			if (shown !== state.view) {
				throw new Superseded();
			}
			return value;
		};
	}

	function Superseded() {
	}

	function absolute(relative) {
		var anchor = document.createElement('a');
		anchor.href = relative;
		return anchor.href.replace(/\/$/, '');
	}

	// ---- DOM helpers -------------------------------------------------------------

	function el(tag, props) {
		var node = document.createElement(tag);
		if (props) {
			Object.keys(props).forEach(function (key) {
				var value = props[key];
				if (value === undefined || value === null || value === false) {
					return;
				}
				if (key === 'class') {
					node.className = value;
				}
				else if (key === 'text') {
					node.textContent = String(value);
				}
				else if (key.indexOf('on') === 0) {
					node.addEventListener(key.substring(2), value);
				}
				else {
					node.setAttribute(key, value === true ? '' : String(value));
				}
			});
		}
		for (var i = 2; i < arguments.length; i++) {
			append(node, arguments[i]);
		}
		return node;
	}

	function append(node, child) {
		if (child === undefined || child === null || child === false) {
			return;
		}
		if (Array.isArray(child)) {
			child.forEach(function (each) {
				append(node, each);
			});
			return;
		}
		node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
	}

	function svg(tag, attributes) {
		var node = document.createElementNS(SVG, tag);
		Object.keys(attributes || {}).forEach(function (key) {
			node.setAttribute(key, String(attributes[key]));
		});
		return node;
	}

	function replace(node, children) {
		while (node.firstChild) {
			node.removeChild(node.firstChild);
		}
		append(node, children);
	}

	function link(hash, text, props) {
		var attributes = { href: hash };
		Object.keys(props || {}).forEach(function (key) {
			attributes[key] = props[key];
		});
		return el('a', attributes, text);
	}

	function taskHash(uuid) {
		return '#/task/' + encodeURIComponent(uuid);
	}

	function statusBadge(status) {
		return el('span', { class: 'status ' + (STATUSES.indexOf(status) >= 0 ? status : 'new') }, status);
	}

	function json(value) {
		return JSON.stringify(value, null, 2);
	}

	function compact(value) {
		return JSON.stringify(value);
	}

	function time(value) {
		if (!value) {
			return '';
		}
		var date = new Date(value);
		return isNaN(date.getTime()) ? String(value) : date.toLocaleString();
	}

	function ago(value) {
		var seconds = Math.round((Date.now() - new Date(value).getTime()) / 1000);
		return isNaN(seconds) ? '' : Math.max(0, seconds) + ' s ago';
	}

	function table(headers, rows, emptyText) {
		if (!rows.length) {
			return el('p', { class: 'muted' }, emptyText || 'None.');
		}
		return el('div', { class: 'table-wrap' }, el('table', null,
			el('thead', null, el('tr', null, headers.map(function (header) {
				return el('th', { class: header.class }, header.text);
			}))),
			el('tbody', null, rows)));
	}

	function card(title, content, wide) {
		return el('section', { class: wide ? 'card wide' : 'card' }, el('h2', null, title), content);
	}

	// ---- messages and confirmation ------------------------------------------------

	function say(text, ok) {
		var message = document.getElementById('message');
		message.textContent = text;
		message.className = ok ? 'message ok' : 'message';
		message.hidden = !text;
	}

	function confirmAction(text) {
		var modal = document.getElementById('confirm');
		var yes = document.getElementById('confirm-yes');
		var no = document.getElementById('confirm-no');
		document.getElementById('confirm-text').textContent = text;
		modal.hidden = false;
		yes.focus();
		return new Promise(function (resolve) {
			function done(answer) {
				modal.hidden = true;
				yes.removeEventListener('click', onYes);
				no.removeEventListener('click', onNo);
				resolve(answer);
			}
			function onYes() {
				done(true);
			}
			function onNo() {
				done(false);
			}
			yes.addEventListener('click', onYes);
			no.addEventListener('click', onNo);
		});
	}

	// ---- the endpoint ---------------------------------------------------------------

	function request(method, path, body) {
		return new Promise(function (resolve, reject) {
			var xhr = new XMLHttpRequest();
			xhr.open(method, endpoint + path);
			xhr.withCredentials = true;
			xhr.setRequestHeader('Accept', 'application/json');
			// asks Spring Security for a plain 401, not a browser's sign-in prompt
			xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
			if (method !== 'GET') {
				xhr.setRequestHeader('Content-Type', 'application/json');
				var token = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
				if (token) {
					xhr.setRequestHeader('X-XSRF-TOKEN', decodeURIComponent(token[1]));
				}
			}
			xhr.onload = function () {
				var data = null;
				try {
					data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
				}
				catch (ex) {
					data = null;
				}
				// 202 (a cancel a running task has yet to honour) and 409 (already
				// finished) carry an outcome to show
				if ((xhr.status >= 200 && xhr.status < 300) || xhr.status === 409) {
					resolve({ status: xhr.status, data: data });
					return;
				}
				var reason = (data && (data.message || data.error)) || xhr.statusText || 'no answer';
				var error = new Error(xhr.status + ' ' + reason);
				error.status = xhr.status;
				reject(error);
			};
			xhr.onerror = function () {
				reject(new Error('the endpoint could not be reached'));
			};
			xhr.send(body === undefined ? null : JSON.stringify(body));
		});
	}

	function get(path) {
		return request('GET', path).then(function (answer) {
			return answer.data;
		});
	}

	function query(params) {
		var parts = Object.keys(params).filter(function (key) {
			return params[key] !== undefined && params[key] !== null && params[key] !== '';
		}).map(function (key) {
			return encodeURIComponent(key) + '=' + encodeURIComponent(params[key]);
		});
		return parts.length ? '?' + parts.join('&') : '';
	}

	function overview(params) {
		return get(query(params || { limit: PAGE_SIZE })).then(function (data) {
			state.writes = data.writes === true;
			document.getElementById('nav-schedules').hidden = !Array.isArray(data.schedules);
			return data;
		});
	}

	function act(confirmText, method, path, body, doneText) {
		return confirmAction(confirmText).then(function (confirmed) {
			if (!confirmed) {
				return false;
			}
			return request(method, path, body).then(function (answer) {
				var outcome = answer.data && answer.data.outcome;
				say(doneText + (outcome ? ' (' + outcome + ')' : ''), answer.status < 300);
				return true;
			});
		}).catch(failed).then(function () {
			route();
		});
	}

	function cancelTask(task) {
		return act('Cancel task ' + task.taskName + ' ' + task.uuid + '?', 'DELETE', '/' + encodeURIComponent(task.uuid),
			undefined, 'Cancel sent for ' + task.uuid);
	}

	function requeueTask(task) {
		return act('Requeue task ' + task.taskName + ' ' + task.uuid + '?', 'POST', '/' + encodeURIComponent(task.uuid),
			undefined, 'Requeued ' + task.uuid);
	}

	function taskActions(task, small) {
		if (!state.writes) {
			return null;
		}
		var className = small ? 'small' : undefined;
		var buttons = [];
		if (UNFINISHED.indexOf(task.status) >= 0) {
			buttons.push(el('button', { type: 'button', class: className, 'data-action': 'cancel',
				onclick: function () { cancelTask(task); } }, 'Cancel'));
		}
		if (REQUEUEABLE.indexOf(task.status) >= 0) {
			buttons.push(el('button', { type: 'button', class: className, 'data-action': 'requeue',
				onclick: function () { requeueTask(task); } }, 'Requeue'));
		}
		return buttons.length ? el('span', { class: 'actions' }, buttons) : null;
	}

	function failed(error) {
		if (error instanceof Superseded) {
			return;
		}
		say('The qtasks endpoint answered: ' + (error && error.message ? error.message : error), false);
	}

	// ---- overview ---------------------------------------------------------------

	function showOverview() {
		var counts = el('div', { class: 'counts', id: 'counts' }, STATUSES.map(function (status) {
			return el('a', { class: 'count ' + status, href: '#/tasks' + query({ status: status }) },
				el('span', { class: 'value', id: 'count-' + status }, '–'), el('span', { class: 'label' }, status));
		}));
		var chart = el('div', { class: 'chart', id: 'chart' });
		var queue = el('div', { id: 'queue' });
		var queues = el('section', { class: 'card wide', id: 'queues', hidden: true });
		var nodes = el('div', { id: 'nodes' });
		var definitions = el('div', { id: 'definitions' });
		var newest = el('div', { id: 'newest' });
		var bulk = el('div', { id: 'bulk' });
		replace(view, [el('h1', null, 'Overview ', el('span', { class: 'muted', id: 'broker' })), counts,
			el('div', { class: 'grid' }, card('Finished per second', chart, true)),
			el('div', { class: 'grid split' }, card('Queue', queue), card('Live nodes', nodes), queues),
			bulk, card('Newest tasks', newest, true), el('div', { class: 'grid' }, card('Tasks', definitions, true))]);

		var shown = state.view;
		function refresh() {
			overview({ limit: 10 }).then(current(shown)).then(function (data) {
				document.getElementById('broker').textContent = data.broker ? '(' + data.broker + ' engine)' : '';
				STATUSES.forEach(function (status) {
					var value = data.counts && data.counts[status] !== undefined ? data.counts[status] : 0;
					document.getElementById('count-' + status).textContent = String(value);
				});
				sample(data.counts || {});
				drawChart(chart);
				replace(queue, queueView(data.queue));
				showQueues(queues, data.queues);
				replace(nodes, nodesView(data.nodes || []));
				replace(definitions, definitionsView(data.definitions || []));
				replace(newest, tasksTable(data.tasks || []));
				replace(bulk, bulkView(data));
			}).catch(failed);
			state.timer = setTimeout(refresh, OVERVIEW_REFRESH_MS);
		}
		refresh();
	}

	function sample(counts) {
		var now = Date.now();
		var last = state.samples[state.samples.length - 1];
		if (last && now - last.t > OVERVIEW_REFRESH_MS * 5) {
			state.samples = [];
			state.rates = [];
			last = null;
		}
		var current = { t: now };
		OUTCOMES.forEach(function (outcome) {
			current[outcome] = Number(counts[outcome] || 0);
		});
		if (last) {
			var seconds = Math.max((now - last.t) / 1000, 0.001);
			var rate = { t: now };
			OUTCOMES.forEach(function (outcome) {
				// records that expire lower the counts; that is no negative rate
				rate[outcome] = Math.max(0, current[outcome] - last[outcome]) / seconds;
			});
			state.rates.push(rate);
			if (state.rates.length > CHART_POINTS) {
				state.rates.shift();
			}
		}
		state.samples = [current];
	}

	function drawChart(container) {
		var width = 600;
		var height = 160;
		var top = 10;
		var bottom = height - 20;
		var max = 1;
		state.rates.forEach(function (rate) {
			OUTCOMES.forEach(function (outcome) {
				max = Math.max(max, rate[outcome]);
			});
		});
		var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img',
			'aria-label': 'Tasks finished per second by outcome', preserveAspectRatio: 'none' });
		chart.appendChild(svg('line', { class: 'axis', x1: 0, y1: bottom, x2: width, y2: bottom }));
		chart.appendChild(svg('line', { class: 'axis', x1: 0, y1: top, x2: width, y2: top }));
		var step = width / (CHART_POINTS - 1);
		var offset = CHART_POINTS - state.rates.length;
		OUTCOMES.forEach(function (outcome) {
			var points = state.rates.map(function (rate, i) {
				var x = (offset + i) * step;
				var y = bottom - (rate[outcome] / max) * (bottom - top);
				return x.toFixed(1) + ',' + y.toFixed(1);
			});
			if (points.length) {
				chart.appendChild(svg('polyline', { class: 'series ' + outcome, 'data-outcome': outcome,
					points: points.join(' ') }));
			}
		});
		var latest = state.rates[state.rates.length - 1];
		replace(container, [chart, el('div', { class: 'legend' }, OUTCOMES.map(function (outcome) {
			return el('span', null, el('span', { class: 'swatch ' + outcome }), outcome + ' ',
				el('span', { class: 'mono', id: 'rate-' + outcome }, latest ? formatRate(latest[outcome]) : '–'));
		}), el('span', { id: 'chart-scale' }, state.rates.length ? 'top line: ' + formatRate(max) + '/s' : 'measuring…'))]);
	}

	function formatRate(value) {
		return value >= 10 ? value.toFixed(0) : value.toFixed(1);
	}

	function queueView(queue) {
		if (!queue) {
			return el('p', { class: 'muted' }, 'No queue information.');
		}
		var priorities = Object.keys(queue.byPriority || {});
		return [el('dl', { class: 'fields' }, el('dt', null, 'Due'), el('dd', { id: 'queue-depth' }, queue.depth),
			el('dt', null, 'Waiting for a time'), el('dd', { id: 'queue-waiting' }, queue.waiting)),
			table([{ text: 'Priority' }, { text: 'Due tasks', class: 'num' }], priorities.map(function (priority) {
				return el('tr', null, el('td', null, priority), el('td', { class: 'num' }, queue.byPriority[priority]));
			}), 'Nothing due.')];
	}

	function showQueues(section, queues) {
		if (!queues || typeof queues !== 'object') {
			section.hidden = true;
			return;
		}
		section.hidden = false;
		replace(section, [el('h2', null, 'Queues'), table([{ text: 'Queue' }, { text: 'Due', class: 'num' },
			{ text: 'Running', class: 'num' }, { text: 'Held by a limit', class: 'num' }],
			Object.keys(queues).map(function (name) {
				var queue = queues[name] || {};
				return el('tr', null, el('td', null, link('#/tasks' + query({ queue: name }), name)),
					el('td', { class: 'num' }, queue.depth), el('td', { class: 'num' }, queue.running),
					el('td', { class: 'num' }, queue.waitingForLimit));
			}), 'No queues.')]);
	}

	function nodesView(nodes) {
		return table([{ text: 'Node' }, { text: 'Host', class: 'optional' }, { text: 'In flight', class: 'num' },
			{ text: 'Concurrency', class: 'num' }, { text: 'Started', class: 'optional' }, { text: 'Heartbeat' },
			{ text: 'Tasks', class: 'optional' }], nodes.map(function (node) {
			return el('tr', null, el('td', { class: 'mono' }, node.id), el('td', { class: 'optional' }, node.host),
				el('td', { class: 'num' }, node.inFlight), el('td', { class: 'num' }, node.concurrency),
				el('td', { class: 'optional' }, time(node.startedAt)), el('td', null, ago(node.lastHeartbeat)),
				el('td', { class: 'optional' }, (node.tasks || []).join(', ')));
		}), 'No live worker node.');
	}

	function definitionsView(definitions) {
		var flow = definitions.some(function (definition) {
			return definition.flow;
		});
		var headers = [{ text: 'Task' }, { text: 'Priority', class: 'num' }, { text: 'Retry', class: 'num' },
			{ text: 'Timeout', class: 'optional' }, { text: 'Tags', class: 'optional' }];
		if (flow) {
			headers.push({ text: 'Queue' }, { text: 'Cap', class: 'num' }, { text: 'Rate' });
		}
		return table(headers, definitions.map(function (definition) {
			var cells = [el('td', null, link('#/tasks' + query({ task: definition.name }), definition.name)),
				el('td', { class: 'num' }, definition.priority), el('td', { class: 'num' }, definition.retry),
				el('td', { class: 'optional' }, definition.timeout || ''),
				el('td', { class: 'optional' }, (definition.tags || []).join(', '))];
			if (flow) {
				var limits = definition.flow || {};
				cells.push(el('td', null, limits.queue || ''),
					el('td', { class: 'num' }, limits.maxConcurrency === null || limits.maxConcurrency === undefined
						? '' : limits.maxConcurrency), el('td', null, limits.rateLimit || ''));
			}
			return el('tr', null, cells);
		}), 'No @QTask on this node.');
	}

	function bulkView(data) {
		// the bulk requeue came with the named queues: an endpoint that lists them has it
		var failures = data.counts && data.counts.error;
		if (!state.writes || !failures || !data.queues) {
			return null;
		}
		return el('div', { class: 'actions' }, el('button', { type: 'button', id: 'requeue-failed',
			onclick: function () {
				act('Requeue all ' + failures + ' failed task(s)?', 'POST', query({ status: 'error' }), {},
					'Requeued the failed tasks');
			} }, 'Requeue all failed tasks'));
	}

	// ---- task lists ----------------------------------------------------------------

	function tasksTable(tasks) {
		return table([{ text: 'Task' }, { text: 'Name' }, { text: 'Status' }, { text: 'Arguments' },
			{ text: 'Attempt', class: 'num optional' }, { text: 'Updated', class: 'optional' }, { text: '' }],
			tasks.map(function (task) {
				var args = compact(task.args || []) + (task.kwargs && Object.keys(task.kwargs).length
					? ' ' + compact(task.kwargs) : '');
				return el('tr', { 'data-uuid': task.uuid },
					el('td', { class: 'mono' }, link(taskHash(task.uuid), task.uuid.substring(0, 8), { title: task.uuid })),
					el('td', null, task.taskName), el('td', null, statusBadge(task.status)),
					el('td', { class: 'args mono', title: args }, args),
					el('td', { class: 'num optional' }, task.attempt), el('td', { class: 'optional' }, time(task.updatedAt)),
					el('td', null, taskActions(task, true)));
			}), 'No task matches.');
	}

	function showTasks(params) {
		var limit = Math.min(Number(params.limit) || PAGE_SIZE, MAX_LIMIT);
		overview({ status: params.status, task: params.task, limit: limit }).then(current(state.view)).then(function (data) {
			var tasks = (data.tasks || []).filter(function (task) {
				// a task of the default queue names none
				return !params.queue || ((task.extra && task.extra.queue) || 'default') === params.queue;
			});
			var statusSelect = el('select', { id: 'filter-status', name: 'status' }, el('option', { value: '' }, 'any'),
				STATUSES.map(function (status) {
					return el('option', { value: status, selected: status === params.status }, status);
				}));
			var names = (data.definitions || []).map(function (definition) {
				return definition.name;
			});
			if (params.task && names.indexOf(params.task) < 0) {
				names.push(params.task);
			}
			var taskSelect = el('select', { id: 'filter-task', name: 'task' }, el('option', { value: '' }, 'any'),
				names.map(function (name) {
					return el('option', { value: name, selected: name === params.task }, name);
				}));
			var queueSelect = data.queues ? el('select', { id: 'filter-queue', name: 'queue' },
				el('option', { value: '' }, 'any'), Object.keys(data.queues).map(function (name) {
					return el('option', { value: name, selected: name === params.queue }, name);
				})) : null;
			function go(newLimit) {
				location.hash = '#/tasks' + query({ status: statusSelect.value, task: taskSelect.value,
					queue: queueSelect ? queueSelect.value : '', limit: newLimit });
			}
			[statusSelect, taskSelect, queueSelect].forEach(function (select) {
				if (select) {
					select.addEventListener('change', function () { go(); });
				}
			});
			var more = (data.tasks || []).length >= limit && limit < MAX_LIMIT
				? el('button', { type: 'button', id: 'more', onclick: function () {
					go(Math.min(limit + PAGE_SIZE, MAX_LIMIT));
				} }, 'Show more') : null;
			replace(view, [el('h1', null, 'Tasks'),
				el('div', { class: 'filters' }, el('label', null, 'Status', statusSelect),
					el('label', null, 'Task', taskSelect), queueSelect ? el('label', null, 'Queue', queueSelect) : null,
					el('button', { type: 'button', onclick: route }, 'Refresh')),
				el('p', { class: 'muted' }, 'Newest first, ' + tasks.length + ' shown.'),
				el('div', { class: 'card', id: 'task-list' }, tasksTable(tasks)), more]);
		}).catch(failed);
	}

	// ---- one task ------------------------------------------------------------------

	function showTask(uuid) {
		Promise.all([get('/' + encodeURIComponent(uuid)), overview({ limit: 1 })]).then(current(state.view))
			.then(function (answers) {
			var task = answers[0];
			var extra = {};
			Object.keys(task.extra || {}).forEach(function (key) {
				extra[key] = task.extra[key];
			});
			var attempts = Array.isArray(extra.attempts) ? extra.attempts : [];
			var workflow = extra.workflow;
			var schedule = extra.schedule;
			delete extra.attempts;
			delete extra.workflow;
			delete extra.schedule;
			replace(view, [el('h1', null, task.taskName, ' ', statusBadge(task.status)),
				taskActions(task, false),
				el('div', { class: 'grid' },
					card('Record', el('dl', { class: 'fields', id: 'task-fields' },
						field('uuid', el('span', { class: 'mono' }, task.uuid)), field('status', task.status),
						field('priority', task.priority), field('attempt', task.attempt + ' of at most ' + (task.retry + 1)),
						field('deliveries', extra.deliveries === undefined ? '' : extra.deliveries),
						field('created', time(task.createdAt)), field('updated', time(task.updatedAt)),
						task.cancelReason ? field('cancel reason', el('span', { id: 'cancel-reason' }, task.cancelReason))
							: null)),
					card('Arguments', [el('pre', { id: 'task-args' }, json(task.args || [])),
						task.kwargs && Object.keys(task.kwargs).length ? el('pre', { id: 'task-kwargs' }, json(task.kwargs)) : null])),
				task.traceback ? card('Traceback', el('pre', { id: 'traceback' }, task.traceback), true) : null,
				task.returning !== null && task.returning !== undefined
					? card('Result', el('pre', { id: 'returning' }, json(task.returning)), true) : null,
				card('Attempts', attemptsView(attempts), true),
				workflow ? card('Workflow', workflowView(workflow), true) : null,
				schedule ? card('Schedule', el('pre', { id: 'task-schedule' }, json(schedule)), true) : null,
				Object.keys(extra).length ? card('Extra', el('pre', { id: 'task-extra' }, json(extra)), true) : null]);
		}).catch(function (error) {
			if (error.status === 404 && !(error instanceof Superseded)) {
				replace(view, [el('h1', null, 'No such task'), el('p', { class: 'muted' }, 'No task has the uuid ' + uuid
					+ ', or its record has expired.')]);
				return;
			}
			failed(error);
		});
	}

	function field(name, value) {
		return [el('dt', null, name), el('dd', null, value)];
	}

	function attemptsView(attempts) {
		var keys = ['attempt', 'node', 'startedAt', 'endedAt', 'error'];
		attempts.forEach(function (attempt) {
			Object.keys(attempt).forEach(function (key) {
				if (keys.indexOf(key) < 0) {
					keys.push(key);
				}
			});
		});
		return table(keys.map(function (key) {
			return { text: key };
		}), attempts.map(function (attempt) {
			return el('tr', null, keys.map(function (key) {
				var value = attempt[key];
				if (key === 'startedAt' || key === 'endedAt') {
					value = time(value);
				}
				return el('td', { class: key === 'error' ? 'mono' : undefined },
					value === undefined || value === null ? '' : (typeof value === 'object' ? compact(value) : value));
			}));
		}), 'No attempt yet.');
	}

	function workflowView(workflow) {
		var states = Array.isArray(workflow.states) ? workflow.states : [];
		function uuids(list) {
			return (Array.isArray(list) ? list : []).map(function (uuid, i) {
				return [i ? ', ' : '', link(taskHash(uuid), String(uuid).substring(0, 8), { title: uuid })];
			});
		}
		return [el('dl', { class: 'fields', id: 'workflow' },
			field('id', el('span', { class: 'mono' }, workflow.id || '')), field('kind', workflow.kind || ''),
			field('step', (workflow.step === undefined ? '' : Number(workflow.step) + 1)
				+ (Array.isArray(workflow.steps) ? ' of ' + workflow.steps.length : '')),
			field('after', uuids(workflow.after)), field('then', uuids(workflow.then)),
			field('held', workflow.held ? 'yes, until the steps before it end' : 'no')),
			states.length ? table([{ text: 'Step' }, { text: 'Task' }, { text: 'Status' }], states.map(function (step, i) {
				return el('tr', null, el('td', null, i + 1),
					el('td', null, link(taskHash(step.uuid), step.taskName || step.uuid)), el('td', null, statusBadge(step.status)));
			})) : null];
	}

	// ---- schedules -----------------------------------------------------------------

	function showSchedules() {
		overview({ limit: 1 }).then(current(state.view)).then(function (data) {
			if (!Array.isArray(data.schedules)) {
				replace(view, [el('h1', null, 'Schedules'), el('p', { class: 'muted' },
					'This version of the qtasks endpoint lists no schedules.')]);
				return;
			}
			replace(view, [el('h1', null, 'Schedules'), el('div', { class: 'card', id: 'schedules' },
				table([{ text: 'Name' }, { text: 'Task' }, { text: 'When' }, { text: 'Next due' },
					{ text: 'Last due', class: 'optional' }, { text: 'State' }, { text: '' }],
				data.schedules.map(function (schedule) {
					var when = schedule.cron ? schedule.cron + (schedule.zone ? ' (' + schedule.zone + ')' : '')
						: 'every ' + (schedule.fixedRate || '?');
					return el('tr', null, el('td', null, schedule.name),
						el('td', null, link('#/tasks' + query({ task: schedule.task }), schedule.task)),
						el('td', { class: 'mono' }, when), el('td', null, time(schedule.nextDueAt)),
						el('td', { class: 'optional' }, schedule.lastTaskUuid
							? link(taskHash(schedule.lastTaskUuid), time(schedule.lastDueAt)) : time(schedule.lastDueAt)),
						el('td', null, schedule.paused ? 'paused' : 'active'), el('td', null, scheduleActions(schedule)));
				}), 'No schedule.'))]);
		}).catch(failed);
	}

	function scheduleActions(schedule) {
		if (!state.writes) {
			return null;
		}
		var pause = !schedule.paused;
		return el('button', { type: 'button', class: 'small', onclick: function () {
			act((pause ? 'Pause' : 'Resume') + ' schedule ' + schedule.name + '?', 'POST',
				'/schedules/' + encodeURIComponent(schedule.name), { paused: pause },
				(pause ? 'Paused ' : 'Resumed ') + schedule.name);
		} }, pause ? 'Pause' : 'Resume');
	}

	// ---- routing -------------------------------------------------------------------

	function params(text) {
		var result = {};
		(text || '').split('&').forEach(function (pair) {
			if (!pair) {
				return;
			}
			var at = pair.indexOf('=');
			var key = decodeURIComponent((at >= 0 ? pair.substring(0, at) : pair).replace(/\+/g, ' '));
			result[key] = at >= 0 ? decodeURIComponent(pair.substring(at + 1).replace(/\+/g, ' ')) : '';
		});
		return result;
	}

	function route() {
		clearTimeout(state.timer);
		state.timer = null;
		state.view++;
		var hash = location.hash.replace(/^#/, '') || '/';
		var queryAt = hash.indexOf('?');
		var path = queryAt >= 0 ? hash.substring(0, queryAt) : hash;
		var search = queryAt >= 0 ? hash.substring(queryAt + 1) : '';
		var name = 'overview';
		if (path.indexOf('/task/') === 0) {
			name = 'task';
			showTask(decodeURIComponent(path.substring('/task/'.length)));
		}
		else if (path === '/tasks') {
			name = 'tasks';
			showTasks(params(search));
		}
		else if (path === '/schedules') {
			name = 'schedules';
			showSchedules();
		}
		else {
			showOverview();
		}
		Array.prototype.forEach.call(document.querySelectorAll('.bar nav a'), function (navLink) {
			var current = navLink.getAttribute('data-view') === name
				|| (name === 'task' && navLink.getAttribute('data-view') === 'tasks');
			navLink.className = current ? 'active' : '';
		});
	}

	document.getElementById('search').addEventListener('submit', function (event) {
		event.preventDefault();
		var uuid = document.getElementById('search-uuid').value.trim();
		if (uuid) {
			location.hash = taskHash(uuid);
		}
	});
	window.addEventListener('hashchange', function () {
		say('');
		route();
	});
	route();
})();
