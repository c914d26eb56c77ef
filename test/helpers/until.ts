/**
 * Resolves once `condition` holds (it may be async), checking every `everyMs`; rejects after
 * `withinMs`. For tests that wait on something another process or timer makes happen.
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  withinMs = 5000,
  everyMs = 10,
): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
