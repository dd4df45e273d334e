/**
 * Runs `work` once the browser is idle (requestIdleCallback; a timer where there is none, e.g. Safari), at the latest
 * after `timeoutMs`; returns the cancel. For work nothing on the screen waits for — the signed-in name in the header —
 * so that it leaves the task in which a page adopts the server's HTML (hydration's effects) and runs in a gap instead
 * (issue 12: on a phone, 4× slower, each request sent is ~10–20 ms of main thread inside a task that is already long).
 */
export function whenIdle(work: () => void, timeoutMs = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 1);
  return () => clearTimeout(id);
}
