import { ODataError } from '../../../../src/emulators/business-central/errors';
import { compileFilter } from '../../../../src/emulators/business-central/filter-eval';
import { parseFilter } from '../../../../src/emulators/business-central/filter-parser';
import { LOG_ENTRY_MODEL, type Row } from '../../../../src/emulators/business-central/model';

const row: Row = {
  id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
  jobQueueEntryId: '0d5b2f6e-8a3c-4e1f-9b7d-6c5a4e3f2d1c',
  userId: "O'BRIEN",
  startDateTime: '2025-04-28T09:15:42Z',
  endDateTime: '0001-01-01T00:00:00Z',
  objectIdToRun: 88,
  objectTypeToRun: 'Codeunit',
  status: 'In_x0020_Process',
  description: 'Sales Post via Job Queue',
  errorMessage: '',
  jobQueueCategoryCode: 'SALESPOST',
  parameterString: '',
  systemTaskId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
  userSessionId: 3713,
  userServiceInstanceId: 2,
  lastModifiedDateTime: '2025-04-28T09:15:42Z',
};

const keeps = (filter: string): boolean => compileFilter(parseFilter(filter), LOG_ENTRY_MODEL)(row);

function refusal(filter: string): ODataError {
  try {
    compileFilter(parseFilter(filter), LOG_ENTRY_MODEL);
  } catch (error) {
    if (error instanceof ODataError) return error;
    throw error;
  }
  throw new Error(`accepted: ${filter}`);
}

