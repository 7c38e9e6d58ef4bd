import { ProblemException } from '../http/problem';

/** 429 with the same code and bilingual message whichever limit was reached. */
export function tooManyRequests(
  what: { vi: string; en: string },
  limit: number,
  retryAfter: number,
): ProblemException {
  return new ProblemException(429, 'HTTP.TOO_MANY_REQUESTS', {
    vi: `Quá nhiều ${what.vi}: tối đa ${limit} mỗi phút; thử lại sau ${retryAfter} giây`,
    en: `Too many ${what.en}: at most ${limit} a minute; retry in ${retryAfter} s`,
  });
}
