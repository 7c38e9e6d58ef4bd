import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from './problem';

/** No request of this API nests deeper than a plan's outputs (about 4 levels). */
export const MAX_BODY_DEPTH = 16;

/** Depth of a parsed JSON value, walked without recursion (a hostile body can't blow the stack). */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node as Record<string, unknown>))
      stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Refuses bodies nested deeper than any real request, before validation or hashing walks
 * them recursively: 400 with code HTTP.BODY_TOO_DEEP, like every other bad input.
 */
export function rejectDeepBodies(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (
    body === null ||
    typeof body !== 'object' ||
    jsonDepth(body, MAX_BODY_DEPTH) <= MAX_BODY_DEPTH
  )
    return next();
  // Through the exception filter, so the refusal is answered and logged like any other.
  next(
    new ProblemException(400, 'HTTP.BODY_TOO_DEEP', {
      vi: `Nội dung yêu cầu lồng quá ${MAX_BODY_DEPTH} cấp`,
      en: `Request body nested deeper than ${MAX_BODY_DEPTH} levels`,
    }),
  );
}

/** Keys that name an object's prototype machinery: no request of this API has them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The dotted path of the first prototype key in a parsed body, walked without recursion. */
export function prototypeKeyIn(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, string];
    if (node === null || typeof node !== 'object') continue;
    // Object.keys lists an own "__proto__" (JSON.parse makes one) like any other key.
    for (const key of Object.keys(node)) {
      const at = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) return at;
      stack.push([(node as Record<string, unknown>)[key], at]);
    }
  }
  return null;
}

/**
 * Refuses bodies with `__proto__`, `constructor` or `prototype` keys (400
 * VALIDATION.FORBIDDEN_KEY) before anything copies them onto an object: the contract
 * refuses unknown keys, and these would otherwise be dropped silently on the way to the DTO.
 */
export function rejectPrototypeKeys(req: Request, _res: Response, next: NextFunction): void {
  const at = prototypeKeyIn(req.body);
  if (at === null) return next();
  next(
    new ProblemException(
      400,
      'VALIDATION.FORBIDDEN_KEY',
      {
        vi: `Nội dung yêu cầu có khóa không được phép "${at.slice(0, 100)}"`,
        en: `The request body holds a forbidden key "${at.slice(0, 100)}"`,
      },
      [
        {
          field: at.slice(0, 200),
          code: 'VALIDATION.FORBIDDEN_KEY',
          message: { vi: 'khóa không được phép', en: 'forbidden key' },
        },
      ],
    ),
  );
}
