/** JSON scalar types the codec writes as element or attribute text. */
export type ScalarType = 'string' | 'integer' | 'number' | 'boolean';

/** Text content typed by the schema; `types` empty means `type: null` only. */
export interface ScalarPlan {
  readonly kind: 'scalar';
  readonly types: readonly ScalarType[];
  /** No type information at all (`{}`, `true`): text is kept as a string. */
  readonly untyped: boolean;
}

/** A schema object mapped to child elements, attributes and (simple content) text. */
export interface ObjectPlan {
  readonly kind: 'object';
  /** Every mapped property, in `properties` order (the element order when encoding). */
  readonly fields: readonly FieldPlan[];
  readonly elements: readonly ElementFieldPlan[];
  /** Element fields by local name, for decoding. */
  readonly elementsByName: ReadonlyMap<string, readonly ElementFieldPlan[]>;
  readonly attributes: readonly AttributeFieldPlan[];
  readonly text: TextFieldPlan | undefined;
  /** `additionalProperties: false` (or `unevaluatedProperties: false`). */
  readonly closed: boolean;
  readonly keys: ReadonlySet<string>;
}

/** A wrapped array: the element's children are the items. */
export interface ArrayPlan {
  readonly kind: 'array';
  readonly item: ItemSlot;
}

/** What an element's content means. */
export type ContentPlan = ScalarPlan | ObjectPlan | ArrayPlan;

/**
 * A plan that may still be under construction: recursive schemas point at the plan of a `$ref`
 * target before it is finished. compileCodec fills every one before it returns.
 */
export interface PlanRef {
  plan: ContentPlan | undefined;
}

/** An element occurrence: its name, namespace rule and content. */
export interface ElementSlot {
  readonly name: string;
  /** undefined: the parent element's namespace (elementFormDefault="qualified"). */
  readonly namespace: string | undefined;
  readonly prefix: string | undefined;
  readonly content: PlanRef;
  /** The schema admits null here (written as xsi:nil). */
  readonly nullable: boolean;
}

/** An array item element; its name defaults to the wrapper's (or the property's) name. */
export interface ItemSlot extends Omit<ElementSlot, 'name'> {
  readonly name: string | undefined;
}

interface FieldBase {
  /** The JSON property name. */
  readonly key: string;
  /** Position in ObjectPlan.fields. */
  readonly index: number;
  /** '/'-prefixed, escaped JSON pointer token of the key. */
  readonly pointer: string;
}

/** A property held by a child element, or by repeated child elements (an unwrapped array). */
export interface ElementFieldPlan extends FieldBase {
  readonly kind: 'element';
  readonly slot: ElementSlot;
  /** An unwrapped array: each item is one `slot` element. */
  readonly repeated: boolean;
  /** An unwrapped array listed in `required`: no occurrence decodes to []. */
  readonly emptyAsArray: boolean;
}

/** A property held by an attribute. */
export interface AttributeFieldPlan extends FieldBase {
  readonly kind: 'attribute';
  readonly name: string;
  /** '' for an unqualified attribute. */
  readonly namespace: string;
  readonly prefix: string | undefined;
  readonly scalar: ScalarPlan;
}

/** A property held by the element's own text (`nodeType: 'text'`). */
export interface TextFieldPlan extends FieldBase {
  readonly kind: 'text';
  readonly scalar: ScalarPlan;
}

export type FieldPlan = ElementFieldPlan | AttributeFieldPlan | TextFieldPlan;

/** Reads a finished plan; compileCodec guarantees every PlanRef is filled. */
export function planOf(ref: PlanRef): ContentPlan {
  if (ref.plan === undefined) throw new Error('codec plan used before compilation finished');
  return ref.plan;
}
