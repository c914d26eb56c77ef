/** A Losant Error body (losant.md §4: `{type, message}`) and the status it goes out with. */
export interface LosantErrorReply {
  readonly status: number;
  readonly body: { readonly type: string; readonly message: string };
}

/** Builds an Error reply. */
export function losantError(status: number, type: string, message: string): LosantErrorReply {
  return { status, body: { type, message } };
}

/** 400: [I] `Validation` is the likely type (losant.md §4); the message names the parameter. */
export const validationError = (message: string): LosantErrorReply =>
  losantError(400, 'Validation', message);

/** 404 as in Losant's published example (`{"type":"NotFound","message":"Application was not found"}`). */
export const notFound = (what: string): LosantErrorReply =>
  losantError(404, 'NotFound', `${what} was not found`);
