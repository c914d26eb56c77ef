/** An enum (AL option) type: encoded member names with their ordinals. */
export interface EnumType {
  readonly name: string;
  readonly members: ReadonlyArray<readonly [string, number]>;
}

/** The EDM type of one entity property, as far as query options need it. */
export type PropertyType = 'guid' | 'string' | 'int' | 'datetime' | 'stream' | EnumType;

/** An entity type: its qualified name and its properties in JSON order. */
export interface EntityModel {
  readonly typeName: string;
  readonly properties: Readonly<Record<string, PropertyType>>;
}

/** A row as the query engine reads it: the entity's inline properties by name. */
export type Row = Readonly<Record<string, unknown>>;

// AL OptionMembers = Success,"In Process",Error, sent as encoded member names (§3.1) [I].
const JOB_QUEUE_LOG_STATUS: EnumType = {
  name: 'Microsoft.NAV.jobQueueLogEntryStatus',
  members: [
    ['Success', 0],
    ['In_x0020_Process', 1],
    ['Error', 2],
  ],
};

// AL option ",,,Report,,Codeunit": only ordinals 3 and 5 have names (§3.1).
const OBJECT_TYPE: EnumType = {
  name: 'Microsoft.NAV.jobQueueObjectType',
  members: [
    ['Report', 3],
    ['Codeunit', 5],
  ],
};

/** jobQueueLogEntry (page 30090), properties in the page's order (§3). */
export const LOG_ENTRY_MODEL: EntityModel = {
  typeName: 'Microsoft.NAV.jobQueueLogEntry',
  properties: {
    id: 'guid',
    jobQueueEntryId: 'guid',
    userId: 'string',
    startDateTime: 'datetime',
    endDateTime: 'datetime',
    objectIdToRun: 'int',
    objectTypeToRun: OBJECT_TYPE,
    status: JOB_QUEUE_LOG_STATUS,
    description: 'string',
    errorMessage: 'string',
    jobQueueCategoryCode: 'string',
    errorCallStack: 'stream',
    parameterString: 'string',
    systemTaskId: 'guid',
    userSessionId: 'int',
    userServiceInstanceId: 'int',
    lastModifiedDateTime: 'datetime',
  },
};

/** company (API v2.0 companies). */
export const COMPANY_MODEL: EntityModel = {
  typeName: 'Microsoft.NAV.company',
  properties: {
    id: 'guid',
    systemVersion: 'string',
    timestamp: 'int',
    name: 'string',
    displayName: 'string',
    businessProfileId: 'string',
    systemCreatedAt: 'datetime',
    systemCreatedBy: 'guid',
    systemModifiedAt: 'datetime',
    systemModifiedBy: 'guid',
  },
};

/** The EDM name of a property type, for error messages. */
export function edmName(type: PropertyType): string {
  if (typeof type === 'object') return type.name;
  const names = {
    guid: 'Edm.Guid',
    string: 'Edm.String',
    int: 'Edm.Int32',
    datetime: 'Edm.DateTimeOffset',
    stream: 'Edm.Stream',
  } as const;
  return names[type];
}

/** The type of a property, or undefined when the entity has no such property. */
export function propertyType(model: EntityModel, name: string): PropertyType | undefined {
  return Object.hasOwn(model.properties, name) ? model.properties[name] : undefined;
}
