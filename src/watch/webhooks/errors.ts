/**
 * A webhook endpoint configuration that cannot be used. Raised at start-up, before any delivery;
 * its message names the endpoint and the field, never the URL or the secret, so it can be logged
 * and shown as is.
 */
export class WebhookConfigError extends Error {
  override readonly name = 'WebhookConfigError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? `Invalid webhook configuration: ${problems[0]}`
        : `Invalid webhook configuration:\n  - ${problems.join('\n  - ')}`,
    );
    this.problems = problems;
  }
}
