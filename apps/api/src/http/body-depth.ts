import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE } from './problem';

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
export function rejectDeepBodies(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (
    body === null ||
    typeof body !== 'object' ||
    jsonDepth(body, MAX_BODY_DEPTH) <= MAX_BODY_DEPTH
  )
    return next();
  res.status(400).setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  res.send(
    JSON.stringify({
      type: 'urn:budget-ledger:problem:HTTP.BODY_TOO_DEEP',
      title: 'Bad Request',
      status: 400,
      code: 'HTTP.BODY_TOO_DEEP',
      message: {
        vi: `Nội dung yêu cầu lồng quá ${MAX_BODY_DEPTH} cấp`,
        en: `Request body nested deeper than ${MAX_BODY_DEPTH} levels`,
      },
      detail: `Request body nested deeper than ${MAX_BODY_DEPTH} levels`,
    }),
  );
}
