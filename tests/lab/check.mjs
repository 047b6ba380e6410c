// JupyterLab's own kernel client, @jupyterlab/services 7 (the one
// JupyterLab 4 runs in the browser), drives the Go kernel through a
// Jupyter server's REST and WebSocket API, the way JupyterLab does:
// kernel info, execution with results, streams, displays and their live
// updates (also from a goroutine after the cell ended), errors, stdin,
// completion, inspection, is_complete, history, comms, interrupt, restart
// and shutdown. It prints one line per check and exits 1 if any failed.
//
// Usage: JUPYTER_URL=http://127.0.0.1:8888/ node check.mjs

import { KernelManager, ServerConnection } from '@jupyterlab/services';
import WebSocket from 'ws';

const url = process.env.JUPYTER_URL;
if (!url) {
  console.error('JUPYTER_URL is not set');
  process.exit(2);
}
const serverSettings = ServerConnection.makeSettings({
  baseUrl: url,
  wsUrl: url.replace(/^http/, 'ws'),
  WebSocket,
  token: '',
  appendToken: false,
});

let failed = 0;
function check(name, ok, detail) {
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : ': ' + JSON.stringify(detail)}`);
}

// run executes code and returns its reply and iopub messages.
async function run(kernel, code, { stdin, allowStdin = false } = {}) {
  const msgs = [];
  const future = kernel.requestExecute({ code, allow_stdin: allowStdin, stop_on_error: false });
  future.onIOPub = (m) => msgs.push(m);
  if (stdin) future.onStdin = (m) => future.sendInputReply({ status: 'ok', value: stdin }, m.header);
  const reply = await future.done;
  return { reply: reply.content, msgs };
}

const of = (msgs, type) => msgs.filter((m) => m.header.msg_type === type);

// waitFor resolves with the first iopub message pred accepts, or null.
function waitFor(kernel, pred, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => { kernel.iopubMessage.disconnect(slot); resolve(null); }, ms);
    const slot = (_, m) => {
      if (pred(m)) {
        clearTimeout(timer);
        kernel.iopubMessage.disconnect(slot);
        resolve(m);
      }
    };
    kernel.iopubMessage.connect(slot);
  });
}

const manager = new KernelManager({ serverSettings });
await manager.ready;
const kernel = await manager.startNew({ name: 'fountain' });
try {
  await new Promise((resolve, reject) => {
    if (kernel.connectionStatus === 'connected') return resolve();
    const timer = setTimeout(() => reject(new Error('no connection to the kernel')), 30000);
    kernel.connectionStatusChanged.connect((_, status) => {
      if (status === 'connected') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const info = (await kernel.requestKernelInfo()).content;
  check('kernel_info', info.status === 'ok' && info.language_info.name === 'go' &&
    info.language_info.mimetype === 'text/x-go', info);

  let r = await run(kernel, 'x := 20\nx + 22');
  const res = of(r.msgs, 'execute_result');
  check('execute_result', r.reply.status === 'ok' && res.length === 1 &&
    res[0].content.data['text/plain'] === '42' && res[0].content.execution_count === r.reply.execution_count, r);

  r = await run(kernel, 'fmt.Println("hello")');
  check('stream', of(r.msgs, 'stream').map((m) => m.content.text).join('') === 'hello\n', r.msgs);

  const states = of(r.msgs, 'status').map((m) => m.content.execution_state);
  check('status busy then idle', states[0] === 'busy' && states[states.length - 1] === 'idle', states);

  r = await run(kernel, 'h := display.Show(display.HTML("<b>a</b>"))\nh.Update(display.HTML("<b>b</b>"))');
  const shown = of(r.msgs, 'display_data');
  const id = shown.length === 1 && shown[0].content.transient && shown[0].content.transient.display_id;
  const upd = of(r.msgs, 'update_display_data');
  check('display and update', id && upd.length === 1 && upd[0].content.transient.display_id === id &&
    upd[0].content.data['text/html'] === '<b>b</b>', r.msgs);

  const late = waitFor(kernel, (m) => m.header.msg_type === 'update_display_data' &&
    m.content.transient.display_id === id && m.content.data['text/plain'] === 'late', 5000);
  r = await run(kernel, 'go func() { time.Sleep(300 * time.Millisecond); h.Update(display.Text("late")) }()');
  check('update from a goroutine after the cell', r.reply.status === 'ok' && (await late) !== null, r.reply);

  r = await run(kernel, 'func boom() { panic("no") }\nboom()');
  check('error', r.reply.status === 'error' && of(r.msgs, 'error').length === 1 &&
    r.reply.evalue.includes('no'), r.reply);

  r = await run(kernel, 'fmt.Print("Name: ")\nvar s string\nfmt.Scanln(&s)\nstrings.ToUpper(s)', { stdin: 'ada', allowStdin: true });
  const val = of(r.msgs, 'execute_result');
  check('stdin', val.length === 1 && val[0].content.data['text/plain'] === 'ADA', r);

  const comp = (await kernel.requestComplete({ code: 'strings.ToU', cursor_pos: 11 })).content;
  check('complete', comp.status === 'ok' && comp.matches.some((m) => m.endsWith('ToUpper')), comp);

  const insp = (await kernel.requestInspect({ code: 'strings.ToUpper', cursor_pos: 10, detail_level: 0 })).content;
  check('inspect', insp.status === 'ok' && insp.found && insp.data['text/plain'].includes('ToUpper'), insp);

  const inc = (await kernel.requestIsComplete({ code: 'func f() {' })).content;
  check('is_complete', inc.status === 'incomplete', inc);

  const hist = (await kernel.requestHistory({ hist_access_type: 'tail', n: 3, raw: true, output: false })).content;
  check('history', hist.status === 'ok' && hist.history.length > 0, hist);

  const echoed = new Promise((resolve) => {
    const comm = kernel.createComm('fountain.echo');
    comm.onMsg = (m) => resolve(m.content.data);
    comm.open({}).done.then(() => comm.send({ ping: 1 }));
    setTimeout(() => resolve(null), 5000);
  });
  const data = await echoed;
  check('comm', data && data.ping === 1, data);

  const busy = run(kernel, 'for {}');
  await new Promise((ok) => setTimeout(ok, 500));
  const t0 = Date.now();
  await kernel.interrupt();
  r = await busy;
  check('interrupt', r.reply.status === 'error' && r.reply.ename === 'Interrupted' && Date.now() - t0 < 2000,
    { reply: r.reply, ms: Date.now() - t0 });
  r = await run(kernel, 'x + 1');
  check('usable after the interrupt', of(r.msgs, 'execute_result')[0]?.content.data['text/plain'] === '21', r);

  await kernel.restart();
  r = await run(kernel, 'x');
  check('restart clears state', r.reply.status === 'error', r.reply);
  r = await run(kernel, '1 + 1');
  check('usable after the restart', of(r.msgs, 'execute_result')[0]?.content.data['text/plain'] === '2', r);
} catch (e) {
  check('no exception', false, String(e && e.stack || e));
} finally {
  await kernel.shutdown().catch(() => {});
  kernel.dispose();
  manager.dispose();
}
process.exit(failed ? 1 : 0);
