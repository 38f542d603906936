/**
 * Runs async update handlers one at a time: each waits for the previous one to finish, so two handlers that call
 * activities never interleave their reads and writes of workflow state. Deterministic (plain promise chaining).
 */
export function createMutex(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
