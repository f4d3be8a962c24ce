// One rule for every piece of text a caller sends, in every subgraph: no control characters and no
// broken UTF-16. A NUL reached MongoDB as an internal error ("must not contain null bytes"), and a
// lone surrogate was stored as U+FFFD — the record then said something other than what was sent.
// The rule is applied to every resolver's arguments where the schema is built (subgraph.ts), so no
// department calls it and a subgraph called directly with a service token enforces it too.
//
// Free text (String) may hold tab, line feed and carriage return: a written promise, a reason or an
// address may span lines. Nothing else below U+0020, no DEL, no C1 control (U+0080–U+009F); an ID
// holds no control character at all; and no text may consist of control characters only.
//
// Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) are refused everywhere: they
// make a name or a reason display as something other than what is stored ("Trojan Source"). An ID
// also refuses the invisible characters (zero-width space, joiners, marks, word joiner, BOM): two IDs
// that look the same must be the same; free text keeps them (emoji sequences join with U+200D).
import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badUserInput } from './errors';
import { inputFormat } from './input-format';

/** How strictly a scalar's text is read: free text allows line breaks and tabs, identifiers nothing. */
type TextKind = 'free' | 'identifier';

/** The scalars that carry caller text. `_Any` is an entity representation (`_entities`): its keys are text too. */
const TEXT_SCALARS: Record<string, TextKind> = { String: 'free', ID: 'identifier', _Any: 'identifier' };

const FREE_TEXT_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const IDENTIFIER_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F]/;
const ONLY_CONTROLS = /^[\u0000-\u001F\u007F-\u009F]+$/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (character: string) => `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Throws BAD_USER_INPUT naming the field when `text` breaks the rule. */
export function checkText(field: string, text: string, kind: TextKind = 'free'): void {
  const control = (kind === 'free' ? FREE_TEXT_FORBIDDEN : IDENTIFIER_FORBIDDEN).exec(text);
  if (control) {
    const at = codePoint(control[0]);
    throw badUserInput(field, `${field} 含有不允许的控制字符 ${at}`, `${field} contains the control character ${at}, which is not allowed`, { character: at, ...inputFormat('INPUT_CONTROL_CHARACTER') });
  }
  const format = BIDI_CONTROL.exec(text) ?? (kind === 'identifier' ? INVISIBLE.exec(text) : null);
  if (format) {
    const at = codePoint(format[0]);
    throw badUserInput(field, `${field} 含有不允许的格式控制字符 ${at}（改变显示方向或不可见）`, `${field} contains the format character ${at} (it changes the display direction or is invisible), which is not allowed`, { character: at, ...inputFormat('INPUT_CONTROL_CHARACTER') });
  }
  // Only tabs and line breaks left to check: allowed inside text, but not as all of it.
  if (ONLY_CONTROLS.test(text)) {
    throw badUserInput(field, `${field} 只含控制字符，没有内容`, `${field} consists of control characters only`, inputFormat('INPUT_CONTROL_CHARACTER'));
  }
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) {
    const at = codePoint(surrogate[0]);
    throw badUserInput(field, `${field} 含有不成对的 UTF-16 代理项 ${at}，不是有效文本`, `${field} contains a lone UTF-16 surrogate ${at}, which is not valid text`, { character: at, ...inputFormat('INPUT_LONE_SURROGATE') });
  }
}

/** Every string inside a JSON value (an entity representation), each at its own path. */
function checkJsonStrings(path: string, value: unknown): void {
  if (typeof value === 'string') checkText(path, value, 'identifier');
  else if (Array.isArray(value)) value.forEach((item, index) => checkJsonStrings(`${path}.${index}`, item));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) checkJsonStrings(`${path}.${key}`, item);
  }
}

/** Walks a coerced argument value by its input type: input objects, lists, and the text scalars in them. */
function checkValue(path: string, type: GraphQLInputType, value: unknown): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(path, type.ofType, value);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((item, index) => checkValue(`${path}.${index}`, type.ofType, item));
    else checkValue(path, type.ofType, value); // a single value given for a list
    return;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      if (fields[name]) checkValue(`${path}.${name}`, fields[name].type, item);
    }
    return;
  }
  if (!isScalarType(type)) return;
  const kind = TEXT_SCALARS[type.name];
  if (!kind) return;
  if (type.name === '_Any') checkJsonStrings(path, value);
  else if (typeof value === 'string') checkText(path, value, kind);
}

/** Checks every argument of a field call; the path starts at the argument's name (`filter.search`). */
export function checkTextArguments(definitions: readonly GraphQLArgument[], args: Record<string, unknown>): void {
  for (const definition of definitions) checkValue(definition.name, definition.type, args[definition.name]);
}

/** Does any text reach this input type? Fields without text arguments are left unwrapped. */
function carriesText(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name in TEXT_SCALARS;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => carriesText(field.type, seen));
}

/** Wraps the resolver of every field that takes text, so its arguments are checked before it runs. */
export function guardTextInputs(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.some((argument) => carriesText(argument.type))) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, context, info) => {
        checkTextArguments(field.args, args);
        return resolve(parent, args, context, info);
      };
    }
  }
  return schema;
}