describe('parseFilter + compileFilter', () => {
  describe('when the filter is valid', () => {
    it.each([
      ["status eq 'In_x0020_Process'", true],
      ["status ne 'In_x0020_Process'", false],
      ["status gt 'Success'", true], // enums order by option ordinal
      ['startDateTime ge 2025-04-28T09:15:42Z', true],
      ['startDateTime gt 2025-04-28T09:15:42Z', false],
      ['startDateTime lt 2025-04-28T11:15:42+02:00', false],
      ['startDateTime le 2025-04-28T11:15:42.000+02:00', true],
      ['startDateTime ge 2025-04-28T09:15:41.9999999Z', true],
      ['endDateTime eq 0001-01-01T00:00:00Z', true],
      ['lastModifiedDateTime lt 2025-04-28T09:15Z', false],
      ['objectIdToRun eq 88 and userSessionId gt 3000', true],
      ['objectIdToRun eq 795 or objectIdToRun eq 88', true],
      ["not (status eq 'Success')", true],
      ["(status eq 'Success' or status eq 'Error') and objectIdToRun eq 88", false],
      ['id eq B2C3D4E5-F6A7-4B8C-9D0E-1F2A3B4C5D6E', true],
      ["userId eq 'O''BRIEN'", true],
      ["objectTypeToRun eq 'Codeunit'", true],
      ['endDateTime ne null', true],
      ['endDateTime eq null', false],
      ["  status   eq\t'In_x0020_Process'  ", true],
      ["contains(description, 'Post via')", true],
      ["contains(description, 'post via')", false], // contains is ordinal: case counts
      ["contains(tolower(description), 'post via')", true],
      ["contains(tolower(description),'sales post')", true],
      ["contains(tolower(errorMessage), 'sales')", false],
      ["contains(errorMessage, '')", true],
      ["contains(tolower(userId), 'o''brien')", true],
      ["contains(tolower(description), 'x') or contains(tolower(userId), 'brien')", true],
      ["contains(tolower(description), 'sales') and status eq 'Success'", false],
      ["not contains(description, 'Sales')", false],
      ["tolower(userId) eq 'o''brien'", true],
      ["tolower(tolower(userId)) eq 'o''brien'", true],
      ["contains('Sales Post via Job Queue and more', description)", true],
      ["contains(tolower('JOB QUEUE'), tolower('Queue'))", true],
    ])('%s keeps the row: %s', (filter, expected) => {
      expect(keeps(filter)).toBe(expected);
    });
  });

  describe('when the filter is malformed', () => {
    it.each([
      ['status eq', /^Syntax error at position 9 in 'status eq'\.$/],
      ["status eq 'Success", /unterminated string literal at position 10/],
      ["status eq 'Success' and", /Syntax error at position 23/],
      ["(status eq 'Success'", /'\)' or operator expected at position 20/],
      ["status eq 'Success')", /'\)' or operator expected at position 19/],
      ["status equals 'Success'", /expected a comparison operator at position 7/],
      ["startswith(description, 'Post')", /function 'startswith' is not supported/],
      ["tolower(description) eq 'x' and toupper(userId) eq 'X'", /'toupper' is not supported/],
      ["soundex(description) eq 'x'", /unknown function with name 'soundex' was found/],
      ["contains(description 'Post')", /'\)' or ',' expected at position 21/],
      ["contains(description, 'Post'", /'\)' or ',' expected at position 28/],
      ["contains(description, 'Post') eq true", /'\)' or operator expected at position 30/],
      ['tolower(description)', /expected a comparison operator at position 20/],
      ['status eq %', /character '%' is not valid at position 10/],
      ['', /Syntax error at position 0/],
      ['not '.repeat(60) + "status eq 'Error'", /recursion limit/],
    ])('%p is refused: %s', (filter, message) => {
      const error = refusal(filter);
      expect(error).toMatchObject({ status: 400, code: 'BadRequest' });
      expect(error.message).toMatch(message);
    });
  });

  describe('when the filter does not fit the entity type', () => {
    it.each([
      [
        "nope eq 'x'",
        "Could not find a property named 'nope' on type 'Microsoft.NAV.jobQueueLogEntry'.",
      ],
      [
        "status eq 'In Process'",
        "The string 'In Process' is not a valid enumerated type constant for 'status'.",
      ],
      [
        'status eq 1',
        "Found operand types 'Microsoft.NAV.jobQueueLogEntryStatus' and 'Edm.Int32' for operator kind 'Equal'",
      ],
      [
        "startDateTime ge '2025-01-01T00:00:00Z'",
        "Found operand types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind 'GreaterThanOrEqual'",
      ],
      [
        "id eq 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e'",
        "Found operand types 'Edm.Guid' and 'Edm.String'",
      ],
      [
        "errorCallStack eq 'x'",
        "The property 'errorCallStack' cannot be used in the $filter query option.",
      ],
      [
        'startDateTime ge 2025-13-45T99:00:00Z',
        "The DateTimeOffset literal '2025-13-45T99:00:00Z' is invalid.",
      ],
      [
        'contains(description)',
        "No function signature for the function with name 'contains' matches the specified arguments. The function signatures considered are: contains(Edm.String Nullable=true, Edm.String Nullable=true).",
      ],
      [
        "contains(description, 'a', 'b')",
        "No function signature for the function with name 'contains' matches",
      ],
      [
        'contains(objectIdToRun, 88)',
        "No function signature for the function with name 'contains'",
      ],
      ["contains(status, 'Err')", "No function signature for the function with name 'contains'"],
      [
        'tolower(startDateTime) eq 1',
        "No function signature for the function with name 'tolower' matches the specified arguments. The function signatures considered are: tolower(Edm.String Nullable=true).",
      ],
      ["tolower(contains(description, 'x')) eq 'x'", "function with name 'contains'"],
      ["tolower(objectTypeToRun) eq 'codeunit'", "function with name 'tolower' matches"],
      ["contains(tolower(nope), 'x')", "Could not find a property named 'nope'"],
      ["contains(errorCallStack, 'x')", "The property 'errorCallStack' cannot be used"],
      ['tolower(description) eq 1', "Found operand types 'Edm.String' and 'Edm.Int32'"],
    ])('%p is refused', (filter, message) => {
      expect(refusal(filter).message).toContain(message);
    });
  });
});
