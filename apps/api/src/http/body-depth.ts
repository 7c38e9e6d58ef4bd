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
