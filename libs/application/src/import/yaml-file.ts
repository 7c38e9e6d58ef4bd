import { isNode, LineCounter, parseDocument } from 'yaml';
import type { ImportProblem } from './import-problem';

export type PathSegments = readonly (string | number)[];

/** A data file, parsed: its value (null when it could not be parsed) and where each path sits. */
export interface ParsedFile {
  readonly file: string;
  readonly value: unknown;
  readonly problems: readonly ImportProblem[];
  /** The line of the deepest node on `path` that exists; null if none. */
  lineOf(path: PathSegments): number | null;
}

/** Aliases a data file may expand (none of the example's files uses any). */
export const MAX_ALIASES = 100;

/**
 * Parses YAML 1.2 (core schema: `2024-03-25` stays a string, never a Date). Duplicate
 * keys are errors: the second `amount:` of an item must not silently win.
 */
export function parseYamlFile(file: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: ImportProblem[] = doc.errors.map((error) => {
    const firstLine = error.message.split('\n')[0] ?? error.message;
    return {
      file,
      path: '',
      line: lineCounter.linePos(error.pos[0]).line,
      code: 'IMPORT.YAML_SYNTAX',
      message: { vi: `lỗi cú pháp YAML: ${firstLine}`, en: `YAML syntax error: ${firstLine}` },
    };
  });
  let value: unknown = null;
  if (problems.length === 0) {
    try {
      // Aliases expand on conversion: a "billion laughs" file stops here, not in memory.
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch {
      problems.push({
        file,
        path: '',
        line: null,
        code: 'IMPORT.YAML_ALIASES',
        message: {
          vi: `tệp dùng bí danh YAML (&/*) quá nhiều lần (tối đa ${MAX_ALIASES}): bộ dữ liệu không cần đến chúng`,
          en: `the file expands YAML aliases (&/*) too often (at most ${MAX_ALIASES}): a data set needs none`,
        },
      });
    }
  }
  return {
    file,
    value,
    problems,
    lineOf(path) {
      for (let depth = path.length; depth > 0; depth--) {
        const node: unknown = doc.getIn(path.slice(0, depth), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return null;
    },
  };
}
