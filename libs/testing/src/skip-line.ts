/**
 * The visible line of a suite skipped because its server or program is missing. Written to
 * the process's stderr, not console.warn: Jest drops the console output of a suite whose
 * tests were all skipped, and a silent skip is what these lines exist to prevent.
 */
export function announceSkip(message: string): void {
  process.stderr.write(`${message}\n`);
}
