/**
 * Stripe's request encoding: application/x-www-form-urlencoded with bracket notation, as the SDK
 * writes it (node_modules/stripe/esm/utils.js, stringifyRequestData): `a[b]=1`, arrays as
 * `items[0][x]=1` (indexed) and also `expand[]=x` (appended), `null` as an empty string.
 */
import { invalid, missingParam } from './state';

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** `line_items[0][price_data][currency]` → ['line_items', '0', 'price_data', 'currency']. */
function splitKey(key: string): string[] | null {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match || match[1] === undefined) return null;
  const rest = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
  return [match[1], ...rest];
}

function isObject(value: FormValue | undefined): value is FormObject {
  return typeof value === 'object' && !Array.isArray(value);
}

/** Objects whose keys are all indices (from `[0]`, `[1]`, or appended `[]`) become arrays. */
function arraysFromIndices(value: FormValue): FormValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(arraysFromIndices);
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const key of keys) converted[key] = arraysFromIndices(value[key] ?? '');
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((index) => converted[String(index)] ?? '');
  }
  return converted;
}

export function parseForm(encoded: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const path = splitKey(key);
    if (!path || path.some((part) => FORBIDDEN.has(part))) continue;
    let node: FormObject = root;
    path.forEach((rawPart, depth) => {
      // `[]` appends: give it the next free index at this level.
      const part = rawPart === '' ? String(Object.keys(node).length) : rawPart;
      if (depth === path.length - 1) {
        node[part] = value;
        return;
      }
      const next = node[part];
      if (isObject(next)) {
        node = next;
      } else {
        const created: FormObject = {};
        node[part] = created;
        node = created;
      }
    });
  }
  const result = arraysFromIndices(root);
  return isObject(result) ? result : {};
}

/* Typed readers over a parsed form. */

export function str(form: FormObject, key: string): string | undefined {
  const value = form[key];
  return typeof value === 'string' ? value : undefined;
}

export function obj(form: FormObject, key: string): FormObject | undefined {
  const value = form[key];
  return isObject(value) ? value : undefined;
}

export function list(form: FormObject, key: string): FormValue[] {
  const value = form[key];
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
}

export function objects(form: FormObject, key: string): FormObject[] {
  return list(form, key).filter(isObject);
}

export function strings(form: FormObject, key: string): string[] {
  return list(form, key).filter((value): value is string => typeof value === 'string');
}

export function bool(form: FormObject, key: string): boolean | undefined {
  const value = str(form, key);
  return value === undefined ? undefined : value === 'true';
}

/** Integer parameter, or `undefined` when absent; NaN signals a malformed value. */
export function int(form: FormObject, key: string): number | undefined {
  const value = str(form, key);
  if (value === undefined) return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}

/** `metadata[k]=v` pairs; an empty value removes the key, as in Stripe. */
export function metadata(
  form: FormObject,
  base: Record<string, string> = {},
): Record<string, string> {
  const result = { ...base };
  const given = obj(form, 'metadata');
  if (!given) return result;
  for (const [key, value] of Object.entries(given)) {
    if (typeof value !== 'string') continue;
    if (value === '') delete result[key];
    else result[key] = value;
  }
  return result;
}

/** Stripe rejects parameters it does not know; so does the emulator, to catch typos early. */
export function known(form: FormObject, allowed: string[]): void {
  for (const key of Object.keys(form)) {
    if (key !== 'expand' && !allowed.includes(key)) {
      throw invalid(`Received unknown parameter: ${key}`, key);
    }
  }
}

export function required(form: FormObject, key: string): string {
  const value = str(form, key);
  if (!value) throw missingParam(key);
  return value;
}

export function absoluteUrl(form: FormObject, key: string): string | null {
  const value = str(form, key);
  if (value === undefined) return null;
  if (!/^https?:\/\/[^\s]+$/.test(value)) throw invalid(`Not a valid URL`, key);
  return value;
}
