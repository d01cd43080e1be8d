// For the worker threads that read and embed documents in the background: the
// thread lowers its own scheduling priority, so that when the machine's cores
// are all busy, the server's main thread (chat answers, pages) and the other
// processes it talks to go first. On Linux the nice value is per thread, and
// raising it needs no privilege; elsewhere the thread keeps its priority.
// Plain JavaScript: the workers that import it run outside the bundle.
import fs from "node:fs";
import os from "node:os";

// Ten steps below the process, as `nice` would: under contention such a thread gets about a tenth of a core's share.
const STEPS_DOWN = 10;

export function runInBackground() {
  try {
    // "<pid>/task/<tid>": this thread's own id (a synchronous call runs on the calling thread).
    const threadId = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(threadId) && threadId > 0) os.setPriority(threadId, Math.min(19, os.getPriority(threadId) + STEPS_DOWN));
  } catch {
    // No /proc (macOS, Windows) or not allowed: the thread runs at the process's priority.
  }
}
