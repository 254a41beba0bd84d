/**
 * Reads a content folder and validates all of it before anything is written.
 *
 * Folder format: `categories.json` at the root holds an array of categories; every other `*.json`
 * file anywhere below the root is one guided path. Files and folders starting with a dot are
 * ignored.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType } from '@sinclair/typebox/value';
import { CategoryFile, GuidedPath, type CategoryInput } from '../../src/protocol/schemas.js';
import type { ContentBundle } from '../store/types.js';
import { stripMarks } from '../text.js';
import { invalidJsonOffset, positionOf } from './json-position.js';

/** One problem: the file (relative to the folder), a JSON pointer into it, and what is wrong. */
export interface ContentError {
  file: string;
  field: string;
  reason: string;
}

export type LoadResult = { ok: true; bundle: ContentBundle } | { ok: false; errors: ContentError[] };

export const CATEGORIES_FILE = 'categories.json';
/** Schema errors reported per file; the rest are usually consequences of the first ones. */
const MAX_ERRORS_PER_FILE = 50;

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((file) => !file.split('/').some((part) => part.startsWith('.')))
    .sort();
}

/** Parses one file; marks are stripped so that highlights can never be forged by content. */
function parseJson(raw: string, file: string, errors: ContentError[]): unknown {
  const text = raw.replace(/^\uFEFF/, '');
  try {
    return stripMarks(JSON.parse(text) as unknown);
  } catch {
    const { line, column } = positionOf(text, invalidJsonOffset(text));
    errors.push({ file, field: '', reason: `invalid JSON at line ${line}, column ${column}` });
    return undefined;
  }
}

/** What a schema accepts, in words, for error messages. */
function describe(schema: TSchema): string {
  if (schema.const !== undefined) return `'${schema.const}'`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as TSchema[]).map(describe).join(' or ');
  return schema.description ?? schema.type ?? 'a valid value';
}

/** Schema errors of one value, as content errors; true when there were none. */
function checkSchema(schema: TSchema, value: unknown, file: string, errors: ContentError[]): boolean {
  const before = errors.length;
  const seen = new Set<string>();
  for (const error of Value.Errors(schema, value)) {
    if (seen.has(error.path)) continue;
    seen.add(error.path);
    // Unions and described patterns read better in words than as TypeBox's generic message.
    const inWords =
      error.type === ValueErrorType.Union ||
      (error.type === ValueErrorType.StringPattern && error.schema.description !== undefined);
    const reason = inWords ? `must be ${describe(error.schema)}` : error.message;
    errors.push({ file, field: error.path, reason });
    if (errors.length - before >= MAX_ERRORS_PER_FILE) break;
  }
  return errors.length === before;
}

/** Reports the second and later occurrences of a key within one list. */
function checkUnique(keys: string[], what: string, field: (i: number) => string, file: string, errors: ContentError[]) {
  const first = new Map<string, number>();
  keys.forEach((key, i) => {
    const at = first.get(key);
    if (at === undefined) first.set(key, i);
    else errors.push({ file, field: field(i), reason: `${what} '${key}' is listed twice (first at ${field(at)})` });
  });
}

/** Rules the schema cannot express, within one path. */
function checkPath(path: GuidedPath, file: string, categories: Set<string>, errors: ContentError[]) {
  const stepIds = new Set(path.steps.map((s) => s.id));
  const target = (next: string, field: string) => {
    if (next !== 'resolved' && next !== 'escalate' && !stepIds.has(next)) {
      errors.push({ file, field, reason: `there is no step '${next}' in this path` });
    }
  };
  checkUnique(path.steps.map((s) => s.id), 'step id', (i) => `/steps/${i}/id`, file, errors);
  checkUnique(path.tags.map((t) => t.toLowerCase()), 'tag', (i) => `/tags/${i}`, file, errors);
  checkUnique(path.helpIds, 'help-id', (i) => `/helpIds/${i}`, file, errors);
  path.steps.forEach((step, i) => {
    step.choices?.forEach((choice, j) => target(choice.next, `/steps/${i}/choices/${j}/next`));
    if (step.next !== undefined) target(step.next, `/steps/${i}/next`);
  });
  if (path.firstStep !== undefined && !stepIds.has(path.firstStep)) {
    errors.push({ file, field: '/firstStep', reason: `there is no step '${path.firstStep}' in this path` });
  }
  if (!categories.has(path.category)) {
    errors.push({ file, field: '/category', reason: `there is no category '${path.category}'` });
  }
}

/** A key (path id, help-id) that only one file of the folder may use. */
function claim(
  owners: Map<string, string>,
  key: string,
  file: string,
  what: string,
  field: string,
  errors: ContentError[],
) {
  const owner = owners.get(key);
  if (owner === undefined) owners.set(key, file);
  else errors.push({ file, field, reason: `${what} '${key}' is also used by ${owner}` });
}

/**
 * Loads and validates a content folder. `knownCategories` are category ids that paths may use
 * besides the folder's own (those already in the database, unless the import replaces them).
 */
export async function loadContent(folder: string, knownCategories: Iterable<string> = []): Promise<LoadResult> {
  const dir = resolve(folder);
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
    return { ok: false, errors: [{ file: folder, field: '', reason: 'not a folder' }] };
  }
  const names = await jsonFiles(dir);
  const files: Record<string, string> = {};
  for (const file of names) files[file] = await readFile(join(dir, file), 'utf8');
  return validateContent(files, knownCategories);
}

/**
 * Validates a content folder given as its files (name relative to the folder → JSON text), as
 * `loadContent` read them or as the admin API's import receives them: names that are not
 * `.json`, or have a part starting with a dot, are left out.
 */
export function validateContent(given: Record<string, string>, knownCategories: Iterable<string> = []): LoadResult {
  const errors: ContentError[] = [];
  const files = Object.keys(given)
    .filter((file) => file.endsWith('.json') && !file.split('/').some((part) => part.startsWith('.') || part === ''))
    .sort();
  if (files.length === 0) {
    return { ok: false, errors: [{ file: '.', field: '', reason: 'no .json content files in this folder' }] };
  }

  let categories: CategoryInput[] = [];
  if (files.includes(CATEGORIES_FILE)) {
    const value = parseJson(given[CATEGORIES_FILE], CATEGORIES_FILE, errors);
    if (value !== undefined && checkSchema(CategoryFile, value, CATEGORIES_FILE, errors)) {
      categories = value as CategoryInput[];
      checkUnique(categories.map((c) => c.id), 'category id', (i) => `/${i}/id`, CATEGORIES_FILE, errors);
    }
  }
  const categoryIds = new Set([...knownCategories, ...categories.map((c) => c.id)]);

  const paths: GuidedPath[] = [];
  const pathOwners = new Map<string, string>();
  const helpIdOwners = new Map<string, string>();
  for (const file of files.filter((f) => f !== CATEGORIES_FILE)) {
    const value = parseJson(given[file], file, errors);
    if (value === undefined || !checkSchema(GuidedPath, value, file, errors)) continue;
    const path = value as GuidedPath;
    checkPath(path, file, categoryIds, errors);
    claim(pathOwners, path.id, file, 'path id', '/id', errors);
    path.helpIds.forEach((h, i) => claim(helpIdOwners, h, file, 'help-id', `/helpIds/${i}`, errors));
    paths.push(path);
  }
  return errors.length ? { ok: false, errors } : { ok: true, bundle: { categories, paths } };
}
