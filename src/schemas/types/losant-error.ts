/* eslint-disable */
// Generated from schemas/losant-error.schema.json by scripts/generate-schema-types.js. Do not edit.

export interface LosantError {
  type?: string;
  message?: string;
}
