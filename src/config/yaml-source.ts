import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { ConfigProblem } from '../errors.js';
import { hintFor } from './did-you-mean.js';

/** Largest config file we read: a policy or rule file is a few KB; anything bigger is a mistake or an attack. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * A parsed YAML file that can place any node at `file:line:col`. Validation walks the node tree,
 * not the plain value, so that every problem points at the offending key or item.
 */
export class YamlSource {
  readonly document: Document.Parsed;
  private readonly lines = new LineCounter();
  readonly problems: ConfigProblem[] = [];

  constructor(readonly file: string, text: string) {
    // maxAliasCount bounds alias expansion ("billion laughs"); uniqueKeys rejects duplicate keys.
    this.document = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false, strict: true });
    for (const error of [...this.document.errors, ...this.document.warnings]) {
      const at = this.position(error.pos[0]);
      this.problems.push({ file, ...at, keyPath: '', message: error.message.split('\n')[0]! });
    }
  }

  position(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  at(node: Node | Pair | null | undefined): { line: number; column: number } {
    const range = node && 'range' in node ? node.range : node && 'key' in node ? (node.key as Node | null)?.range : undefined;
    return this.position(range?.[0] ?? 0);
  }

  report(node: Node | Pair | null | undefined, keyPath: string, message: string, hint?: string): void {
    this.problems.push({ file: this.file, ...this.at(node), keyPath, message, ...(hint ? { hint } : {}) });
  }

  /** The plain value of the document; aliases are expanded with a cap so a bomb fails instead of exhausting memory. */
  toJS(): unknown {
    try {
      return this.document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      this.report(this.document.contents, '', (error as Error).message);
      return undefined;
    }
  }
}

/** Typed readers over YAML nodes: each reports a located problem and returns undefined on a mismatch. */
export function readMap(
  src: YamlSource,
  node: unknown,
  keyPath: string,
  allowed: readonly string[],
): Map<string, { key: Node; value: Node | null }> | undefined {
  if (!isMap(node)) {
    src.report(node as Node, keyPath, `expected a mapping, got ${describe(node)}`);
    return undefined;
  }
  const out = new Map<string, { key: Node; value: Node | null }>();
  for (const pair of node.items) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : '';
    if (!allowed.includes(name)) {
      src.report(key, joinPath(keyPath, name), `unknown key "${name}"`, hintFor(name, allowed) ?? `allowed keys: ${allowed.join(', ')}`);
      continue;
    }
    out.set(name, { key, value: (pair.value as Node | null) ?? null });
  }
  return out;
}

export function readString(src: YamlSource, node: Node | null, keyPath: string): string | undefined {
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  src.report(node, keyPath, `expected a string, got ${describe(node)}`);
  return undefined;
}

export function readNumber(src: YamlSource, node: Node | null, keyPath: string): number | undefined {
  if (isScalar(node) && typeof node.value === 'number') return node.value;
  src.report(node, keyPath, `expected a number, got ${describe(node)}`);
  return undefined;
}

export function readBoolean(src: YamlSource, node: Node | null, keyPath: string): boolean | undefined {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  src.report(node, keyPath, `expected true or false, got ${describe(node)}`);
  return undefined;
}

/** A list of items; a single scalar is accepted where a list of one is meant. */
export function readList(src: YamlSource, node: Node | null, keyPath: string): Node[] | undefined {
  if (isSeq(node)) return node.items as Node[];
  if (isScalar(node) && node.value !== null) return [node];
  src.report(node, keyPath, `expected a list, got ${describe(node)}`);
  return undefined;
}

export function readStringList(src: YamlSource, node: Node | null, keyPath: string): string[] | undefined {
  const items = readList(src, node, keyPath);
  if (!items) return undefined;
  const out: string[] = [];
  items.forEach((item, i) => {
    if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) out.push(String(item.value));
    else src.report(item, `${keyPath}[${i}]`, `expected a string, got ${describe(item)}`);
  });
  return out;
}

export function joinPath(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}

function describe(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    return `${typeof v} ${JSON.stringify(v)}`;
  }
  return 'an unsupported value';
}
