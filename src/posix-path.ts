import path from 'node:path';

/** A path with `/` separators, as every path in privacy-lint's output is written. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
