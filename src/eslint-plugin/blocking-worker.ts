import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker, workerData, parentPort } from 'node:worker_threads';

/**
 * Synchronous calls into an asynchronous worker thread. ESLint rules are synchronous and `scan()`
 * is not; a fresh process per file (`execFileSync`) measured about 1.7 s a call (Node start-up,
 * module and rule loading), while one long-lived worker pays that once and then costs about
 * 0.2 ms a round trip on top of the work itself. The caller blocks in `Atomics.wait` until the
 * worker flags the shared signal, then takes the reply off a dedicated port with
 * `receiveMessageOnPort`, which needs no event-loop turn.
 */

/** The first call in a large project scans it whole; anything slower than this is a hang. */
const REPLY_TIMEOUT_MS = 10 * 60 * 1000;

const PENDING = 0;
const ANSWERED = 1;
const EXITED = 2;

interface WorkerSetup {
  port: MessagePort;
  signal: Int32Array;
}

interface Call<Request> {
  id: number;
  request: Request;
}

type Reply<Response> = { id: number; value: Response } | { id: number; error: { name: string; message: string; stack?: string } };

/** The calling side: starts the worker on first use and never keeps the process alive. */
export class BlockingWorker<Request, Response> {
  readonly #url: URL;
  readonly #signal = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  #running: { worker: Worker; port: MessagePort } | undefined;
  #lastId = 0;

  /** @param url the worker module; it must call {@link serveBlockingCalls}. */
  constructor(url: URL) {
    this.#url = url;
  }

  /** Sends one request and blocks until its reply; errors thrown in the worker are rethrown here. */
  call(request: Request): Response {
    const { worker, port } = this.#start();
    const id = ++this.#lastId;
    Atomics.store(this.#signal, 0, PENDING);
    worker.postMessage({ id, request } satisfies Call<Request>);
    if (Atomics.wait(this.#signal, 0, PENDING, REPLY_TIMEOUT_MS) === 'timed-out') {
      this.#stop();
      throw new Error(`privacy-lint: the scan worker did not answer within ${REPLY_TIMEOUT_MS / 1000} s`);
    }
    for (let received = receiveMessageOnPort(port); received; received = receiveMessageOnPort(port)) {
      const reply = received.message as Reply<Response>;
      // A reply to an earlier call that timed out in a previous worker cannot reach this port; any other id is a bug.
      if (reply.id !== id) throw new Error(`privacy-lint: the scan worker answered call ${reply.id} during call ${id}`);
      if ('value' in reply) return reply.value;
      throw Object.assign(new Error(`privacy-lint: ${reply.error.message}`), { name: reply.error.name, stack: reply.error.stack });
    }
    this.#stop();
    throw new Error(`privacy-lint: the scan worker stopped without answering (signal ${Atomics.load(this.#signal, 0)})`);
  }

  #start(): { worker: Worker; port: MessagePort } {
    if (this.#running) return this.#running;
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(this.#url, { workerData: { port: port2, signal: this.#signal } satisfies WorkerSetup, transferList: [port2] });
    worker.unref();
    port1.unref();
    // The reply path already reports a worker that dies mid-call; these only keep a late 'error'
    // event from crashing the linting process and make the next call start a fresh worker.
    worker.on('error', () => this.#forget(worker));
    worker.on('exit', () => this.#forget(worker));
    this.#running = { worker, port: port1 };
    return this.#running;
  }

  #forget(worker: Worker): void {
    if (this.#running?.worker === worker) this.#running = undefined;
  }

  #stop(): void {
    const running = this.#running;
    this.#running = undefined;
    if (running) void running.worker.terminate();
  }
}

/**
 * The worker side: answers each call with `handle`. Call it at the top of the worker module, and
 * load anything that can fail inside `handle`, so that a failure becomes a reply instead of a hang.
 */
export function serveBlockingCalls<Request, Response>(handle: (request: Request) => Promise<Response>): void {
  if (!parentPort) throw new Error('serveBlockingCalls() must run in a worker thread');
  const { port, signal } = workerData as WorkerSetup;
  let current: number | undefined;
  const answer = (reply: Reply<Response>): void => {
    current = undefined;
    port.postMessage(reply);
    Atomics.store(signal, 0, ANSWERED);
    Atomics.notify(signal, 0);
  };
  const fail = (id: number, error: unknown): void => {
    const e = error instanceof Error ? error : new Error(String(error));
    answer({ id, error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } });
  };
  parentPort.on('message', ({ id, request }: Call<Request>) => {
    current = id;
    handle(request).then(
      (value) => answer({ id, value }),
      (error: unknown) => fail(id, error),
    );
  });
  // An error outside the handler's promise (a stray timer) still answers the call in flight.
  process.on('uncaughtException', (error) => {
    if (current !== undefined) fail(current, error);
    process.exit(1);
  });
  process.on('exit', () => {
    Atomics.store(signal, 0, EXITED);
    Atomics.notify(signal, 0);
  });
}
