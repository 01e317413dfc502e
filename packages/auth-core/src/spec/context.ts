/** Collects issues while a spec is read, and places them in the spec text or in a file. */
import type { Issue } from "../errors.ts";
import type { HostFunction } from "../types.ts";
import type { ParsedText, TextParser } from "./text.ts";

export interface SpecContext {
  files: Record<string, string | HostFunction>;
  /** Reads mapping files (YAML/JSON text) from `files`. */
  parseText: TextParser;
  /** Parsed mapping files by path, for placing issues found in them. */
  fileTexts: Map<string, ParsedText>;
  /** Issues in the order found; use `sortedIssues()` for reading order. */
  issues: Issue[];
  /** Spec issues by line/column, then issues in files by file and line/column. */
  sortedIssues(): Issue[];
  /** Adds an issue; line/column come from the spec text, or from `issue.file` when set. */
  report(issue: Issue): void;
}

export function createContext(files: Record<string, string | HostFunction>, specText: ParsedText | undefined, parseText: TextParser): SpecContext {
  const fileTexts = new Map<string, ParsedText>();
  const issues: Issue[] = [];
  const seen = new Set<string>();
  return {
    files,
    parseText,
    fileTexts,
    issues,
    sortedIssues() {
      const key = (issue: Issue): [string, number, number] => [issue.file ?? "", issue.line ?? 0, issue.column ?? 0];
      return [...issues].sort((a, b) => {
        const [fileA, lineA, columnA] = key(a);
        const [fileB, lineB, columnB] = key(b);
        return fileA.localeCompare(fileB) || lineA - lineB || columnA - columnB;
      });
    },
    report(issue) {
      const id = `${issue.file ?? ""}\u0000${issue.path}\u0000${issue.code}`;
      if (seen.has(id)) return;
      seen.add(id);
      if (issue.line !== undefined) {
        issues.push(issue);
        return;
      }
      const text = issue.file === undefined ? specText : fileTexts.get(issue.file);
      const position = text?.locate(issue.path);
      issues.push(position ? { ...issue, ...position } : issue);
    },
  };
}
